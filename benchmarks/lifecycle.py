"""Wall time of the lifecycle script in the sandbox (tests/lifecycle/lcc_sandbox.py).

For each round: a first run at a fresh app start with an empty cache (download, verify,
pip install, config), a second run in the same app (nothing to do), and a later app start
(fresh environment, wheelhouse from the cache under HOME). S3 is moto's server on 127.0.0.1,
so the download figure is a floor: in Studio add the S3 gateway endpoint's transfer time.

    .venv/bin/python benchmarks/lifecycle.py [--wheel dist/jupyter_dsws-*.whl] [--rounds 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
from pathlib import Path

import boto3
from moto.server import ThreadedMotoServer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "lifecycle"))

from lcc_sandbox import Sandbox, ensure_env, reset_studio  # noqa: E402

from jupyter_dsws.lifecycle.awsapi import Calls  # noqa: E402
from jupyter_dsws.lifecycle.build import build  # noqa: E402
from jupyter_dsws.lifecycle.publish import publish  # noqa: E402
from jupyter_dsws.lifecycle.settings import Settings  # noqa: E402

REGION = "eu-central-1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    wheel = args.wheel or Path(os.environ.get("DSWS_WHEEL") or
                               next(iter(sorted((ROOT / "dist").glob("jupyter_dsws-*.whl"))), ""))
    if not wheel.is_file():
        parser.error("no wheel: pass --wheel, set DSWS_WHEEL or run `make wheel`")

    studio, awscli = ensure_env("studio"), ensure_env("awscli")
    for name in ("AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"):
        os.environ.pop(name, None)
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per S3 request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    times: dict[str, list[float]] = {"first run (download + install)": [],
                                     "second run (same app)": [],
                                     "later app start (from the cache)": []}
    try:
        s3 = boto3.client("s3", region_name=REGION, endpoint_url=endpoint)
        s3.create_bucket(Bucket="dsws-bench",
                         CreateBucketConfiguration={"LocationConstraint": REGION})
        with tempfile.TemporaryDirectory(prefix="dsws-lcc-bench-") as tmp:
            work = Path(tmp)
            built = build(s3_uri="s3://dsws-bench/dsws", out=work / "out", wheel=wheel,
                          settings=Settings(region=REGION, idle_timeout_minutes=90))
            publish(Calls(out=lambda _line: None), s3, s3_uri="s3://dsws-bench/dsws",
                    out=work / "out")
            bin_dir = work / "bin"
            bin_dir.mkdir()
            (bin_dir / "aws").symlink_to(awscli / "bin" / "aws")
            restart = work / "restart-jupyter-server"
            restart.write_text("#!/bin/sh\nexit 0\n")
            restart.chmod(0o755)
            for round_number in range(args.rounds):
                home = work / f"home-{round_number}"
                home.mkdir()
                box = Sandbox(prefix=studio, home=home, aws_bin=bin_dir, endpoint=endpoint,
                              restart_log=work / "restarts.log",
                              metadata=work / "no-metadata.json")
                reset_studio(studio)
                for label in times:
                    if label.startswith("later"):
                        reset_studio(studio)
                    run = box.run(built.script)
                    if run.returncode != 0 or "skipped" in run.summary:
                        print(run.output)
                        return 1
                    times[label].append(run.seconds)
            reset_studio(studio)
    finally:
        server.stop()

    print(f"Lifecycle script, {args.rounds} rounds, wheel {wheel.name} "
          f"({wheel.stat().st_size // 1024} KiB), S3 = moto on 127.0.0.1:")
    for label, values in times.items():
        print(f"  {label:36s} median {statistics.median(values):5.2f} s  "
              f"(min {min(values):.2f}, max {max(values):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
