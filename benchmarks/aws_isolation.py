"""Does one AWS service that never answers slow the panels that do not use it?

Starts moto's server behind a proxy that holds every STS request (accepts it, never
answers) and passes the rest through, seeds model package groups with versions and metrics,
and starts a Jupyter server with our extension against the proxy. Then prints the Models
list's latency (GET /dsws/registry/groups?refresh=true, first page, read from AWS each
time rather than from the answer the server keeps):
  1. with nothing waiting;
  2. while 8 clients (tabs) poll GET /dsws/status every half second, their identity read
     held by the silent STS all along (they share one STS call: a shared read);
and the ratio of the two p95s (the goal: at most 1.2). With a machine busy with other
work, the p95 of 40 requests moves by ±0.3 from run to run: take several runs.

    .venv/bin/python benchmarks/aws_isolation.py [--requests 40] [--groups 25]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
from pathlib import Path

from status_latency import get, jupyter, moto_server, p95, seed_models, summary

# The proxy the tests use (tests/core/test_aws_isolation.py), not a copy of it; that module
# imports the tests' helpers (tests/helpers.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))
from test_aws_isolation import StsHangsProxy

REGION = "eu-central-1"
BUCKET = "isolation-bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--groups", type=int, default=25)
    args = parser.parse_args()

    with moto_server() as upstream:
        seed_models(upstream, REGION, BUCKET, "bench", args.groups, versions=3)
        proxy = StsHangsProxy(upstream)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        try:
            measure(proxy, args.requests)
        finally:
            proxy.release.set()
            proxy.shutdown()


def measure(proxy: StsHangsProxy, requests: int) -> None:
    # Refresh: every request reads AWS, as it would without the shared answers.
    path = "/dsws/registry/groups?refresh=true"
    with jupyter(proxy.url) as base:
        get(base, path)  # clients built
        normal = [get(base, path) for _ in range(requests)]
        summary("Models list, nothing waiting", normal)

        stop = threading.Event()
        answered = []

        def poll() -> None:
            while not stop.is_set():
                get(base, "/dsws/status")
                answered.append(1)
                stop.wait(0.5)  # a tab polls now and then, not in a tight loop

        pollers = [threading.Thread(target=poll, daemon=True) for _ in range(8)]
        for thread in pollers:
            thread.start()
        while proxy.held < 1:  # the 8 polls share one STS call (shared reads)
            stop.wait(0.05)
        hung = [get(base, path) for _ in range(requests)]
        summary("Models list, 8 status polls waiting on a silent STS", hung)
        stop.set()
        print(f"p95 ratio (STS silent / nothing waiting): {p95(hung) / p95(normal):.2f}; "
              f"median ratio {statistics.median(hung) / statistics.median(normal):.2f}; "
              f"STS calls held: {proxy.held}; status polls answered meanwhile: {len(answered)}")
        proxy.release.set()
        for thread in pollers:
            thread.join(timeout=30)


if __name__ == "__main__":
    main()
