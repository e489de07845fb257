"""How fast is GET /dsws/status, and does the server stay responsive while AWS is slow?

Starts moto's server and a Jupyter server with our extension (both on 127.0.0.1), then
prints:
  1. status latency against the emulator (sequential, then 8 concurrent clients);
  2. the latency of Jupyter's own /api/status while 8 status calls wait on an AWS endpoint
     that accepts and never answers: if our AWS calls blocked the event loop, this would
     climb to seconds.

    .venv/bin/python benchmarks/status_latency.py [--requests 200]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import boto3
from moto.server import ThreadedMotoServer

from jupyter_dsws.registry import register_model

TOKEN = "bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyter(endpoint: str, args: tuple[str, ...] = ()):
    """A Jupyter server with our extension against ``endpoint``; ``args``: more options."""
    port = free_port()
    with tempfile.TemporaryDirectory() as root:
        env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull)
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root",
             "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={TOKEN}",
             f"--ServerApp.root_dir={root}", "--DSWSExtension.region=eu-central-1",
             f"--DSWSExtension.aws_endpoint_url={endpoint}", "--log-level=WARN", *args],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    get(base, "/api/status")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def get(base: str, path: str) -> float:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Authorization": f"token {TOKEN}"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise OSError(f"{path} answered {response.status}")
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000


@contextmanager
def moto_server():
    """moto's server on a free local port, without a log line per request: its endpoint URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        moto.stop()


def seed_models(endpoint: str, region: str, bucket: str, prefix: str, groups: int,
                versions: int) -> boto3.session.Session:
    """Model package groups ``<prefix>-000``, ``<prefix>-001``… with ``versions`` versions
    each (hyperparameters, an AUC), their files in a new ``bucket``; the session it used."""
    session = boto3.session.Session(region_name=region, aws_access_key_id="testing",
                                    aws_secret_access_key="testing")
    sagemaker = session.client("sagemaker", endpoint_url=endpoint)
    s3 = session.client("s3", endpoint_url=endpoint)
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    for g in range(groups):
        for v in range(1, versions + 1):
            register_model(f"{prefix}-{g:03d}", f"s3://{bucket}/{prefix}-{g:03d}/v{v}/model.tar.gz",
                           "123.dkr.ecr.eu-central-1.amazonaws.com/xgb:1",
                           params={"max_depth": v}, metrics={"auc": 0.7 + v / 100},
                           sagemaker_client=sagemaker, s3_client=s3)
    return session


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def summary(label: str, samples: list[float]) -> None:
    print(f"{label:58s} n={len(samples):4d}  p50 {statistics.median(samples):7.1f} ms"
          f"  p95 {p95(samples):7.1f} ms  max {max(samples):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with moto_server() as endpoint, jupyter(endpoint) as base:
        get(base, "/dsws/status")  # warm the clients
        summary("GET /dsws/status, sequential (moto)",
                [get(base, "/dsws/status") for _ in range(args.requests)])
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            summary("GET /dsws/status, 8 concurrent clients (moto)",
                    list(pool.map(lambda _: get(base, "/dsws/status"), range(args.requests))))

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    try:
        with jupyter(f"http://127.0.0.1:{silent.getsockname()[1]}") as base, \
                concurrent.futures.ThreadPoolExecutor(8) as pool:
            stuck = [pool.submit(get, base, "/dsws/status") for _ in range(8)]
            time.sleep(0.5)
            samples = []
            while not all(f.done() for f in stuck):
                samples.append(get(base, "/api/status"))
                time.sleep(0.05)
            summary("GET /api/status while 8 status calls wait on a silent AWS", samples)
            summary("  ...those status calls (until they give up)", [f.result() for f in stuck])
    finally:
        silent.close()


if __name__ == "__main__":
    main()
