"""Our own lifecycle script starts a demo space: the admin's whole sequence, for real.

`dsws lifecycle build` renders the script for our wheel, `dsws lifecycle publish` puts the
wheelhouse into the emulator's S3, and the space's start runs the script with bash: the AWS
CLI (requirements/awscli.txt, built once into build/lifecycle-sandbox/) downloads it, pip
installs it into the space's fresh prefix, and the started server has jupyter_dsws.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from space_world import (
    REGION,
    FakePlane,
    app_record,
    cloudwatch_lines,
    domain,
    get_json,
    lcc_sandbox,
    make_host,
    plane,
    product_wheel,
    script,
)

from jupyter_dsws.cli import main as dsws
from jupyter_dsws.demo.space_apps import SpaceApps

# The first run builds the AWS CLI's environment (cached under build/ afterwards).
pytestmark = pytest.mark.timeout(600)
__all__ = ["make_host", "plane"]  # fixtures


@pytest.fixture
def aws_cli(tmp_path: Path) -> Path:
    """A folder with only ``aws`` in it, as the image has it on PATH."""
    folder = tmp_path / "aws-cli"
    folder.mkdir()
    (folder / "aws").symlink_to(lcc_sandbox().ensure_env("awscli") / "bin" / "aws")
    return folder


def test_our_lifecycle_script_installs_jupyter_dsws_offline_at_each_start(
        make_host: Callable[..., SpaceApps], plane: FakePlane, aws_cli: Path,
        emulator_client: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
        fake_aws: None, fresh_emulator: Any, tmp_path: Path) -> None:
    bucket = f"dsws-space-{uuid.uuid4().hex[:12]}"
    emulator_client("s3").create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    monkeypatch.setenv("AWS_ENDPOINT_URL", fresh_emulator.endpoint_url)
    monkeypatch.setenv("AWS_REGION", REGION)
    uri, out = f"s3://{bucket}/dsws", tmp_path / "lifecycle"
    assert dsws(["lifecycle", "build", "--s3-uri", uri, "--wheel", str(product_wheel()),
                 "--out", str(out)]) == 0
    assert dsws(["lifecycle", "publish", "--s3-uri", uri, "--out", str(out)]) == 0
    (built,) = out.glob("*.sh")

    host = make_host(aws_cli=aws_cli)
    app = app_record(domain(), "team",
                     script("dsws-on-start", built.read_text()))
    host.start(app)
    started = plane.wait(app.arn)
    assert started.state == "InService", started.reason

    log = host.log_path(app.domain_id, "team").read_text().splitlines()
    summary = [line for line in log if line.startswith("dsws-lcc: ")]
    assert summary and summary[-1].startswith("dsws-lcc: installed: jupyter_dsws "), log
    assert "(wheelhouse downloaded)" in summary[-1]
    assert summary[-1] in cloudwatch_lines(emulator_client, app)
    status = get_json(host.port(app.domain_id, "team"), "/dsws/status")
    assert status["studio"]["space_name"] == "team"
    assert status["studio"]["domain_id"] == app.domain_id

    # The next start: a fresh prefix again, so the script installs again, from the cache
    # in HOME (nothing downloaded).
    host.stop(app)
    assert plane.wait(app.arn, 2).state == "Deleted"
    host.start(app)
    assert plane.wait(app.arn, 3).state == "InService", plane.events[-1].reason
    log = host.log_path(app.domain_id, "team").read_text().splitlines()
    summary = [line for line in log if line.startswith("dsws-lcc: ")]
    assert summary[-1].startswith("dsws-lcc: installed: jupyter_dsws "), log
    assert "(wheelhouse from the cache)" in summary[-1]
    status = get_json(host.port(app.domain_id, "team"), "/dsws/status")
    assert status["studio"]["space_name"] == "team"
