"""The product's own instance switch (SwitchService) against the emulator's Studio: it
updates the space, its app stops through the host, and the next start is on the new type;
a type whose quota is used up is refused before anything changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from studio_world import DOMAIN, REGION, RecordingHost, app_of, make_space

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.demo.studio.quotas import quota_name
from jupyter_dsws.instances.catalog import load_bundled
from jupyter_dsws.instances.switch import QuotaExceeded, SwitchService
from jupyter_dsws.studio import StudioApp


class DeleteOwnApp:
    """What the idle feature's stop does at its end: DeleteApp on this app."""

    def __init__(self, sagemaker: Any, space: str) -> None:
        self.sagemaker = sagemaker
        self.space = space

    def request_stop(self, reason: str, person: Any = None) -> None:
        self.sagemaker.delete_app(**app_of(self.space))


@pytest.fixture
def aws(fake_aws: None, fresh_emulator: Any) -> Iterator[AwsAccess]:
    access = AwsAccess(region=REGION, endpoint_url=fresh_emulator.endpoint_url)
    yield access
    access.close()


def switcher(aws: AwsAccess, sagemaker: Any, arn: str) -> SwitchService:
    app = StudioApp(domain_id=DOMAIN, space_name="lab", app_type="JupyterLab",
                    app_name="default", resource_arn=arn)
    catalog = load_bundled()
    return SwitchService(aws, app, catalog=lambda: catalog, allowed=lambda _: True,
                         stopper=lambda: DeleteOwnApp(sagemaker, "lab"))


async def test_a_switch_stops_the_app_and_the_next_start_is_on_the_new_type(
        aws: AwsAccess, sagemaker: Any, studio: Any) -> None:
    host = RecordingHost(studio)
    studio.host = host
    make_space(sagemaker, "lab", instance_type="ml.t3.medium")
    arn = sagemaker.create_app(**app_of("lab"))["AppArn"]
    studio.app_in_service(arn)

    accepted = await switcher(aws, sagemaker, arn).switch("ml.g4dn.xlarge")
    assert accepted.app_stopping
    space = sagemaker.describe_space(DomainId=DOMAIN, SpaceName="lab")
    assert space["SpaceSettings"]["JupyterLabAppSettings"]["DefaultResourceSpec"][
        "InstanceType"] == "ml.g4dn.xlarge"
    assert space["SpaceSettings"]["AppType"] == "JupyterLab"  # the rest of the settings stay
    assert sagemaker.describe_app(**app_of("lab"))["Status"] == "Deleting"
    assert [a.arn for a in host.stopped] == [arn]
    studio.app_deleted(arn)
    assert sagemaker.describe_app(**app_of("lab"))["Status"] == "Deleted"

    sagemaker.create_app(**app_of("lab"))  # the person runs the space again
    assert host.started[-1].instance_type == "ml.g4dn.xlarge"


async def test_a_switch_beyond_the_quota_is_refused_and_changes_nothing(
        aws: AwsAccess, sagemaker: Any, studio: Any,
        emulator_client: Callable[..., Any]) -> None:
    studio.set_quota("ml.g4dn.xlarge", 1)
    make_space(sagemaker, "colleague", instance_type="ml.g4dn.xlarge")
    sagemaker.create_app(**app_of("colleague"))  # uses the account's one g4dn.xlarge
    make_space(sagemaker, "lab", instance_type="ml.t3.medium")
    arn = sagemaker.create_app(**app_of("lab"))["AppArn"]

    with pytest.raises(QuotaExceeded) as refused:
        await switcher(aws, sagemaker, arn).switch("ml.g4dn.xlarge")
    assert refused.value.check.name == quota_name("ml.g4dn.xlarge")
    assert (refused.value.check.limit, refused.value.check.in_use) == (1, 1)
    space = sagemaker.describe_space(DomainId=DOMAIN, SpaceName="lab")
    assert space["SpaceSettings"]["JupyterLabAppSettings"]["DefaultResourceSpec"][
        "InstanceType"] == "ml.t3.medium"
    assert sagemaker.describe_app(**app_of("lab"))["Status"] == "InService"
