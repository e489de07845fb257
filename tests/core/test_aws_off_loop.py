"""No feature builds a boto3 client on the event loop.

Building a client reads botocore's service model from disk (~0.5 s for SageMaker): on the
loop it would hold every other request of the server that long. The server runs as in a
Studio space, so that every panel's AWS calls happen: the status (STS, DescribeApp), the
Models list and overview (SageMaker), the Repositories list (CodeCommit, SageMaker's
Describe* for suggestions), the current instance (DescribeApp, DescribeSpace), the EMR
clusters and Serverless applications, and the MLflow servers (SageMaker). Each panel gets
a server of its own, so that each one's clients are built by its own routes. moto lacks
some of these calls: their errors are fine here, only where the clients were built matters.
"""

from __future__ import annotations

import pytest
from helpers import STUDIO

#: Each panel: its routes, the clients they must build, the server's settings.
PANELS = {
    "status": ([("status",)], {"sts", "sagemaker"}, {}),
    "registry": ([("registry", "groups"), ("registry", "overview")], {"sagemaker"}, {}),
    "codecommit": ([("codecommit", "repos")], {"codecommit"}, {}),
    "instances": ([("instances", "current")], {"sagemaker"}, {}),
    "emr": ([("emr", "clusters"), ("emr", "serverless", "applications")],
            {"emr", "emr-serverless"}, {}),
    # moto has no ListMlflowTrackingServers: a closed port answers as the spec says (503).
    "experiments": ([("experiments", "servers")], {"sagemaker"},
                    {"aws_endpoint_url": "closed"}),
}
SERVICES = ("sts", "sagemaker", "codecommit", "emr", "emr-serverless")


@pytest.fixture
def dsws_config(panel: str) -> dict:
    return dict(PANELS[panel][2])


@pytest.mark.parametrize("studio_metadata", [{**STUDIO, "UserProfileName": "hermione"}],
                         indirect=True)
@pytest.mark.parametrize("panel", PANELS)
async def test_every_panels_clients_are_built_off_the_event_loop(jp_fetch, extension, panel):
    paths, services, _ = PANELS[panel]
    for path in paths:
        await jp_fetch("dsws", *path, raise_error=False)

    aws = extension.aws
    built = {s for s in SERVICES if aws.endpoint_of(s)}
    assert services <= built  # the routes did build them...
    assert aws.built_on_loop == []  # ...and none on the loop
