"""No feature builds a boto3 client on the event loop.

Building a client reads botocore's service model from disk (~0.5 s for SageMaker): on the
loop it would hold every other request of the server that long. The server runs as in a
Studio space, so that every panel's AWS calls happen: the status (STS, DescribeApp), the
Models list and overview (SageMaker), the Repositories list (CodeCommit, SageMaker's
Describe* for suggestions) and the current instance (DescribeApp, DescribeSpace). moto
lacks some of them: their errors are fine here, only where the clients were built matters.
"""

from __future__ import annotations

import pytest
from helpers import STUDIO


@pytest.mark.parametrize("studio_metadata", [{**STUDIO, "UserProfileName": "hermione"}],
                         indirect=True)
async def test_every_panels_clients_are_built_off_the_event_loop(jp_fetch, extension):
    for path in (("status",), ("registry", "groups"), ("registry", "overview"),
                 ("codecommit", "repos"), ("instances", "current")):
        await jp_fetch("dsws", *path, raise_error=False)

    aws = extension.aws
    built = {s for s in ("sts", "sagemaker", "codecommit") if aws.endpoint_of(s)}
    assert built == {"sts", "sagemaker", "codecommit"}  # the routes did build them...
    assert aws.built_on_loop == []  # ...and none on the loop
