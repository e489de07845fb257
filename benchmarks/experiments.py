"""How fast the Experiments panel answers on a big experiment, beside MLflow's own calls.

Seeds a local MLflow (build/mlflow-env, SQLite) with one experiment of 10,000 runs (20
params, 10 metrics each), 50 of them with 1,000-step `loss` histories and one with a
100,000-point history (kept in build/bench-mlflow for the next run), starts a Jupyter server
with our extension reading it, and prints, each as the median of a few tries beside the raw
MLflow call it stands on, with the MLflow calls each made (read from MLflow's access log):
  1. the first page of the runs sheet (goal < 1 s);
  2. compare of 50 runs plus their overlaid `loss` histories (goal < 2 s), and its two
     requests apart (the histories also at the panel's own 1,000 points);
  3. one 100,000-point history cut to 500 points (goal < 0.5 s).

    .venv/bin/python benchmarks/experiments.py [--runs 10000] [--tries 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_dsws.demo.mlflow_server import MlflowServer, free_port, mlflow_executable  # noqa: E402

TOKEN = "bench"
EXPERIMENT = "bench-sheet"


def call(port: int, method: str, path: str, body: object = None,
         headers: dict[str, str] | None = None) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=json.dumps(body) if body is not None else None,
                           headers={"Content-Type": "application/json", **(headers or {})})
        answer = connection.getresponse()
        data = answer.read()
        if answer.status >= 400:
            raise OSError(f"{method} {path} -> {answer.status} {data[:300]!r}")
        return json.loads(data or b"{}")
    finally:
        connection.close()


def seed(port: int, runs: int) -> str:
    found = call(port, "POST", "/api/2.0/mlflow/experiments/search",
                 {"max_results": 10, "filter": f"name = '{EXPERIMENT}'"}).get("experiments")
    if found:
        return found[0]["experiment_id"]
    experiment = call(port, "POST", "/api/2.0/mlflow/experiments/create",
                      {"name": EXPERIMENT})["experiment_id"]
    start = int(time.time() * 1000) - runs * 1000

    def one(i: int) -> None:
        run = call(port, "POST", "/api/2.0/mlflow/runs/create",
                   {"experiment_id": experiment, "run_name": f"run-{i:05d}",
                    "start_time": start + i * 1000})["run"]["info"]["run_id"]
        params = [{"key": f"p{k:02d}", "value": str((i * 7 + k) % 13)} for k in range(20)]
        metrics = [{"key": f"m{k}", "value": ((i * 31 + k) % 1000) / 1000,
                    "timestamp": start, "step": 0} for k in range(10)]
        if i < 50:
            metrics += [{"key": "loss", "value": 1 / (s + 1) + (i % 5) / 100,
                         "timestamp": start + s, "step": s} for s in range(1000)]
        call(port, "POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run, "params": params})
        for at in range(0, len(metrics), 1000):
            call(port, "POST", "/api/2.0/mlflow/runs/log-batch",
                 {"run_id": run, "metrics": metrics[at:at + 1000]})
        if i == 50:
            for at in range(0, 100_000, 1000):
                call(port, "POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run, "metrics": [
                    {"key": "long", "value": (s % 977) / 977, "timestamp": start + s, "step": s}
                    for s in range(at, at + 1000)]})

    began = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(runs)))
    print(f"seeded {runs} runs in {time.monotonic() - began:.0f} s")
    return experiment


def jupyter(tracking: str, root: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={root}", "--DSWSExtension.region=eu-central-1",
         f"--Experiments.tracking_uri={tracking}", "--Experiments.max_compare=50",
         # Each try reads MLflow: the speed of a read, not of the answers the server shares.
         "--Experiments.read_ttl_seconds=0",
         "--log-level=WARN"],
        env={**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            call(port, "GET", "/api/status", headers={"Authorization": f"token {TOKEN}"})
            return proc, port
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def timed(fn: Callable[[], object], tries: int) -> float:
    samples = []
    for _ in range(tries):
        began = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def mlflow_calls(log: Path, fn: Callable[[], object]) -> dict[str, int]:
    """MLflow requests ``fn`` made (its REST API and the /ajax-api/ routes of its UI), by
    route, counted in MLflow's access log."""
    def lines() -> list[str]:
        return [line for line in log.read_text(errors="replace").splitlines()
                if "/2.0/mlflow/" in line and "\" 200" in line]
    before = len(lines())
    fn()
    time.sleep(1.0)  # the access log line is written after the answer
    found: dict[str, int] = {}
    for line in lines()[before:]:
        route = line.split("/2.0/mlflow/", 1)[1].split("?", 1)[0].split(" ", 1)[0]
        found[route] = found.get(route, 0) + 1
    return found


def in_threads(*calls: Callable[[], object]) -> list[object]:
    """``calls`` at once, as our server makes them."""
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda fn: fn(), calls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--tries", type=int, default=5)
    args = parser.parse_args()
    executable = mlflow_executable()
    if not executable:
        sys.exit("MLflow is not installed: run `make mlflow-env` first.")
    folder = ROOT / "build" / f"bench-mlflow-{args.runs}"
    if not (folder / "seeded").exists():  # a seed cut short starts again
        shutil.rmtree(folder, ignore_errors=True)
    with MlflowServer(executable, folder, artifact_root=str(folder / "artifacts")) as mlflow, \
            tempfile.TemporaryDirectory() as root:
        mlflow.wait_ready()
        experiment = seed(mlflow.port, args.runs)
        (folder / "seeded").write_text(experiment)
        log = folder / "mlflow-server.log"
        ids = [r["info"]["run_id"] for r in call(
            mlflow.port, "POST", "/api/2.0/mlflow/runs/search",
            {"experiment_ids": [experiment], "max_results": 60,
             "order_by": ["attributes.start_time ASC"]})["runs"]]
        compared, long_run = ids[:50], ids[50]
        server, port = jupyter(mlflow.url, root)
        auth = {"Authorization": f"token {TOKEN}"}
        runs = [("run", r) for r in compared]

        def table() -> object:
            return call(port, "GET", "/dsws/experiments/compare?" + urlencode(runs),
                        headers=auth)

        def overlay(points: int) -> Callable[[], object]:
            return lambda: call(port, "GET", "/dsws/experiments/compare/metrics/loss?"
                                + urlencode([*runs, ("max_points", str(points))]), headers=auth)

        def bulk(batch: list[str]) -> Callable[[], object]:
            return lambda: call(mlflow.port, "GET", "/ajax-api/2.0/mlflow/metrics/"
                                "get-history-bulk?" + urlencode(
                                    [("run_id", r) for r in batch]
                                    + [("metric_key", "loss"), ("max_results", "25000")]))

        whole = [bulk(compared[at:at + 10]) for at in range(0, len(compared), 10)]
        sampled_500 = lambda: call(  # noqa: E731
            mlflow.port, "GET", "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?"
            + urlencode([("run_ids", r) for r in compared]
                        + [("metric_key", "loss"), ("max_results", "500")]))
        ours = {
            "runs sheet, first page of 100":
                lambda: call(port, "GET", f"/dsws/experiments/experiments/{experiment}/runs",
                             headers=auth),
            "compare 50 runs + their loss histories": lambda: (table(), overlay(500)()),
            "  of which the table": table,
            "  of which the histories, 500 points": overlay(500),
            "  the histories, 1,000 points (the panel's)": overlay(1000),
            "one 100,000-point history, 500 points":
                lambda: call(port, "GET", f"/dsws/experiments/runs/{long_run}/metrics/long"
                             "?max_points=500", headers=auth),
        }
        whole_histories = lambda: in_threads(*whole)  # noqa: E731
        raw_table = lambda: call(  # noqa: E731
            mlflow.port, "POST", "/api/2.0/mlflow/runs/search",
            {"experiment_ids": [experiment], "max_results": 50,
             "filter": "attributes.run_id IN (" + ", ".join(f"'{r}'" for r in compared) + ")"})
        raw = {
            "runs sheet, first page of 100":
                lambda: call(mlflow.port, "POST", "/api/2.0/mlflow/runs/search",
                             {"experiment_ids": [experiment], "max_results": 100}),
            # What the histories stand on: every point of the 50 runs, 5 calls at once.
            "compare 50 runs + their loss histories": lambda: (raw_table(), whole_histories()),
            "  of which the table": raw_table,
            "  of which the histories, 500 points": whole_histories,
            "  the histories, 1,000 points (the panel's)": whole_histories,
            "one 100,000-point history, 500 points": lambda: call(
                mlflow.port, "GET", "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?"
                + urlencode([("run_ids", long_run), ("metric_key", "long"),
                             ("max_results", "500")])),
        }
        try:
            for name, fn in ours.items():
                fn()  # warm
                mine, theirs = timed(fn, args.tries), timed(raw[name], args.tries)
                calls = mlflow_calls(log, fn)
                print(f"{name:44s} ours {mine * 1000:6.0f} ms   MLflow's own "
                      f"{theirs * 1000:6.0f} ms   ratio {mine / theirs:5.2f}   MLflow calls "
                      f"{sum(calls.values())}: "
                      + ", ".join(f"{route} {n}" for route, n in sorted(calls.items())))
            print(f"{'(MLflow sampling the 50 histories to 500)':44s}"
                  f"{'':16s}MLflow's own {timed(sampled_500, args.tries) * 1000:6.0f} ms")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
