"""Runs logged into a real MLflow over its REST API, as a notebook's client logs them.

No mlflow import in the test venv: the tracking server is the real thing (its own venv),
and these few REST calls are what ``mlflow.log_*`` sends. ``CountingProxy`` counts what the
panel's server asks it.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from tornado.httpclient import AsyncHTTPClient
from tornado.web import RequestHandler


class MlflowWorld:
    def __init__(self, url: str, s3: Any) -> None:
        self.url = url.rstrip("/")
        self.s3 = s3

    def call(self, path: str, body: Mapping[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(  # noqa: S310 (the test's own http://127.0.0.1)
            f"{self.url}/api/2.0/mlflow/{path}", data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return json.loads(answer.read() or b"{}")

    def experiment(self, name: str) -> str:
        return str(self.call("experiments/create", {"name": name})["experiment_id"])

    def run(self, experiment_id: str, name: str, *, params: Mapping[str, Any] = (),
            metrics: Mapping[str, float] = (), tags: Mapping[str, str] = (),
            histories: Mapping[str, Sequence[float]] = (), start_ms: int | None = None,
            artifacts: Sequence[str] = ()) -> str:
        """A finished run; ``histories`` are logged at steps 0..n-1, ``metrics`` at step 0;
        ``artifacts`` are paths written under the run's artifact folder in S3."""
        start = start_ms or int(time.time() * 1000)
        info = self.call("runs/create", {
            "experiment_id": experiment_id, "run_name": name, "start_time": start,
            "tags": [{"key": "mlflow.user", "value": "hermione"},
                     {"key": "mlflow.source.name", "value": "train.ipynb"},
                     *({"key": k, "value": v} for k, v in dict(tags).items())]})["run"]["info"]
        run_id = info["run_id"]
        points = [{"key": k, "value": v, "timestamp": start + 1000, "step": 0}
                  for k, v in dict(metrics).items()]
        for key, values in dict(histories).items():
            points += [{"key": key, "value": v, "timestamp": start + i, "step": i}
                       for i, v in enumerate(values)]
        batch_params = [{"key": k, "value": str(v)} for k, v in dict(params).items()]
        for at in range(0, max(len(points), 1), 1000):
            self.call("runs/log-batch", {"run_id": run_id, "metrics": points[at:at + 1000],
                                         "params": batch_params if at == 0 else []})
        for path in artifacts:
            bucket, _, key = info["artifact_uri"].removeprefix("s3://").partition("/")
            self.s3.put_object(Bucket=bucket, Key=f"{key}/{path}", Body=b"artifact")
        self.call("runs/update", {"run_id": run_id, "status": "FINISHED",
                                  "end_time": start + 60_000})
        return run_id


class CountingProxy:
    """A pass-through in front of the real MLflow that counts the API calls reaching it, by
    path (``counts["runs/search"]``): what the tracking server is asked, counted at its door.
    Runs on the test's event loop (tornado), as the Jupyter server under test does."""

    def __init__(self, upstream: str) -> None:
        from tornado.httpserver import HTTPServer
        from tornado.testing import bind_unused_port
        from tornado.web import Application

        self.upstream = upstream.rstrip("/")
        self.counts: Counter[str] = Counter()
        sock, port = bind_unused_port()
        self.url = f"http://127.0.0.1:{port}"
        self._server = HTTPServer(Application([(r"/api/2\.0/mlflow/(.*)", _Forward,
                                                {"proxy": self})]))
        self._server.add_sockets([sock])

    def stop(self) -> None:
        self._server.stop()


class _Forward(RequestHandler):
    def initialize(self, proxy: CountingProxy) -> None:
        self.proxy = proxy

    async def _forward(self, name: str) -> None:
        self.proxy.counts[name] += 1
        method = self.request.method or "GET"
        answer = await AsyncHTTPClient().fetch(
            self.proxy.upstream + self.request.uri, method=method, raise_error=False,
            headers={"Content-Type": "application/json"}, request_timeout=30,
            body=self.request.body if method == "POST" else None)
        self.set_status(answer.code if answer.code != 599 else 502)
        self.set_header("Content-Type", "application/json")
        self.finish(answer.body or b"")

    get = post = _forward
