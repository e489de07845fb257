"""Who did something, for the record: the person jupyter_server's identity provider names.

In a shared Studio space everyone acts through one server and one AWS role, so AWS's own
audit cannot tell people apart: the extension records the person itself, beside the AWS
identity. The name comes from the server's identity provider; in a shared space that is
SageMaker's, which reads an unsigned cookie (``studioUserProfileName``) anyone can set. So a
person's name says who did something and is never used to allow or refuse anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

from .wire import WireModel


@dataclass(frozen=True)
class Person:
    """A person as the identity provider names them: ``name`` is the stable username."""

    name: str
    display_name: str

    def __str__(self) -> str:
        """As a log line names them: "Hermione Granger (hermione-granger)"."""
        return f"{self.display_name} ({self.name})"

    def record(self) -> dict[str, str]:
        """The person as every record of ours keeps them."""
        return {"name": self.name, "display_name": self.display_name}


def person_of(user: Any) -> Person | None:
    """The person behind a handler's ``current_user`` (jupyter_server's ``User``), or None
    when the server knows nobody (an unauthenticated request, a background task)."""
    name = getattr(user, "username", None)
    if not isinstance(name, str) or not name:
        return None
    display = getattr(user, "display_name", None) or getattr(user, "name", None) or name
    return Person(name=name, display_name=str(display))


class PersonRecord(WireModel):
    """A person as a record names them on the wire (``Person.record()``)."""

    name: str = Field(description=(
        "The username the server's identity provider gives (in a shared Studio space, the "
        "user profile name from Studio's unsigned cookie): who did it, for the record only; "
        "it never allows or refuses anything."))
    display_name: str = Field(description="The name to show, e.g. \"Hermione Granger\".")


def person_record(person: Person | None) -> PersonRecord | None:
    return PersonRecord(**person.record()) if person is not None else None


def person_from(raw: Any) -> PersonRecord | None:
    """A person kept in a record (a dict with name and display_name), else None: records
    written before people were recorded, or edited by hand, have none."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
        return None
    display = raw.get("display_name")
    return PersonRecord(name=raw["name"],
                        display_name=display if isinstance(display, str) and display
                        else raw["name"])
