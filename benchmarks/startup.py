"""What does our extension add to the Jupyter server's start-up?

A bare jupyter-server (every installed extension turned off) and the same server with only
jupyter_dsws on are started in turn, each in a fresh process, until they are ready (the
port bound and every extension's start hook run), then stopped. Prints, for each, the
process's CPU time (user + system) and wall time, median over the runs, and the ratio
dsws / bare of the CPU time, taken pair by pair.

    .venv/bin/python benchmarks/startup.py [--runs 11]

One start alone, for an external timer (each prints nothing and exits when ready); compile
the package first, as pip does at install (with PYTHONDONTWRITEBYTECODE set, every start
would otherwise compile our modules again):

    .venv/bin/python -m compileall -q jupyter_dsws
    .venv/bin/python benchmarks/startup.py --once bare
    .venv/bin/python benchmarks/startup.py --once dsws

The extension runs as it would outside Studio with an unreachable AWS: a region, an endpoint
on a port that refuses, a temporary home and root folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time

OTHERS = ("jupyter_lsp", "jupyter_server_terminals", "jupyterlab", "notebook_shim",
          "nbclassic", "notebook", "jupyter_server_fileid", "jupyter_server_ydoc")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_once(mode: str) -> None:
    """Start a server in this process, stop it as soon as it is ready."""
    from jupyter_server.serverapp import ServerApp

    extensions = {name: False for name in (*OTHERS, "jupyter_dsws")}
    extensions["jupyter_dsws"] = mode == "dsws"
    with tempfile.TemporaryDirectory() as root:
        app = ServerApp()
        app.jpserver_extensions = extensions
        argv = ["--no-browser", "--allow-root", "--ip=127.0.0.1", "--port=0",
                f"--ServerApp.root_dir={root}", "--IdentityProvider.token=bench",
                "--log-level=ERROR", "--DSWSExtension.region=eu-central-1",
                f"--DSWSExtension.aws_endpoint_url=http://127.0.0.1:{closed_port()}",
                f"--DSWSExtension.state_dir={root}/.dsws"]
        app.initialize(argv)
        started = app._post_start

        async def ready_then_stop() -> None:
            await started()
            app.stop()

        app._post_start = ready_then_stop
        app.start()


def measure(mode: str, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one fresh process that starts a server."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--once", mode], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--once", choices=("bare", "dsws"))
    args = parser.parse_args()
    if args.once:
        start_once(args.once)
        return
    import compileall

    import jupyter_dsws

    compileall.compile_dir(os.path.dirname(jupyter_dsws.__file__), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, AWS_ACCESS_KEY_ID="testing",
                   AWS_SECRET_ACCESS_KEY="testing", AWS_CONFIG_FILE=os.devnull,
                   AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true",
                   JUPYTER_RUNTIME_DIR=os.path.join(home, "runtime"))
        measure("bare", env)  # warm the file cache
        measure("dsws", env)
        runs: dict[str, list[tuple[float, float]]] = {"bare": [], "dsws": []}
        ratios = []
        for _ in range(args.runs):
            bare = measure("bare", env)
            dsws = measure("dsws", env)
            runs["bare"].append(bare)
            runs["dsws"].append(dsws)
            ratios.append(dsws[0] / bare[0])
    for mode, samples in runs.items():
        cpu = statistics.median(s[0] for s in samples) * 1000
        wall = statistics.median(s[1] for s in samples) * 1000
        print(f"{mode:5s} server to ready and stopped: CPU {cpu:6.0f} ms  wall {wall:6.0f} ms"
              f"  (median of {len(samples)})")
    print(f"CPU ratio dsws / bare, pair by pair: median {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")


if __name__ == "__main__":
    main()
