"""The demo's Livy and Spark: how long until Spark is ready, a session's first statements,
and the kernel env's size.

Run with the development environment after `make mlflow-env`:
`.venv/bin/python benchmarks/demo_spark.py [--runs 3]`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from jupyter_dsws.demo.kernel_env import kernel_python
from jupyter_dsws.demo.livy import LivyServer


def call(server: LivyServer, method: str, path: str, body: Any = None) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(method, path, body=None if body is None else json.dumps(body),
                           headers={"Content-Type": "application/json"})
        return json.loads(connection.getresponse().read() or b"null")
    finally:
        connection.close()


def statement(server: LivyServer, session: int, code: str) -> float:
    started = time.monotonic()
    posted = call(server, "POST", f"/sessions/{session}/statements", {"code": code})
    while True:
        answer = call(server, "GET", f"/sessions/{session}/statements/{posted['id']}")
        if answer["state"] == "available":
            return time.monotonic() - started
        time.sleep(0.05)


def one_run(python: str) -> tuple[float, float, float]:
    started = time.monotonic()
    with LivyServer(python) as server:
        if not server.spark.wait_ready(600):
            sys.exit(f"Spark did not start: {server.spark.problem}")
        ready = time.monotonic() - started
        session = call(server, "POST", "/sessions", {"kind": "pyspark"})["id"]
        first = statement(server, session, "spark.range(0, 1000000).count()")
        second = statement(server, session, "spark.range(0, 1000000).selectExpr('sum(id)')"
                                             ".collect()")
    return ready, first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = kernel_python()
    if python is None:
        sys.exit("The demo's kernel env is not installed: make mlflow-env")
    env = Path(python).parent.parent
    size = subprocess.run(["du", "-sh", str(env)], capture_output=True, text=True,
                          check=False).stdout.split("\t")[0]
    pyspark = next(env.glob("lib/python*/site-packages/pyspark"), None)
    spark_size = subprocess.run(["du", "-sh", str(pyspark)], capture_output=True, text=True,
                                check=False).stdout.split("\t")[0] if pyspark else "?"
    print(f"kernel env {env}: {size} (pyspark {spark_size})")
    for run in range(1, args.runs + 1):
        ready, first, second = one_run(python)
        print(f"run {run}: Spark ready {ready:.1f} s; first count of 1M rows {first:.2f} s; "
              f"a second statement {second:.2f} s")


if __name__ == "__main__":
    main()
