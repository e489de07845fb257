"""The Team overview's "waiting for review" time, with an injected clock (no sleeping)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.registry.config import ModelRegistry
from jupyter_dsws.registry.service import RegistryService


async def test_pending_versions_say_how_long_they_wait(
        emulator: Any, world: Any, aws: Callable[[str], Any],
        register: Callable[..., Any]) -> None:
    for number in (1, 2, 3):
        register("overview-waiting", number)
    sagemaker = aws("sagemaker")
    packages = sagemaker.list_model_packages(
        ModelPackageGroupName="overview-waiting")["ModelPackageSummaryList"]
    by_version = {p["ModelPackageVersion"]: p for p in packages}
    sagemaker.update_model_package(ModelPackageArn=by_version[2]["ModelPackageArn"],
                                   ModelApprovalStatus="Approved")
    created_3 = by_version[3]["CreationTime"].timestamp()

    access = AwsAccess(region="eu-central-1", endpoint_url=emulator.endpoint_url)
    service = RegistryService(access, ModelRegistry(config=Config()),
                              clock=lambda: created_3 + 2 * 3600)
    overview = await service.overview()
    access.close()

    (group,) = [g for g in overview.groups if g.name == "overview-waiting"]
    assert group.latest_approved is not None
    assert (group.latest_approved.version, group.latest_approved.metrics) == (
        2, {"accuracy": 0.52, "rmse": 1.8})
    assert [p.version for p in group.pending] == [1, 3]  # oldest first
    assert group.pending[1].waiting_seconds == 7200.0
    assert group.pending[0].waiting_seconds >= 7200.0
