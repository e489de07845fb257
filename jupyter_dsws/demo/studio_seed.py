"""The demo's Studio: a JupyterLab space per person, the team's shared space, and our
lifecycle configuration attached to the domain as an admin would attach it.

Everything goes through the AWS APIs (the emulator's Studio layer answers them) and through
the same functions as ``dsws lifecycle build``, ``publish`` and ``attach --built-in``: the
wheelhouse of the given wheel is published to the demo's artifacts bucket, and the script
that installs it from there becomes the domain's built-in lifecycle configuration, which
every space runs first at each start. Without a wheel the domain has none, and a space's
app runs the jupyter_dsws its image already has (the ready message says so).
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..aws import call_sync
from .clients import Clients
from .team import DOMAIN_ID, profile_name, team

APP_TYPE = "JupyterLab"
SPACE_INSTANCE_TYPE = "ml.t3.medium"
SHARED_SPACE = "team-space"
LIFECYCLE_PREFIX = "lifecycle"
#: The demo account's Service Quotas where they differ from the emulator's defaults: like
#: many a new account it may run no GPU app yet (the seed's CNN asks for ml.g4dn.xlarge, so
#: the Instances panel's switch shows the refusal), and the team's four spaces fit on the
#: small type twice over.
DEMO_QUOTAS = {"ml.g4dn.xlarge": 0, "ml.t3.medium": 8}


@dataclass(frozen=True)
class SeededSpace:
    name: str
    display_name: str
    owner: str  # a user profile name
    shared: bool


@dataclass(frozen=True)
class StudioSeed:
    domain_id: str
    spaces: tuple[SeededSpace, ...]
    #: The space `dsws demo` runs at start: the first person's own.
    default_space: str
    #: Our lifecycle configuration, attached to the domain as built-in; None without a wheel.
    lifecycle_config_arn: str | None
    lifecycle_s3_uri: str | None

    def summary(self) -> list[str]:
        names = ", ".join(s.name for s in self.spaces)
        lines = [f"Studio        domain {self.domain_id}: spaces {names}"]
        if self.lifecycle_config_arn:
            name = self.lifecycle_config_arn.rsplit("/", 1)[-1]
            lines.append(f"  built-in lifecycle configuration {name} (wheelhouse "
                         f"{self.lifecycle_s3_uri})")
        else:
            lines.append("  no lifecycle configuration: no jupyter_dsws wheel was given "
                         "(--wheel), so the spaces run the jupyter_dsws of the image")
        return lines


def apply_quotas(plane: Any) -> None:
    """Set the account's quotas on the emulator's Studio layer (AWS's side, not an API call
    the account could make: Service Quotas only takes requests for increases)."""
    for instance_type, value in DEMO_QUOTAS.items():
        plane.set_quota(instance_type, value)


def space_name(person: str) -> str:
    return f"{profile_name(person)}-lab"


def seed_studio(clients: Clients, artifacts_bucket: str, workdir: Path,
                wheel: Path | None) -> StudioSeed:
    """Spaces for the team, and (with ``wheel``) our lifecycle configuration on the domain."""
    sagemaker = clients.sagemaker
    spaces = [SeededSpace(space_name(p), f"{p.split()[0]}'s JupyterLab", profile_name(p), False)
              for p in team()]
    spaces.append(SeededSpace(SHARED_SPACE, "Team space", profile_name(team()[0]), True))
    for space in spaces:
        call_sync(sagemaker, "create_space", ok_codes=("ResourceInUse",), **_space_request(space))
    arn = uri = None
    if wheel is not None:
        uri = f"s3://{artifacts_bucket}/{LIFECYCLE_PREFIX}"
        arn = attach_lifecycle(clients, uri, workdir / "lifecycle", wheel)
    return StudioSeed(domain_id=DOMAIN_ID, spaces=tuple(spaces), default_space=spaces[0].name,
                      lifecycle_config_arn=arn, lifecycle_s3_uri=uri)


def _space_request(space: SeededSpace) -> dict[str, Any]:
    return {
        "DomainId": DOMAIN_ID, "SpaceName": space.name, "SpaceDisplayName": space.display_name,
        "OwnershipSettings": {"OwnerUserProfileName": space.owner},
        "SpaceSharingSettings": {"SharingType": "Shared" if space.shared else "Private"},
        "SpaceSettings": {
            "AppType": APP_TYPE,
            "JupyterLabAppSettings": {
                "DefaultResourceSpec": {"InstanceType": SPACE_INSTANCE_TYPE}},
            "SpaceStorageSettings": {"EbsStorageSettings": {"EbsVolumeSizeInGb": 5}},
        },
    }


def attach_lifecycle(clients: Clients, s3_uri: str, out: Path, wheel: Path) -> str:
    """``dsws lifecycle build``, ``publish`` and ``attach --built-in --domain``, as functions:
    the ARN of the lifecycle configuration the domain's spaces now run first."""
    from ..lifecycle.attach import Target, attach
    from ..lifecycle.awsapi import Calls
    from ..lifecycle.build import build
    from ..lifecycle.publish import publish
    from ..lifecycle.settings import Settings

    quiet = Calls(out=lambda _line: None)
    with redirect_stdout(io.StringIO()):  # build's "Building …" lines are for a terminal
        built = build(s3_uri=s3_uri, out=out, settings=Settings(), wheel=wheel)
    publish(quiet, clients.s3, s3_uri=s3_uri, out=out)
    return attach(quiet, clients.sagemaker, script=built.script.read_text(encoding="utf-8"),
                  target=Target(domain=DOMAIN_ID), mode="built-in",
                  region=clients.region)


def find_wheel(given: Path | None) -> Path | None:
    """``--wheel`` (a file, or a folder holding jupyter_dsws wheels: the newest of this
    version), else this checkout's dist/ when it holds one of this version, else None."""
    from .. import __version__
    from ..lifecycle.build import _CHECKOUT_ROOT

    folder = given if given is not None and given.is_dir() else None
    if given is not None and folder is None:
        return given
    for place in ([folder] if folder else [_CHECKOUT_ROOT / "dist", Path.cwd() / "dist"]):
        wheels = sorted(place.glob(f"jupyter_dsws-{__version__}-*.whl"),
                        key=lambda p: p.stat().st_mtime)
        if wheels:
            return wheels[-1]
    return None
