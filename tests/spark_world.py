"""The demo's Livy as the tests start it (tests/conftest.py's ``livy``): one per test
session, Spark in the kernel env.

The kernel env (``make mlflow-env``: pyspark, sparkmagic, the analytics magic) and Java
(installed by the same target) are the project's own; without the env these tests are
skipped with a message saying how to install it, as the MLflow tests are.
"""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from jupyter_dsws.demo.kernel_env import kernel_python
from jupyter_dsws.demo.livy import Endpoint

SPARK_START_TIMEOUT = 240.0
ROOT = Endpoint()
LDAP = Endpoint("/ldap", "basic", "hermione-granger", "alohomora")
KERBEROS = Endpoint("/kerberos", "negotiate")


def require_kernel_python() -> str:
    python = kernel_python()
    if python is None:
        pytest.skip("The demo's kernel env is not installed: `make mlflow-env` installs "
                    "pyspark, sparkmagic and Java; `make test-python` points the tests at it")
    return python


def livy_call(url: str, method: str = "GET", body: Any = None,
              headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
    """Status, headers and JSON body of one request to the Livy (http.client: no proxy)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path, headers={"Content-Type": "application/json",
                                                        **(headers or {})},
                           body=None if body is None else json.dumps(body))
        answer = connection.getresponse()
        return answer.status, dict(answer.headers), json.loads(answer.read() or b"null")
    finally:
        connection.close()
