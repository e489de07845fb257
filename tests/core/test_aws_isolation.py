"""One AWS service that never answers must not slow the panels that do not use it.

A proxy in front of moto holds every STS request (it accepts it and never answers) and
passes everything else through. While eight status polls wait on STS (on one call: identical
reads are shared), the Models list (SageMaker only) answers about as fast as with nothing
waiting.
"""

from __future__ import annotations

import asyncio
import http.client
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
from helpers import body, wait_for

REGION = "eu-central-1"
GROUPS = [f"isolation-{n}" for n in range(3)]
# As many as the threads all AWS calls once shared; the test's HTTP client runs at most 10
# requests at once, so more polls would queue the Models list in the client itself.
POLLS = 8


class StsHangsProxy(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # every poll's connection is accepted at once

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self.release = threading.Event()
        self.held = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: StsHangsProxy

    def log_message(self, *args: Any) -> None:
        pass

    def _relay(self) -> None:
        sent = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if "/sts/aws4_request" in self.headers.get("Authorization", ""):
            with self.server.lock:
                self.server.held += 1
            self.server.release.wait()  # accepted, never answered
            self.close_connection = True
            return
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=30)
        upstream.request(self.command, self.path, body=sent, headers=dict(self.headers))
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay


@pytest.fixture
def sts_hangs(moto_url: str) -> Iterator[StsHangsProxy]:
    proxy = StsHangsProxy(moto_url)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield proxy
    proxy.release.set()
    proxy.shutdown()
    proxy.server_close()


@pytest.fixture
def dsws_config(sts_hangs: StsHangsProxy, moto_url: str) -> dict:
    sagemaker = boto3.client("sagemaker", region_name=REGION, endpoint_url=moto_url)
    existing = {g["ModelPackageGroupName"] for g in sagemaker.list_model_package_groups(
        NameContains="isolation-")["ModelPackageGroupSummaryList"]}
    for group in GROUPS:
        if group not in existing:
            sagemaker.create_model_package_group(ModelPackageGroupName=group)
    return {"aws_endpoint_url": sts_hangs.url}


async def models_list(jp_fetch: Any) -> float:
    started = time.monotonic()
    response = await jp_fetch("dsws", "registry", "groups", params={"query": "isolation-"})
    assert sorted(g["name"] for g in body(response)["groups"]) == GROUPS
    return time.monotonic() - started


async def test_a_silent_sts_does_not_slow_the_models_list(jp_fetch, sts_hangs):
    await models_list(jp_fetch)  # clients built, caches warm
    normal = max([await models_list(jp_fetch) for _ in range(3)])

    polls = [asyncio.ensure_future(jp_fetch("dsws", "status")) for _ in range(POLLS)]
    await wait_for(lambda: sts_hangs.held >= 1, timeout=10,
                   what=f"{POLLS} status polls waiting on STS")
    during = await models_list(jp_fetch)

    assert during < max(2.0, 3 * normal), f"{during:.2f} s while STS hangs, {normal:.2f} s before"
    for answer in await asyncio.gather(*polls):
        aws = body(answer)["aws"]
        assert aws["ok"] is False
        assert "did not answer GetCallerIdentity within" in aws["error"]
    assert sts_hangs.held == 1, "the eight polls share one GetCallerIdentity"
