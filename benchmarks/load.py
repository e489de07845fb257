"""A team's load on one server: 32 tabs asking one read route at once, route by route.

Starts the demo's emulator (which counts every AWS call it answers), seeds it with model
package groups (each with versions and metrics in S3) and CodeCommit repositories, starts a
Jupyter server with our extension against it, as the tests do, and then, for each read
route in turn, runs 32 clients on keep-alive connections for a few seconds. Each route is
asked once first (warm: clients built, the answer stored), as a team's server is at nine in
the morning after the first person opened the panel. Prints, per route: requests/s, p50, p95
and p99 latency, failures (any answer other than 200), AWS calls per request counted at the
emulator, and the ratio of its requests/s to jupyter_server's own /api/status measured in
the same run.

The Experiments routes read a real local MLflow (``make mlflow-env``; skipped without it)
as SageMaker's tracking server announced by the emulator (so the servers list is SageMaker
calls and MLflow requests are signed); their MLflow calls per request are counted in
MLflow's access log.

Goal (issue 28): every dsws read route at >= 0.5x /api/status, <= 0.1 AWS calls per request
once warm, no failure.

    .venv/bin/python benchmarks/load.py [--seconds 4] [--clients 32] [--groups 30]
        [--throttle 0.0]   # a fraction of AWS calls the emulator answers with throttling
                           # (after each route's warm request)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from status_latency import TOKEN, get, jupyter, seed_models

from jupyter_dsws.demo.emulator import Emulator
from jupyter_dsws.demo.mlflow_server import MlflowServer, mlflow_executable

REGION = "eu-central-1"
BUCKET = "load-bench"
ROUTES = [
    "/api/status",
    "/dsws/idle",
    "/dsws/instances",
    "/dsws/status",
    "/dsws/codecommit/repos",
    "/dsws/registry/groups",
    "/dsws/registry/overview",
    "/dsws/registry/groups/load-000/versions",
    "/dsws/registry/groups/load-000/versions/2",
    "/dsws/registry/compare?{versions}",
]
EXPERIMENTS_ROUTES = [
    "/dsws/experiments/servers",
    "/dsws/experiments/experiments",
    "/dsws/experiments/experiments/{experiment}/runs",
    "/dsws/experiments/runs/{run}",
    "/dsws/experiments/compare?{runs}",
]
ACCOUNT = "123456789012"


def mlflow_call(url: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 (the benchmark's own http://127.0.0.1)
        f"{url}/api/2.0/mlflow/{path}", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return json.loads(answer.read() or b"{}")


def seed_mlflow(url: str, runs: int) -> dict[str, str]:
    """One experiment of ``runs`` runs (5 params, 3 metrics): the routes' placeholders."""
    experiment = mlflow_call(url, "experiments/create", {"name": "load"})["experiment_id"]
    ids = []
    for n in range(runs):
        run = mlflow_call(url, "runs/create", {"experiment_id": experiment,
                                               "run_name": f"run-{n}"})["run"]["info"]["run_id"]
        mlflow_call(url, "runs/log-batch", {
            "run_id": run, "params": [{"key": f"p{i}", "value": str(n + i)} for i in range(5)],
            "metrics": [{"key": f"m{i}", "value": n / (i + 1), "timestamp": 0, "step": 0}
                        for i in range(3)]})
        ids.append(run)
    return {"experiment": experiment, "run": ids[0],
            "runs": urlencode([("run", r) for r in ids[:5]])}


def mlflow_calls(log: Path) -> int:
    """MLflow API requests answered so far, read from MLflow's access log."""
    return sum(1 for line in log.read_text(errors="replace").splitlines()
               if "/api/2.0/mlflow/" in line)


def seed(endpoint: str, groups: int, repositories: int) -> dict[str, str]:
    session = seed_models(endpoint, REGION, BUCKET, "load", groups, versions=2)
    codecommit = session.client("codecommit", endpoint_url=endpoint)
    for r in range(repositories):
        codecommit.create_repository(repositoryName=f"load-repo-{r:02d}")
    arns = [f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:model-package/load-{g:03d}/2"
            for g in range(min(groups, 3))]
    return {"versions": urlencode([("arn", a) for a in arns])}


async def one_client(host: str, port: int, path: str, until: float,
                     latencies: list[float], failures: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
               f"Authorization: token {TOKEN}\r\nConnection: keep-alive\r\n\r\n").encode()
    try:
        while time.perf_counter() < until:
            started = time.perf_counter()
            writer.write(request)
            status = await read_response(reader)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failures.append(status)
    finally:
        writer.close()


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in
               (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def load(base: str, path: str, clients: int, seconds: float
               ) -> tuple[list[float], list[int], float]:
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    failures: list[int] = []
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(one_client(host, int(port), path, until, latencies, failures)
                           for _ in range(clients)))
    return latencies, failures, time.perf_counter() - started


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--groups", type=int, default=30)
    parser.add_argument("--repositories", type=int, default=10)
    parser.add_argument("--throttle", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=50, help="MLflow runs in the experiment")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    executable = mlflow_executable()
    folder = Path(tempfile.mkdtemp(prefix="dsws-load-mlflow-"))
    with Emulator(git_root=Path(tempfile.mkdtemp(prefix="dsws-load-git-"))) as emulator:
        places = seed(emulator.endpoint_url, args.groups, args.repositories)
        routes, options = list(ROUTES), []
        mlflow = None
        if executable:
            mlflow = MlflowServer(executable, folder, artifact_root=f"s3://{BUCKET}/mlflow",
                                  aws_endpoint_url=emulator.endpoint_url, region=REGION)
            mlflow.start().wait_ready()
            places.update(seed_mlflow(mlflow.url, args.runs))
            emulator.mlflow.add("load", mlflow.url, f"s3://{BUCKET}/mlflow", lambda: True)
            routes += EXPERIMENTS_ROUTES
            options = [f"--Experiments.tracking_uri="
                       f"{emulator.mlflow.arn('load', ACCOUNT, REGION)}",
                       f"--Experiments.mlflow_endpoint_url={mlflow.url}"]
        else:
            print("MLflow is not installed (make mlflow-env): the Experiments routes are left out")
        log = folder / "mlflow-server.log"
        try:
            with jupyter(emulator.endpoint_url, tuple(options)) as base:
                rows = []
                for route in routes:
                    path = route.format(**places)
                    emulator.throttle.fraction = 0.0
                    get(base, path)  # one request: warm (an answer is stored)
                    emulator.throttle.fraction = args.throttle
                    before = emulator.throttle.total()
                    asked = mlflow_calls(log) if mlflow else 0
                    latencies, failures, took = asyncio.run(
                        load(base, path, args.clients, args.seconds))
                    calls = emulator.throttle.total() - before
                    if mlflow and "/experiments/" in path:
                        time.sleep(1.0)  # MLflow writes its access log line after answering
                    mlflow_asked = (mlflow_calls(log) - asked) if mlflow else 0
                    rows.append((route, len(latencies) / took, latencies, failures, calls,
                                 mlflow_asked))
        finally:
            if mlflow:
                mlflow.stop()
    reference = rows[0][1]
    print(f"{args.clients} keep-alive clients per route, {args.seconds:g} s each, "
          f"{args.groups} groups, {args.repositories} repositories, "
          f"{args.throttle:.0%} of AWS calls throttled")
    print("| route | requests/s | vs /api/status | p50 | p95 | p99 | failures | "
          "AWS calls per request | MLflow calls per request |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path, rate, latencies, failures, calls, mlflow_asked in rows:
        failed = f"{len(failures)} ({', '.join(sorted({str(s) for s in failures}))})" \
            if failures else "0"
        print(f"| `{path}` | {rate:,.0f} | {rate / reference:.2f}x | "
              f"{statistics.median(latencies):.0f} ms | {percentile(latencies, 0.95):.0f} ms | "
              f"{percentile(latencies, 0.99):.0f} ms | {failed} | "
              f"{calls / max(1, len(latencies)):.3f} | "
              f"{mlflow_asked / max(1, len(latencies)):.3f} |")


if __name__ == "__main__":
    main()
