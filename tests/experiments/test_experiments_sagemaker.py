"""Which MLflow the panel reads in SageMaker, and how it signs for it.

moto implements none of SageMaker's MLflow operations (List/Describe tracking servers and
apps, the presigned URLs): botocore's Stubber answers them here, checking every request
against the real API model. The data plane is a small recording server standing in for
``<region>.experiments.sagemaker.aws``, so the test sees the exact headers that would go
out, and checks the SigV4 signature with botocore.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.stub import Stubber
from helpers import STUDIO, body, error_of
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

ACCOUNT = "123456789012"
SERVER_ARN = f"arn:aws:sagemaker:eu-central-1:{ACCOUNT}:mlflow-tracking-server/team"
OTHER_ARN = f"arn:aws:sagemaker:eu-central-1:{ACCOUNT}:mlflow-tracking-server/sandbox"
APP_ARN = f"arn:aws:sagemaker:eu-central-1:{ACCOUNT}:mlflow-app/app-1234abcd"
WHEN = datetime(2026, 11, 1, tzinfo=UTC)


def tracking_summary(arn: str, name: str, status: str = "Created") -> dict[str, Any]:
    return {"TrackingServerArn": arn, "TrackingServerName": name, "CreationTime": WHEN,
            "TrackingServerStatus": status, "IsActive": "Active", "MlflowVersion": "3.0"}


@pytest.fixture
def sagemaker(extension: Any) -> Iterator[Stubber]:
    """The extension's own cached SageMaker client, stubbed."""
    with Stubber(extension.aws.client("sagemaker")) as stub:
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture
def config_sections(experiments_config: dict) -> dict:
    # No tracking_uri unless a test gives one: the panel finds the server in SageMaker.
    return {"Experiments": dict(experiments_config)}


def lists(stub: Stubber, tracking: list[dict[str, Any]], apps: list[dict[str, Any]]) -> None:
    stub.add_response("list_mlflow_tracking_servers", {"TrackingServerSummaries": tracking})
    stub.add_response("list_mlflow_apps", {"Summaries": apps})


@pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)
async def test_the_domains_default_mlflow_app_is_the_default(jp_fetch, sagemaker):
    lists(sagemaker, [tracking_summary(SERVER_ARN, "team")],
          [{"Arn": APP_ARN, "Name": "team-app", "Status": "Created", "MlflowVersion": "3.4"}])
    sagemaker.add_response("describe_mlflow_app",
                           {"Arn": APP_ARN, "DefaultDomainIdList": ["d-abc123"]},
                           expected_params={"Arn": APP_ARN})
    answer = body(await jp_fetch("dsws", "experiments", "servers"))
    assert [(s["name"], s["kind"], s["default"]) for s in answer["servers"]] == [
        ("team", "tracking_server", False), ("team-app", "app", True)]
    assert answer["tracking_uri"] == APP_ARN
    assert answer["help"] is None


async def test_the_accounts_only_tracking_server_is_the_default_and_stopped_says_how_to_start(
        jp_fetch, sagemaker):
    lists(sagemaker, [tracking_summary(SERVER_ARN, "team", status="Stopped")], [])
    answer = body(await jp_fetch("dsws", "experiments", "servers"))
    assert answer["servers"][0]["default"] is True
    assert "start-mlflow-tracking-server --tracking-server-name team" in answer["help"]

    # The servers just listed (shared for Experiments.servers_ttl_seconds): no new call.
    code, error = await error_of(jp_fetch("dsws", "experiments", "experiments"))
    assert code == 503 and error["error"] == "no_tracking_server"
    assert "is stopped" in error["message"]


async def test_several_servers_and_no_default_say_how_to_choose(jp_fetch, sagemaker):
    lists(sagemaker, [tracking_summary(SERVER_ARN, "team"),
                      tracking_summary(OTHER_ARN, "sandbox")], [])
    answer = body(await jp_fetch("dsws", "experiments", "servers"))
    assert answer["tracking_uri"] is None
    assert not any(s["default"] for s in answer["servers"])
    assert "c.Experiments.tracking_uri" in answer["help"]


class Recorder(RequestHandler):
    seen: list[Any] = []

    def post(self, path: str) -> None:
        type(self).seen.append(self.request)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"experiments": [{"experiment_id": "7", "name": "churn"}]}
                               if path.endswith("experiments/search") else {}))


@pytest.fixture
def data_plane() -> Iterator[str]:
    Recorder.seen = []
    sock, port = bind_unused_port()
    server = HTTPServer(Application([(r"(/api/2\.0/mlflow/.*)", Recorder)]))
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def experiments_config(request: pytest.FixtureRequest, data_plane: str) -> dict:
    given = dict(getattr(request, "param", {}))
    if "<mlflow>" in given.values():  # the real MLflow server of tests/experiments/conftest.py
        data_plane = request.getfixturevalue("mlflow_server").url
    return {k: (data_plane if v in ("<data plane>", "<mlflow>") else v)
            for k, v in given.items()}


@pytest.mark.parametrize("experiments_config", [
    {"tracking_uri": SERVER_ARN, "mlflow_endpoint_url": "<data plane>"}], indirect=True)
async def test_a_tracking_server_is_asked_with_sigv4_as_sagemaker_mlflow(jp_fetch, sagemaker,
                                                                        data_plane):
    lists(sagemaker, [tracking_summary(SERVER_ARN, "team")], [])
    answer = body(await jp_fetch("dsws", "experiments", "experiments"))
    assert answer["experiments"][0]["name"] == "churn"

    search = next(r for r in Recorder.seen if r.path.endswith("experiments/search"))
    headers = search.headers
    assert headers["x-mlflow-sm-tracking-server-arn"] == SERVER_ARN
    authorization = headers["Authorization"]
    assert authorization.startswith("AWS4-HMAC-SHA256 Credential=testing/")
    assert "/eu-central-1/sagemaker-mlflow/aws4_request" in authorization
    # The signature is the one botocore makes for this very request with these keys.
    again = AWSRequest(method="POST", url=data_plane + search.path, data=search.body,
                       headers={k: headers[k] for k in ("Accept", "Content-Type",
                                                        "x-mlflow-sm-tracking-server-arn",
                                                        "Host")})
    signer = SigV4Auth(Credentials("testing", "testing"), "sagemaker-mlflow", "eu-central-1")
    again.context["timestamp"] = headers["X-Amz-Date"]
    signer.add_auth(again)
    assert again.headers["Authorization"] == authorization


@pytest.mark.parametrize("experiments_config", [{"tracking_uri": SERVER_ARN}], indirect=True)
async def test_the_mlflow_ui_opens_with_a_presigned_url_made_at_the_click_and_never_logged(
        jp_fetch, sagemaker, caplog):
    caplog.set_level(logging.DEBUG)
    lists(sagemaker, [tracking_summary(SERVER_ARN, "team")], [])
    url = "https://team.eu-central-1.experiments.sagemaker.aws/auth?authToken=SECRET123"
    for _ in range(2):
        sagemaker.add_response("create_presigned_mlflow_tracking_server_url",
                               {"AuthorizedUrl": url},
                               expected_params={"TrackingServerName": "team",
                                                "ExpiresInSeconds": 60})
    for _ in range(2):  # a new URL at each click: none is kept
        answer = body(await jp_fetch("dsws", "experiments", "ui-url", method="POST", body="{}"))
        assert answer == {"url": url, "expires_in": 60}
    assert "SECRET123" not in caplog.text


@pytest.mark.parametrize("experiments_config", [
    {"tracking_uri": SERVER_ARN, "mlflow_endpoint_url": "<mlflow>"}], indirect=True)
async def test_a_sagemaker_server_is_read_with_its_documented_calls_only(jp_fetch, sagemaker,
                                                                        extension, mlflow):
    # SageMaker authorizes each MLflow call as a sagemaker-mlflow: IAM action and lists none
    # for MLflow's /ajax-api/ routes: the histories come from get-history, one call a run.
    lists(sagemaker, [tracking_summary(SERVER_ARN, "team")], [])
    experiment = mlflow.experiment(f"sagemaker-{datetime.now(UTC).timestamp()}")
    runs = []
    for n in range(3):
        values = [float(n)] * 300
        values[77 + n] = 9.0
        runs.append(mlflow.run(experiment, f"r{n}", histories={"loss": values}))
    answer = body(await jp_fetch("dsws", "experiments", "compare", "metrics", "loss",
                                 params=[("run", r) for r in runs] + [("max_points", "20")]))
    for one in answer["series"]:
        assert one["total"] == 300 and len(one["points"]) <= 20
        assert 9.0 in [p["value"] for p in one["points"]]
    calls = (await extension.features["experiments"].service.rest()).calls
    assert calls.get("metrics/get-history") == 3
    assert not [path for path in calls if "ajax-api" in path]
