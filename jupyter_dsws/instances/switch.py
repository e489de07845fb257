"""The current instance, and switching the space to another type for its next start.

A running Studio app keeps its instance. A switch sets the space's JupyterLab
``DefaultResourceSpec.InstanceType`` (UpdateSpace), then stops this app through the idle
feature's save-every-document handshake (DeleteApp on itself); the person starts the space
again from Studio, on the new type. docs/instances.md has the sequence as checked against
the API reference.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from typing import Any, Protocol

from ..aws import AwsAccess
from ..errors import Conflict, DSWSError, InvalidInput, NotAllowed
from ..idle.models import PersonHere
from ..people import Person
from ..studio import StudioApp
from .catalog import Catalog
from .models import CurrentInstance, QuotaExceededBody, SwitchAccepted
from .quotas import QuotaCheck, QuotaChecker

log = logging.getLogger(__name__)

HOW_TO_SWITCH = (
    "Outside a SageMaker Studio space there is nothing to switch from here. In Studio: stop the "
    "space (Studio > JupyterLab > the space's Stop button), pick the instance type in the "
    "space's settings, and run it again; or use this panel from inside the space."
)
# SageMaker Distribution ships a CPU and a GPU build of each image; a GPU instance needs the
# GPU build for CUDA (and a CPU instance cannot run the GPU build's drivers usefully).
_SMD_VARIANT = re.compile(r"(sagemaker-distribution-)(cpu|gpu)\b")


class QuotaExceeded(DSWSError):
    status = 422
    code = "quota_exceeded"

    def __init__(self, check: QuotaCheck) -> None:
        limit = f"{check.limit:g}" if check.limit is not None else "?"
        super().__init__(
            f"Switching would fail: the account's quota {check.name!r} ({check.code}) allows "
            f"{limit} app(s) and {check.in_use} run on it now. Nothing was changed. Ask your "
            f"admin to request an increase of {check.name} in Service Quotas (Amazon SageMaker, "
            f"this region), or pick another type.")
        self.check = check

    def to_json(self) -> dict[str, object]:
        return QuotaExceededBody(message=self.message, quota_name=self.check.name,
                                 quota_code=self.check.code or "", limit=self.check.limit or 0,
                                 in_use=self.check.in_use).model_dump()


class AppStopRequester(Protocol):
    def request_stop(self, reason: str, person: Person | None = None) -> None: ...


def swap_image_variant(arn: str | None, gpu: bool) -> str | None:
    """The SageMaker Distribution image of the right build (CPU or GPU); others unchanged."""
    if not arn:
        return arn
    return _SMD_VARIANT.sub(lambda m: m.group(1) + ("gpu" if gpu else "cpu"), arn)


def new_jupyterlab_settings(space: dict[str, Any], app: dict[str, Any] | None,
                            instance_type: str, gpu: bool) -> dict[str, Any]:
    """The space's JupyterLab settings with the new type, everything else kept.

    Kept from DescribeSpace (else from DescribeApp's ResourceSpec): the image, its version,
    the lifecycle configuration; and the settings' other parts (code repositories, idle
    settings), so that the update changes only the type.
    """
    settings = copy.deepcopy(
        (space.get("SpaceSettings") or {}).get("JupyterLabAppSettings") or {})
    spec = dict(settings.get("DefaultResourceSpec") or {})
    running = (app or {}).get("ResourceSpec") or {}
    for key in ("SageMakerImageArn", "SageMakerImageVersionArn", "SageMakerImageVersionAlias",
                "LifecycleConfigArn"):
        if not spec.get(key) and running.get(key):
            spec[key] = running[key]
    for key in ("SageMakerImageArn", "SageMakerImageVersionArn"):
        if spec.get(key):
            spec[key] = swap_image_variant(spec[key], gpu)
    spec["InstanceType"] = instance_type
    settings["DefaultResourceSpec"] = spec
    return settings


class SwitchService:
    def __init__(self, aws: AwsAccess, studio: StudioApp | None, *,
                 catalog: Callable[[], Catalog], allowed: Callable[[str], bool],
                 stopper: Callable[[], AppStopRequester | None], quota_check: bool = True,
                 people: Callable[[Person | None], list[PersonHere]] | None = None,
                 logger: logging.Logger = log) -> None:
        self.aws = aws
        self.studio = studio
        self.catalog = catalog
        self.allowed = allowed
        self.stopper = stopper
        self.quota_check = quota_check
        self.quotas = QuotaChecker(aws)
        # Who has the space open (the idle panel's presence): the switch stops it for all.
        self.people = people
        self.log = logger

    async def current(self, person: Person | None = None) -> CurrentInstance:
        people = self.people(person) if self.people is not None else None
        app = self.studio
        if app is None or not app.space_name:
            return CurrentInstance(in_studio=app is not None, instance_type=None,
                                   space_name=app.space_name if app else None, people=people)
        instance_type = None
        try:
            described = await self.aws.call("sagemaker", "describe_app", **app.app_identity())
            instance_type = (described.get("ResourceSpec") or {}).get("InstanceType")
        except DSWSError as exc:
            self.log.info("dsws instances: DescribeApp failed: %s", exc.message)
        if not instance_type:
            # The space's setting: what the app was started with, unless changed since.
            try:
                space = await self.aws.call("sagemaker", "describe_space",
                                            DomainId=app.domain_id, SpaceName=app.space_name)
                instance_type = ((((space.get("SpaceSettings") or {})
                                   .get("JupyterLabAppSettings") or {})
                                  .get("DefaultResourceSpec") or {}).get("InstanceType"))
            except DSWSError as exc:
                self.log.info("dsws instances: current instance type unknown: %s", exc.message)
        return CurrentInstance(in_studio=True, instance_type=instance_type,
                               space_name=app.space_name, people=people)

    def validate(self, instance_type: str) -> None:
        """400 unknown type, 403 not allowed, 409 outside a Studio space: before any AWS call."""
        spec = self.catalog().find(instance_type)
        if spec is None:
            raise InvalidInput(
                f"instance_type: {instance_type!r} is not a Studio JupyterLab instance type in the "
                "catalog (GET dsws/instances lists them).", code="unknown_instance_type")
        if not self.allowed(instance_type):
            raise NotAllowed(f"Your admin does not allow {instance_type} here "
                             "(c.InstancePicker.allowed_instance_types).",
                             code="instance_type_not_allowed")
        if self.studio is None:
            raise Conflict(HOW_TO_SWITCH, code="not_in_studio")
        if not self.studio.space_name or self.studio.app_type != "JupyterLab":
            raise Conflict("This app is not a JupyterLab app in a Studio space, so it has no "
                           "space settings to change. " + HOW_TO_SWITCH, code="not_in_studio")

    async def switch(self, instance_type: str, person: Person | None = None) -> SwitchAccepted:
        """Set the space's type for its next start and stop the app; ``person`` (who asked)
        is recorded in the log and the idle events, and decides nothing."""
        self.validate(instance_type)
        app = self.studio
        assert app is not None and app.space_name
        spec = self.catalog().find(instance_type)
        assert spec is not None
        described = await self.aws.call("sagemaker", "describe_app", **app.app_identity())
        current = (described.get("ResourceSpec") or {}).get("InstanceType")
        if current == instance_type:
            raise Conflict(f"This space already runs on {instance_type}.",
                           code="same_instance_type")

        note = ""
        if self.quota_check:
            check = await self.quotas.check(instance_type)
            if check.would_exceed:
                raise QuotaExceeded(check)
            if check.problem:
                # Unreadable quotas do not block: Studio's own error at the next start remains.
                note = (f" The quota {check.name!r} could not be checked ({check.problem}); if "
                        "the space does not start, that quota is the first thing to look at.")

        space = await self.aws.call("sagemaker", "describe_space", DomainId=app.domain_id,
                                    SpaceName=app.space_name)
        settings = new_jupyterlab_settings(space, described, instance_type, spec.gpus > 0)
        try:
            await self.aws.call("sagemaker", "update_space", DomainId=app.domain_id,
                                SpaceName=app.space_name,
                                SpaceSettings={"JupyterLabAppSettings": settings})
        except Conflict as exc:
            raise Conflict(
                "SageMaker did not change the space's instance type while it runs "
                f"({exc.message}). Nothing was changed and nothing stopped. Stop the space "
                f"from Studio, pick {instance_type} in its settings and run it again.",
                code="space_busy") from None
        self.log.info("dsws instances: space %s set to %s for its next start (was %s), asked "
                      "by %s", app.space_name, instance_type, current, person or "unknown")

        stopper = self.stopper()
        if stopper is None:
            return SwitchAccepted(
                instance_type=instance_type, space_name=app.space_name, app_stopping=False,
                message=(f"The space {app.space_name} will start on {instance_type} next time. "
                         "This app keeps running on "
                         f"{current or 'its current type'} until it stops: save your work, stop "
                         "the space from Studio, and run it again." + note))
        asker = person.display_name if person is not None else "a person"
        stopper.request_stop(f"Switching the space to {instance_type}: {asker} asked for it "
                             "from the Instances panel.", person)
        return SwitchAccepted(
            instance_type=instance_type, space_name=app.space_name, app_stopping=True,
            message=(f"The space {app.space_name} will start on {instance_type}. Open documents "
                     "are saved, then this app stops: running kernels, terminals and jobs stop "
                     f"with it. Then run the space again from Studio (it starts on "
                     f"{instance_type})." + note))
