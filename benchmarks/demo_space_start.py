"""A demo space's start (jupyter_dsws/demo/space_apps.py): the fresh prefix made from the image
(every start makes one), and a whole start without a lifecycle script until the server
answers, then its stop.

Run with the development environment: `.venv/bin/python benchmarks/demo_space_start.py
[--prefixes 20] [--starts 2]`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from jupyter_dsws.demo.emulator import Emulator
from jupyter_dsws.demo.lab import lab_environment
from jupyter_dsws.demo.space_apps import SpaceApps
from jupyter_dsws.demo.space_places import free_port
from jupyter_dsws.demo.studio import AppRecord
from jupyter_dsws.demo.studio_image import Image, make_prefix

REGION = "eu-central-1"
APP = AppRecord(account="123456789012", region=REGION, domain_id="d-bench", space_name="bench",
                user_profile_name=None, app_type="JupyterLab", app_name="default",
                arn=f"arn:aws:sagemaker:{REGION}:123456789012:app/d-bench/bench/jupyterlab/default",
                instance_type="ml.t3.medium", lifecycle_scripts=(), execution_role_arn=None)


class Plane:
    def __init__(self) -> None:
        self.event = threading.Event()
        self.what = ""

    def app_in_service(self, arn: str) -> None:
        self.what = "InService"
        self.event.set()

    def app_failed(self, arn: str, reason: str) -> None:
        self.what = f"Failed: {reason}"
        self.event.set()

    def app_deleted(self, arn: str) -> None:
        self.what = "Deleted"
        self.event.set()

    def wait(self) -> str:
        self.event.wait()
        self.event.clear()
        return self.what


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prefixes", type=int, default=20)
    parser.add_argument("--starts", type=int, default=2)
    args = parser.parse_args()
    image = Image.of(Path(sys.prefix))
    with tempfile.TemporaryDirectory() as work:
        seconds = []
        for _ in range(args.prefixes):
            started = time.perf_counter()
            make_prefix(image, Path(work) / "conda")
            seconds.append(time.perf_counter() - started)
        entries = len(os.listdir(image.site_packages))
        print(f"fresh prefix from {image.prefix} ({entries} site-packages entries): "
              f"median {statistics.median(seconds) * 1000:.1f} ms, "
              f"max {max(seconds) * 1000:.1f} ms over {args.prefixes}")
        with Emulator() as emulator:
            state = Path(work) / "state"
            env = lab_environment(os.environ, region=REGION, endpoint_url=emulator.endpoint_url,
                                  state_dir=state, token="bench", clone_url="")
            plane = Plane()
            host = SpaceApps(plane, state_dir=state, image=image.prefix, environment=env,
                             token="bench", endpoint_url=emulator.endpoint_url, region=REGION,
                             default_port=free_port())
            try:
                for run in range(1, args.starts + 1):
                    started = time.perf_counter()
                    host.start(APP)
                    what = plane.wait()
                    ready = time.perf_counter() - started
                    started = time.perf_counter()
                    host.stop(APP)
                    plane.wait()
                    print(f"start {run}: {what} in {ready:.2f} s, "
                          f"stopped in {time.perf_counter() - started:.2f} s")
            finally:
                host.close()


if __name__ == "__main__":
    main()
