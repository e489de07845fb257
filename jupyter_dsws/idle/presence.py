"""Who has the space open now: the people a warning goes to and a switch stops for.

Two sources, both from ``current_user`` as the server's identity provider names people
(in a shared Studio space, from Studio's unsigned cookie: for showing and recording only,
never to allow or refuse anything):

- every JupyterLab tab with our extension polls ``dsws/idle?client=<tab>`` (every 30 s at
  most while the stop is far, every 2 s near it): a tab seen within the TTL is here;
- under real-time collaboration, everyone with an open collaboration connection
  (``collaboration.py``), whether or not their tab runs our extension's poll.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..people import Person


@dataclass(frozen=True)
class Here:
    person: Person
    tabs: int  # tabs of ours seen within the TTL
    collaborating: bool  # an open collaboration connection


class Presence:
    def __init__(self, ttl: timedelta) -> None:
        self.ttl = ttl
        self._tabs: dict[str, tuple[Person, datetime]] = {}

    def seen(self, client: str | None, person: Person | None, now: datetime) -> None:
        if client and person is not None:
            self._tabs[client] = (person, now)
        # Forget tabs long gone, so that a server up for weeks keeps a small table.
        expired = now - 10 * self.ttl
        for old in [c for c, (_, t) in self._tabs.items() if t < expired]:
            del self._tabs[old]

    def people(self, now: datetime, collaborators: Iterable[Person] = ()) -> list[Here]:
        """Everyone here, by display name."""
        tabs: dict[str, int] = {}
        persons: dict[str, Person] = {}
        for person, at in self._tabs.values():
            if now - at <= self.ttl:
                tabs[person.name] = tabs.get(person.name, 0) + 1
                persons.setdefault(person.name, person)
        collaborating = set()
        for person in collaborators:
            collaborating.add(person.name)
            persons.setdefault(person.name, person)
        return sorted((Here(person=p, tabs=tabs.get(name, 0),
                            collaborating=name in collaborating)
                       for name, p in persons.items()),
                      key=lambda h: (h.person.display_name.lower(), h.person.name))
