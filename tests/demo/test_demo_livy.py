"""The demo's Livy over plain HTTP: Livy's routes and JSON shapes, its states while Spark
starts, its auth per endpoint, and statements computed by a real Spark in local mode."""

from __future__ import annotations

import base64
import sys
from typing import Any

import pytest
from helpers import wait_until
from spark_world import KERBEROS, LDAP, ROOT, SPARK_START_TIMEOUT, livy_call

from jupyter_dsws.demo.livy import Endpoint, LivyServer

REGION = "eu-central-1"
# Spark starts a JVM: the first test to use it waits for it.
pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def livy(livy: LivyServer) -> LivyServer:
    """The session's Livy (conftest.py), once Spark is ready."""
    assert livy.spark.wait_ready(SPARK_START_TIMEOUT), livy.spark.problem
    return livy


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def run(url: str, code: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """The statement's output once available (polled as sparkmagic polls it)."""
    status, _, statement = livy_call(url + "/statements", "POST", {"code": code}, headers)
    assert status == 201 and statement["state"] in ("waiting", "running", "available")
    where, last = f"{url}/statements/{statement['id']}", [statement]

    def output() -> dict[str, Any] | None:
        last[0] = livy_call(where, headers=headers)[2]
        return last[0]["output"] if last[0]["state"] == "available" else None

    return wait_until(output, timeout=120, interval=0.2,
                      what=lambda: f"the statement ({last[0]['state']}): {code}")


def new_session(livy: LivyServer, endpoint: Endpoint = ROOT,
                headers: dict[str, str] | None = None) -> str:
    status, answer_headers, session = livy_call(livy.url(endpoint) + "/sessions", "POST",
                                                {"kind": "pyspark"}, headers)
    assert status == 201
    assert answer_headers["Location"] == f"{endpoint.path}/sessions/{session['id']}"
    assert set(session) >= {"id", "appId", "owner", "proxyUser", "state", "kind", "appInfo",
                            "log"}
    assert session["kind"] == "pyspark"
    return f"{livy.url(endpoint)}/sessions/{session['id']}"


def test_while_spark_starts_the_sessions_list_says_starting(livy: LivyServer) -> None:
    status, headers, body = livy.first_answer  # type: ignore[attr-defined]
    assert status == 503
    assert body["starting"] is True and "starting" in body["msg"]
    assert headers["X-Dsws-Livy-Starting"] == "1"


def test_ready_livy_lists_its_sessions(livy: LivyServer) -> None:
    url = new_session(livy)
    status, _, listing = livy_call(livy.url() + "/sessions")
    assert status == 200
    assert listing["from"] == 0 and listing["total"] == len(listing["sessions"]) >= 1
    assert url.rsplit("/", 1)[1] in {str(s["id"]) for s in listing["sessions"]}
    status, _, session = livy_call(url)
    assert status == 200 and session["state"] == "idle"
    assert livy_call(url + "/state")[2]["state"] == "idle"


def test_a_statement_computes_on_spark_with_spark_and_sc_defined(livy: LivyServer) -> None:
    url = new_session(livy)
    output = run(url, "df = spark.range(0, 1234)\ndf.count()")
    assert output == {"status": "ok", "execution_count": 0, "data": {"text/plain": "1234\n"}}
    # The session keeps its names; sc is Spark's context; printed text comes first.
    output = run(url, "print('rows', df.count())\nsc.parallelize(range(10)).sum()")
    assert output["data"]["text/plain"] == "rows 1234\n45\n"
    assert output["execution_count"] == 1
    # sparkmagic looks for a `spark` name when a session starts.
    assert "SparkSession" in run(url, "spark")["data"]["text/plain"]


def test_an_error_comes_back_in_livys_error_shape(livy: LivyServer) -> None:
    output = run(new_session(livy), "1 / 0")
    assert output["status"] == "error"
    assert output["ename"] == "ZeroDivisionError" and output["evalue"] == "division by zero"
    assert any("ZeroDivisionError" in line for line in output["traceback"])


def test_sessions_are_separate_and_deleted(livy: LivyServer) -> None:
    first, second = new_session(livy), new_session(livy)
    run(first, "x = 1")
    assert run(second, "x")["ename"] == "NameError"
    assert livy_call(first, "DELETE")[:1] == (200,)
    status, _, body = livy_call(first)
    assert status == 404 and "not found" in body["msg"]
    assert livy_call(second + "/statements/99")[0] == 404


def test_the_ldap_clusters_livy_asks_for_basic_credentials(livy: LivyServer) -> None:
    status, headers, _ = livy_call(livy.url(LDAP) + "/sessions")
    assert status == 401 and headers["WWW-Authenticate"].startswith("Basic")
    wrong = basic("hermione-granger", "wingardium")
    assert livy_call(livy.url(LDAP) + "/sessions", headers=wrong)[0] == 401
    right = basic("hermione-granger", "alohomora")
    url = new_session(livy, LDAP, right)
    assert run(url, "spark.range(7).count()", right)["data"]["text/plain"] == "7\n"
    # Each endpoint is its own cluster's Livy: the LDAP session is not the root's.
    _, _, root = livy_call(livy.url() + "/sessions")
    _, _, ldap = livy_call(livy.url(LDAP) + "/sessions", headers=right)
    assert {s["id"] for s in ldap["sessions"]}.isdisjoint(s["id"] for s in root["sessions"])
    assert all(s["owner"] == "hermione-granger" for s in ldap["sessions"])


def test_the_kerberos_clusters_livy_answers_401_negotiate(livy: LivyServer) -> None:
    status, headers, _ = livy_call(livy.url(KERBEROS) + "/sessions")
    assert status == 401 and headers["WWW-Authenticate"] == "Negotiate"
    assert livy_call(livy.url(KERBEROS) + "/sessions", headers=basic("a", "b"))[0] == 401


def test_only_pyspark_sessions_and_statements_with_code(livy: LivyServer) -> None:
    status, _, body = livy_call(livy.url() + "/sessions", "POST", {"kind": "spark"})
    assert status == 400 and "pyspark" in body["msg"]
    url = new_session(livy)
    assert livy_call(url + "/statements", "POST", {"kind": "pyspark"})[0] == 400
    assert livy_call(livy.url() + "/batches")[0] == 404


def test_a_statement_reads_s3_data_into_a_dataframe_as_on_a_cluster(
        livy: LivyServer, emulator_client: Any) -> None:
    s3 = emulator_client("s3")
    bucket = "dsws-livy-tests"
    if bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_object(Bucket=bucket, Key="owls.csv",
                  Body=b"month,owls_needed\n2021-01,16\n2021-02,16\n2021-03,19\n")
    code = ("import io, boto3, pandas\n"
            f"body = boto3.client('s3').get_object(Bucket='{bucket}', Key='owls.csv')['Body']\n"
            "owls = spark.createDataFrame(pandas.read_csv(io.BytesIO(body.read())))\n"
            "owls.agg({'owls_needed': 'sum'}).first()[0]")
    output = run(new_session(livy), code)
    assert output.get("data") == {"text/plain": "51\n"}, output


def test_a_livy_whose_spark_cannot_start_says_why() -> None:
    """The development venv has no pyspark: the worker reports the import error, the
    sessions list answers 500 with it (not 503: nothing is starting), sessions are dead."""
    with LivyServer(sys.executable) as server:
        assert server.spark.wait_ready(60) is False
        status, headers, body = livy_call(server.url() + "/sessions")
        assert status == 500 and body["starting"] is False
        assert "No module named 'pyspark'" in body["msg"]
        assert "X-Dsws-Livy-Starting" not in headers
        status, _, session = livy_call(server.url() + "/sessions", "POST", {"kind": "pyspark"})
        assert status == 201 and session["state"] == "dead"
