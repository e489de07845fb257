"""``dsws lifecycle build → publish → attach --built-in → list`` end to end against the demo's
emulator (which plays Studio's control plane), as an admin runs them with AWS_ENDPOINT_URL
pointing at ``dsws demo``; and the next space start runs the attached script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jupyter_dsws.lifecycle import cli as lifecycle_cli

REGION = "eu-central-1"
DOMAIN = "d-lcc-e2e"


@pytest.fixture
def against_emulator(fresh_emulator: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The admin's environment: every AWS call of ``dsws`` goes to the emulator."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", fresh_emulator.endpoint_url)
    monkeypatch.setenv("AWS_REGION", REGION)
    fresh_emulator.studio.host = None
    yield fresh_emulator
    fresh_emulator.studio.host = None


class Starts:
    """A host that records what each app start would run."""

    def __init__(self) -> None:
        self.started: list[Any] = []

    def start(self, app: Any) -> None:
        self.started.append(app)

    def stop(self, app: Any) -> None:
        pass


def test_build_publish_attach_built_in_and_list(against_emulator: Any, fake_wheel: Path,
                                                tmp_path: Path,
                                                emulator_client: Callable[..., Any],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    s3, sm = emulator_client("s3"), emulator_client("sagemaker")
    s3.create_bucket(Bucket="team-lcc", CreateBucketConfiguration={"LocationConstraint": REGION})
    sm.create_domain(DomainName=DOMAIN.removeprefix("d-"), AuthMode="IAM",
                     DefaultUserSettings={"ExecutionRole": "arn:aws:iam::123456789012:role/x"},
                     SubnetIds=["subnet-0123456789abcdef0"], VpcId="vpc-0123456789abcdef0")
    out = tmp_path / "out"
    uri = "s3://team-lcc/dsws"

    assert lifecycle_cli.main(["build", "--s3-uri", uri, "--wheel", str(fake_wheel),
                               "--out", str(out)]) == 0
    assert lifecycle_cli.main(["publish", "--s3-uri", uri, "--out", str(out)]) == 0
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="team-lcc")["Contents"]]
    assert sorted(keys) == ["dsws/SHA256SUMS", f"dsws/{fake_wheel.name}"]

    script = out / "jupyterlab-on-start.sh"
    attach = ["attach", "--script", str(script), "--domain", DOMAIN, "--built-in"]
    assert lifecycle_cli.main(attach) == 0
    printed = capsys.readouterr().out
    assert "CreateStudioLifecycleConfig" in printed and "UpdateDomain" in printed
    (lcc,) = sm.list_studio_lifecycle_configs(NameContains="dsws-")["StudioLifecycleConfigs"]
    arn = lcc["StudioLifecycleConfigArn"]
    lab = sm.describe_domain(DomainId=DOMAIN)["DefaultUserSettings"]["JupyterLabAppSettings"]
    assert (lab["BuiltInLifecycleConfigArn"], lab["LifecycleConfigArns"]) == (arn, [arn])

    # Attaching the same script again finds the same LCC and changes nothing.
    assert lifecycle_cli.main(attach) == 0
    assert "nothing to change" in capsys.readouterr().out

    assert lifecycle_cli.main(["list", "--domain", DOMAIN]) == 0
    listed = capsys.readouterr().out
    assert lcc["StudioLifecycleConfigName"] in listed and "version 1.2.3" in listed
    assert f"domain {DOMAIN} (listed, built-in)" in listed

    # The next start of any JupyterLab space of the domain runs the script first.
    starts = Starts()
    against_emulator.studio.host = starts
    sm.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    sm.create_space(DomainId=DOMAIN, SpaceName="lab", SpaceSettings={"AppType": "JupyterLab"},
                    OwnershipSettings={"OwnerUserProfileName": "harry-potter"},
                    SpaceSharingSettings={"SharingType": "Private"})
    sm.create_app(DomainId=DOMAIN, SpaceName="lab", AppType="JupyterLab", AppName="default")
    (app,) = starts.started
    (run,) = app.lifecycle_scripts
    assert (run.arn, run.content) == (arn, script.read_text())

    # Detached, it stays in use while the app that ran it lives; then it can be deleted.
    assert lifecycle_cli.main(["detach", "--domain", DOMAIN]) == 0
    lab = sm.describe_domain(DomainId=DOMAIN)["DefaultUserSettings"]["JupyterLabAppSettings"]
    assert lab["LifecycleConfigArns"] == [] and lab["BuiltInLifecycleConfigArn"] == "None"
    name = lcc["StudioLifecycleConfigName"]
    with pytest.raises(sm.exceptions.ResourceInUse, match=app.arn):
        sm.delete_studio_lifecycle_config(StudioLifecycleConfigName=name)
    sm.delete_app(DomainId=DOMAIN, SpaceName="lab", AppType="JupyterLab", AppName="default")
    against_emulator.studio.app_deleted(app.arn)
    sm.delete_studio_lifecycle_config(StudioLifecycleConfigName=name)
