"""Wall time of ``dsws --help`` and of each subcommand's ``--help``, as a person waits for it.

Each command runs as its own process (a cold interpreter, as at a shell prompt) several
times; the script prints the minimum and the median. The goal is under 1 s for each:
only the subcommand asked about is imported, never jupyter_server or the CDK.

    .venv/bin/python benchmarks/cli_help.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from jupyter_dsws.cli import SUBCOMMANDS


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jupyter_dsws.cli", *argv], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'command':<28}{'min':>8}{'median':>9}")
    for argv in ([], *([name] for name in SUBCOMMANDS)):
        times = [timed([*argv, "--help"]) for _ in range(runs)]
        label = " ".join(["dsws", *argv, "--help"])
        print(f"{label:<28}{min(times):>7.2f}s{statistics.median(times):>8.2f}s")


if __name__ == "__main__":
    main()
