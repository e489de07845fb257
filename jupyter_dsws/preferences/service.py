"""Whose preferences a request reads or changes, and the store behind them. No tornado."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.identity import (
    IdentityProvider,
    LegacyIdentityProvider,
    PasswordIdentityProvider,
)

from ..people import Person, person_of
from .models import PersonalPreferences, PersonName, PreferencesChange
from .store import PreferenceStore

#: jupyter_server's own providers: they name nobody, only a random "Anonymous …" per
#: browser (the first request without a login cookie gets a new one), as in a private space.
_ANONYMOUS_PROVIDERS = (IdentityProvider, PasswordIdentityProvider, LegacyIdentityProvider)


def names_people(identity_provider: Any) -> bool:
    """Whether the server tells people apart: any provider but jupyter_server's own
    (SageMaker's in a shared space, JupyterHub's, the demo's). With jupyter_server's own,
    preferences are the space's: a person's would be lost with their browser's cookie."""
    return type(identity_provider) not in _ANONYMOUS_PROVIDERS


class PreferencesService:
    def __init__(self, store: PreferenceStore, *, per_person: bool) -> None:
        self.store = store
        self.per_person = per_person

    def _whose(self, user: Any) -> Person | None:
        return person_of(user) if self.per_person else None

    async def get(self, user: Any) -> PersonalPreferences:
        person = self._whose(user)
        return _answer(person, await self.store.read(person))

    async def change(self, user: Any, change: PreferencesChange) -> PersonalPreferences:
        person = self._whose(user)
        return _answer(person, await self.store.change(person, change))


def _answer(person: Person | None, prefs: Any) -> PersonalPreferences:
    return PersonalPreferences(
        person=PersonName(name=person.name, display_name=person.display_name) if person else None,
        preferences=prefs,
    )
