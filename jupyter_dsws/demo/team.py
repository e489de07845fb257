"""The demo's team: the people of the inventory, each with a Studio user profile.

On AWS, SageMaker records the Studio user profile of whoever registers a model version
(``CreatedBy``) or reviews it (``LastModifiedBy``). In the demo each person calls AWS with
fake credentials of their own, whose access key id names their user profile; the
emulator's SageMaker layer (``sagemaker.py``) records that profile as AWS would. The
profile names are the slugs of the inventory's names ("Hermione Granger" ->
``hermione-granger``), the names the seed article gives the team.
"""

from __future__ import annotations

from ..slug import slugify
from .inventory import demo_inventory

DOMAIN_ID = "d-dswsdemo0000"
_KEY_PREFIX = "demo-"
# moto checks no signature: every fake key may have this fake secret.
FAKE_SECRET = "testing"  # noqa: S105 (a fake, for the emulator only)


def team() -> list[str]:
    """The team's people, in the order the inventory names them first."""
    return list(dict.fromkeys(row.user for row in demo_inventory()))


def profile_name(person: str) -> str:
    return slugify(person)


def access_key(profile: str) -> str:
    """The fake access key id a person's AWS calls carry in the demo."""
    return _KEY_PREFIX + profile


def profile_of(access_key_id: str) -> str | None:
    """The user profile an access key id stands for; None for anyone else's."""
    if access_key_id.startswith(_KEY_PREFIX) and len(access_key_id) > len(_KEY_PREFIX):
        return access_key_id[len(_KEY_PREFIX):]
    return None


def reviewer_of(owner: str) -> str:
    """Who reviews an owner's models: the next person of the team (a four-eyes rule)."""
    people = team()
    if owner not in people:
        return people[0]
    return people[(people.index(owner) + 1) % len(people)]
