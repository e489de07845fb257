"""Who is who in the demo's shared space, the way SageMaker's identity provider says it.

In a shared space Studio starts JupyterLab with
``--ServerApp.identity_provider_class=sagemaker_jupyterlab_extension_common.identity.SagemakerIdentityProvider``,
which names the person from the unsigned cookie ``studioUserProfileName`` that Studio sets
when someone opens the space (default "User"). This provider reads the same cookie, but only
after jupyter_server's own token check has let the request in: the demo still wants its
token, and the cookie only says who it is, never whether they may. The demo's Studio page
sets the cookie when a person opens a space (``Open as …``); tests set it themselves. The
display name is the team member's ("Ron Weasley") when the profile is one of the demo
team's, else the profile name, as in Studio.

The demo's image has this module under SageMaker's name (``install_into``), so a shared
space's server finds it whether or not the lifecycle configuration installed our product:
it imports nothing of jupyter_dsws there, and takes the team's names from
``DSWS_DEMO_PEOPLE`` (a JSON map of profile to display name) in the space's environment.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, User

COOKIE = "studioUserProfileName"
DEFAULT_NAME = "User"
PEOPLE_VARIABLE = "DSWS_DEMO_PEOPLE"
#: Where Studio's image has its identity provider: a shared space's server is started with it.
IMAGE_MODULE = "sagemaker_jupyterlab_extension_common"
IMAGE_PROVIDER = f"{IMAGE_MODULE}.identity.SagemakerIdentityProvider"


def people() -> dict[str, str]:
    """The team's display names by profile name."""
    given = os.environ.get(PEOPLE_VARIABLE)
    if given:
        return dict(json.loads(given))
    try:
        from jupyter_dsws.demo.team import profile_name, team
    except ImportError:  # in a space's image without our product
        return {}
    return {profile_name(person): person for person in team()}


def display_name(profile: str) -> str:
    return people().get(profile, profile)


class StudioProfileIdentityProvider(IdentityProvider):
    """jupyter_server's token check, then the person from Studio's profile cookie."""

    async def get_user(self, handler: Any) -> User | None:
        user = super().get_user(handler)
        if inspect.isawaitable(user):
            user = await user
        if user is None:
            return None
        profile = (handler.get_cookie(COOKIE) or "").strip() or DEFAULT_NAME
        shown = display_name(profile)
        return User(username=profile, name=profile, display_name=shown,
                    initials=_initials(shown), color=None)


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(p[0].upper() for p in parts[:2]) or "U"


def install_into(site_packages: Path) -> str:
    """Put this provider into a space's prefix under SageMaker's module name; returns the
    class to give ``--ServerApp.identity_provider_class``."""
    package = site_packages / IMAGE_MODULE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text('"""The demo image\'s stand-in (jupyter_dsws.demo).'
                                         '"""\n')
    source = Path(__file__).read_text("utf-8")
    (package / "identity.py").write_text(
        source + "\n\nSagemakerIdentityProvider = StudioProfileIdentityProvider\n", "utf-8")
    return IMAGE_PROVIDER
