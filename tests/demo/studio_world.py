"""A Studio world for the emulator's control-plane tests: a domain, and a host that records
what the plane asks it to run (and may answer from its own thread, as the demo's does)."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from jupyter_dsws.demo.studio import AppRecord, StudioControlPlane

ACCOUNT, REGION = "123456789012", "eu-central-1"
DOMAIN = "d-studiotests"
DOMAIN_ROLE = f"arn:aws:iam::{ACCOUNT}:role/domain-role"
HARRY_ROLE = f"arn:aws:iam::{ACCOUNT}:role/harry-role"


def make_domain(sagemaker: Any, **settings: Any) -> str:
    sagemaker.create_domain(
        DomainName=DOMAIN.removeprefix("d-"), AuthMode="IAM",
        DefaultUserSettings={"ExecutionRole": DOMAIN_ROLE, **settings},
        SubnetIds=["subnet-0123456789abcdef0"], VpcId="vpc-0123456789abcdef0",
        AppNetworkAccessType="VpcOnly")
    return DOMAIN


def make_space(sagemaker: Any, name: str, owner: str = "harry-potter",
               instance_type: str | None = None) -> None:
    """A private JupyterLab space of ``owner`` (whose profile is made if missing)."""
    with contextlib.suppress(sagemaker.exceptions.ResourceInUse):
        sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName=owner,
                                      UserSettings={"ExecutionRole": HARRY_ROLE})
    settings: dict[str, Any] = {"AppType": "JupyterLab"}
    if instance_type:
        settings["JupyterLabAppSettings"] = {"DefaultResourceSpec": {
            "InstanceType": instance_type}}
    sagemaker.create_space(DomainId=DOMAIN, SpaceName=name, SpaceSettings=settings,
                           OwnershipSettings={"OwnerUserProfileName": owner},
                           SpaceSharingSettings={"SharingType": "Private"})


def app_of(space: str, name: str = "default") -> dict[str, str]:
    return {"DomainId": DOMAIN, "SpaceName": space, "AppType": "JupyterLab", "AppName": name}


class RecordingHost:
    """Records start/stop; with ``report`` it answers from a thread of its own."""

    def __init__(self, plane: StudioControlPlane, *, report: bool = False) -> None:
        self.plane = plane
        self.report = report
        self.started: list[AppRecord] = []
        self.stopped: list[AppRecord] = []
        self.reported = threading.Event()

    def start(self, app: AppRecord) -> None:
        self.started.append(app)
        if self.report:
            self._later(self.plane.app_in_service, app.arn)

    def stop(self, app: AppRecord) -> None:
        self.stopped.append(app)
        if self.report:
            self._later(self.plane.app_deleted, app.arn)

    def _later(self, report: Any, arn: str) -> None:
        self.reported.clear()

        def run() -> None:
            report(arn)
            self.reported.set()

        threading.Thread(target=run, daemon=True).start()

    def wait(self) -> None:
        assert self.reported.wait(10), "the host did not report"
