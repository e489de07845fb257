"""Who is who in the demo's shared space, the way SageMaker's identity provider says it.

In a shared space Studio starts JupyterLab with
``--ServerApp.identity_provider_class=sagemaker_jupyterlab_extension_common.identity.SagemakerIdentityProvider``,
which names the person from the unsigned cookie ``studioUserProfileName`` that Studio sets
when someone opens the space (default "User"). This provider reads the same cookie, but only
after jupyter_server's own token check has let the request in: the demo still wants its
token, and the cookie only says who it is, never whether they may. The demo's Studio page
sets the cookie when a person opens a space (``Open JupyterLab as …``); tests set it
themselves. The display name is the team member's ("Ron Weasley") when the profile is one of
the demo team's, else the profile name, as in Studio.
"""

from __future__ import annotations

import inspect
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, User

from .team import profile_name, team

COOKIE = "studioUserProfileName"
DEFAULT_NAME = "User"


def display_name(profile: str) -> str:
    for person in team():
        if profile_name(person) == profile:
            return person
    return profile


class StudioProfileIdentityProvider(IdentityProvider):
    """jupyter_server's token check, then the person from Studio's profile cookie."""

    async def get_user(self, handler: Any) -> User | None:
        user = super().get_user(handler)
        if inspect.isawaitable(user):
            user = await user
        if user is None:
            return None
        profile = (handler.get_cookie(COOKIE) or "").strip() or DEFAULT_NAME
        return User(username=profile, name=profile, display_name=display_name(profile),
                    initials=_initials(display_name(profile)), color=None)


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(p[0].upper() for p in parts[:2]) or "U"
