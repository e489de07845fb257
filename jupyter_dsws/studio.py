"""What SageMaker Studio tells a JupyterLab app about itself.

Studio writes ``/opt/ml/metadata/resource-metadata.json`` into every app. ``DomainId``,
``SpaceName`` and ``AppType`` are always there; every other key may be missing, and
then the matching field is ``None``. Outside Studio the file does not exist.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_METADATA_PATH = "/opt/ml/metadata/resource-metadata.json"
#: New Studio names every JupyterLab app of a space "default"; used when the metadata lacks it.
DEFAULT_APP_NAME = "default"

_ARN_REGION = re.compile(r"^arn:aws[a-zA-Z-]*:sagemaker:([a-z0-9-]+):")
# arn:aws:sagemaker:<region>:<account>:app/<domain>/<space>/<app type>/<app name>
_APP_ARN_NAME = re.compile(r"^arn:aws[a-zA-Z-]*:sagemaker:[^:]*:[^:]*:app/(?:[^/]+/){3}([^/]+)$")


@dataclass(frozen=True)
class StudioApp:
    domain_id: str
    space_name: str | None
    app_type: str
    user_profile: str | None = None
    app_name: str | None = None
    resource_arn: str | None = None
    execution_role_arn: str | None = None

    @property
    def region(self) -> str | None:
        return region_from_arn(self.resource_arn)

    def app_identity(self) -> dict[str, str]:
        """The keys that name this app to SageMaker's ``DescribeApp`` and ``DeleteApp``.

        A space's app is named by ``SpaceName``; an app of a user profile (Studio Classic's
        kind) by ``UserProfileName``; one of the two, never both and never empty. The app's
        name is ``"default"`` when the metadata has none, as new Studio names them.
        """
        identity = {"DomainId": self.domain_id}
        if self.space_name:
            identity["SpaceName"] = self.space_name
        elif self.user_profile:
            identity["UserProfileName"] = self.user_profile
        identity["AppType"] = self.app_type
        identity["AppName"] = self.app_name or DEFAULT_APP_NAME
        return identity


def in_shared_space(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this server is a shared space's: Studio's image says so in
    ``SAGEMAKER_SPACE_TYPE_LOWERCASE``. Everyone there acts as the space's role."""
    return (environ if environ is not None else os.environ).get(
        "SAGEMAKER_SPACE_TYPE_LOWERCASE") == "shared"


def region_from_arn(arn: str | None) -> str | None:
    match = _ARN_REGION.match(arn or "")
    return match.group(1) if match else None


def app_name_from_arn(arn: str | None) -> str | None:
    match = _APP_ARN_NAME.match(arn or "")
    return match.group(1) if match else None


def parse_metadata(data: object) -> StudioApp | None:
    """The Studio app described by the metadata document, or None when it is not one."""
    if not isinstance(data, dict):
        return None

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    domain_id, app_type = text("DomainId"), text("AppType")
    if not domain_id or not app_type:
        return None
    return StudioApp(
        domain_id=domain_id,
        space_name=text("SpaceName"),
        app_type=app_type,
        user_profile=text("UserProfileName"),
        # ResourceName may be missing; the app's ARN ends with the same name.
        app_name=text("ResourceName") or app_name_from_arn(text("ResourceArn")),
        resource_arn=text("ResourceArn"),
        execution_role_arn=text("ExecutionRoleArn"),
    )


def read_metadata(path: str | Path) -> StudioApp | None:
    """Read the metadata file; None outside Studio or when the file is unreadable."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        return parse_metadata(json.loads(raw))
    except ValueError:
        return None
