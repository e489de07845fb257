"""Check that an environment with only our wheel installed loads the extension cleanly.

    python scripts/check_wheel_env.py ENV [--jupyterlab X.Y.Z] [--jupyter-server X.Y.Z]

Fails unless `jupyter labextension list` says our extension is enabled and OK (not "not
compatible"), `jupyter server extension list` validates it, and, when given, the
environment runs exactly the JupyterLab and jupyter_server versions named.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(env: Path, *args: str) -> str:
    result = subprocess.run([str(env / "bin" / args[0]), *args[1:]], capture_output=True,
                            text=True, timeout=120, check=True)
    return ANSI.sub("", result.stdout + result.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("env", type=Path)
    parser.add_argument("--jupyterlab")
    parser.add_argument("--jupyter-server")
    args = parser.parse_args(argv)
    problems: list[str] = []

    versions = run(args.env, "python", "-c",
                   "import jupyterlab, jupyter_server, jupyter_dsws; "
                   "print(jupyterlab.__version__, jupyter_server.__version__, "
                   "jupyter_dsws.__version__)").split()
    lab, server, ours = versions[-3:]
    for name, wanted, found in (("jupyterlab", args.jupyterlab, lab),
                                ("jupyter_server", args.jupyter_server, server)):
        if wanted and wanted != found:
            problems.append(f"{name} is {found}, expected {wanted}")

    labext = run(args.env, "jupyter", "labextension", "list")
    line = next((li for li in labext.splitlines() if "jupyter_dsws" in li and "v" in li), "")
    if not re.search(rf"jupyter_dsws v{re.escape(ours)} enabled\s+OK", line):
        problems.append(f"labextension list does not say enabled OK:\n{labext}")
    if "not compatible" in labext or "incompatible" in labext.lower():
        problems.append(f"labextension list reports an incompatibility:\n{labext}")

    serverext = run(args.env, "jupyter", "server", "extension", "list")
    if not re.search(rf"jupyter_dsws {re.escape(ours)} OK", serverext):
        problems.append(f"server extension list does not validate jupyter_dsws:\n{serverext}")

    if problems:
        print(f"{args.env}: " + "\n".join(problems))
        return 1
    print(f"{args.env}: jupyter_dsws {ours} loads cleanly in JupyterLab {lab}, "
          f"jupyter_server {server}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
