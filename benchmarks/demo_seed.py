"""The demo's seed (what `dsws demo` does before JupyterLab starts): its wall time against
a fresh emulator, and the EMR part's share (the VPC, Studio's domain and profiles, the
clusters and the Serverless application).

Run with the development environment: `.venv/bin/python benchmarks/demo_seed.py
[--runs 3]`. Prints figures; asserts nothing (it replaced a timed test of the seed).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from jupyter_dsws.demo import seed as seed_module
from jupyter_dsws.demo.emulator import Emulator

REGION = "eu-central-1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    emr_seconds: list[float] = []
    seed_emr = seed_module.seed_emr

    def timed_emr(*given: Any) -> Any:
        started = time.monotonic()
        try:
            return seed_emr(*given)
        finally:
            emr_seconds.append(time.monotonic() - started)

    seed_module.seed_emr = timed_emr  # type: ignore[assignment]
    with Emulator() as emulator:
        for run in range(1, args.runs + 1):
            emulator.reset()
            started = time.monotonic()
            with tempfile.TemporaryDirectory() as workdir:
                seed_module.seed(emulator.endpoint_url, REGION, Path(workdir))
            total = time.monotonic() - started
            print(f"run {run}: seed {total:.2f} s, of which EMR {emr_seconds[-1]:.2f} s")


if __name__ == "__main__":
    main()
