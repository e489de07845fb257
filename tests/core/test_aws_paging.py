"""Pages come from boto3's paginators with a cap; "missing is fine" is said once, in the layer.

botocore's Stubber answers (it checks every request against the real SageMaker model): an
API whose every page names a next one stands for a token that never ends.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.stub import Stubber

from jupyter_dsws.aws import AwsAccess, paginate
from jupyter_dsws.errors import NotFound

PACKAGE = Path(__file__).resolve().parents[2] / "jupyter_dsws"


def endless(stub: Stubber, pages: int) -> None:
    for n in range(pages):
        stub.add_response("list_model_packages", {
            "ModelPackageSummaryList": [], "NextToken": f"page-{n + 2}"})


@pytest.fixture
def aws(fake_aws: None):
    access = AwsAccess(region="eu-central-1")
    yield access
    access.close()


def test_paginate_stops_at_the_cap_and_says_so(aws, caplog):
    sagemaker = aws.client("sagemaker")
    with Stubber(sagemaker) as stub, caplog.at_level(logging.WARNING):
        endless(stub, 5)
        pages = list(paginate(sagemaker, "list_model_packages", max_pages=3,
                              ModelPackageGroupName="g"))
        with pytest.raises(AssertionError):
            stub.assert_no_pending_responses()  # the 4th and 5th pages were never asked for
    assert len(pages) == 3
    assert "stopped reading list_model_packages after 3 pages" in caplog.text


async def test_the_servers_pages_are_capped_and_leaving_early_reads_no_more(aws):
    sagemaker = aws.client("sagemaker")
    with Stubber(sagemaker) as stub:
        endless(stub, 4)
        listed = [page async for page in aws.pages("sagemaker", "list_model_packages",
                                                   max_pages=2, ModelPackageGroupName="g")]
        assert len(listed) == 2
        async for _ in aws.pages("sagemaker", "list_model_packages",
                                 ModelPackageGroupName="g"):
            break
        with pytest.raises(AssertionError, match=r"^1 responses remaining"):
            stub.assert_no_pending_responses()  # 2 pages, then 1: of 4, one is left


@pytest.mark.parametrize("missing_ok", [True, False])
async def test_a_missing_thing_is_not_found_and_quiet_where_expected(aws, caplog, missing_ok):
    sagemaker = aws.client("sagemaker")
    with Stubber(sagemaker) as stub, caplog.at_level(logging.DEBUG, "jupyter_dsws.aws"):
        stub.add_client_error("describe_model_package_group", "ValidationException",
                              "ModelPackageGroup arn:aws:sagemaker:... does not exist.", 400)
        with pytest.raises(NotFound):
            await aws.call("sagemaker", "describe_model_package_group", missing_ok=missing_ok,
                           ModelPackageGroupName="nope")
    levels = {r.levelno for r in caplog.records if "describe_model_package_group" in r.message}
    assert levels == ({logging.DEBUG} if missing_ok else {logging.WARNING})


def test_a_client_built_on_the_loop_is_noticed(aws):
    async def build() -> None:
        aws.client("sts")

    import asyncio

    asyncio.run(build())
    assert aws.built_on_loop == ["sts"]


def test_only_the_aws_layer_reads_botocore_errors_and_pages_by_hand():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "aws" and path.parent.parent == PACKAGE:
            continue
        if path.name == "credential_helper.py":
            # Copied out of the package and run by git with any Python (docs/codecommit.md):
            # it must not import jupyter_dsws, so it reads botocore's errors itself.
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bClientError\b.*import|import.*\bClientError\b|"
                     r"from botocore\.exceptions import", text):
            offenders.append(f"{path.name}: botocore's errors")
        if re.search(r"\[\s*[\"']NextToken[\"']\s*\]\s*=|get_paginator\(", text):
            offenders.append(f"{path.name}: pages by hand")
    assert offenders == []


def test_importing_the_extension_loads_neither_boto3_nor_botocore():
    code = ("import sys, jupyter_dsws.app; "
            "print(sorted(m for m in ('boto3', 'botocore') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"
