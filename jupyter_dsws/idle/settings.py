"""The settings in force: the admin's ``IdleShutdown`` plus the person's choices within bounds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import InvalidInput, NotAllowed
from ..people import Person, PersonRecord
from . import policy, preferences
from .config import IdleShutdown
from .models import Settings, SettingsChange, SettingsNote
from .preferences import Preferences
from .wording import settings_change

PERSON_FIELDS = frozenset(SettingsChange.model_fields)
ADMIN_FIELDS = frozenset(Settings.model_fields) - PERSON_FIELDS


class SettingsStore:
    def __init__(self, config: IdleShutdown, preferences_path: Path) -> None:
        self.config = config
        self.preferences_path = preferences_path
        # Read once at start; clamping happens on every read, to the bounds in force.
        self.prefs = preferences.load(preferences_path)

    def timeout_minutes(self) -> float:
        return self._effective(self.prefs.timeout_minutes)

    def keep_terminals(self) -> bool:
        return self._keep(self.prefs.keep_terminals)

    def settings(self) -> Settings:
        c = self.config
        return Settings(
            enabled=c.enabled, timeout_minutes=self.timeout_minutes(), app_shutdown=c.app_shutdown,
            keep_terminals=self.keep_terminals(), cull_connected=c.cull_connected,
            dry_run=c.dry_run, warning_minutes=c.warning_minutes,
            min_timeout_minutes=c.min_timeout_minutes, max_timeout_minutes=c.max_timeout_minutes,
            user_can_change=c.user_can_change,
        )

    def rules(self) -> policy.Rules:
        c = self.config
        return policy.Rules(
            enabled=c.enabled, timeout=timedelta(minutes=self.timeout_minutes()),
            warning=timedelta(minutes=c.warning_minutes), app_shutdown=c.app_shutdown,
            keep_terminals=self.keep_terminals(), cull_connected=c.cull_connected,
        )

    def check_allowed(self, fields: Iterable[str]) -> None:
        """403 for admin-only fields, then for any change when people may change nothing."""
        fields = set(fields)
        admin = sorted(fields & ADMIN_FIELDS)
        if admin:
            raise NotAllowed(f"Only an admin can change {', '.join(admin)} "
                             "(c.IdleShutdown in the server configuration).")
        if fields and not self.config.user_can_change:
            raise NotAllowed("Your admin does not let people change idle shutdown settings.")

    def last_change(self) -> SettingsNote | None:
        """The last change a person made to the space's settings, if the file says."""
        p = self.prefs
        if p.changed_at is None or p.change is None:
            return None
        try:
            at = datetime.fromisoformat(p.changed_at)
        except ValueError:
            return None
        by = PersonRecord(**p.changed_by) if p.changed_by else None
        return SettingsNote(at=at, by=by, text=p.change)

    async def update(self, change: SettingsChange, person: Person | None = None,
                     now: datetime | None = None) -> str | None:
        """Apply and keep a person's change; 400 naming the range when out of the bounds.
        Returns what changed, in words ("Ron Weasley set the timeout to 90 min."), or None
        when nothing did."""
        self.check_allowed(change.model_fields_set)
        given = change.model_fields_set
        timeout, keep = self.prefs.timeout_minutes, self.prefs.keep_terminals
        if "timeout_minutes" in given:
            timeout = change.timeout_minutes
            if timeout is not None:
                problem = policy.out_of_bounds_message(timeout, self.config.min_timeout_minutes,
                                                       self.config.max_timeout_minutes)
                if problem:
                    raise InvalidInput(problem, code="out_of_bounds")
        if "keep_terminals" in given:
            keep = change.keep_terminals
        if (timeout, keep) == self.prefs.choice():
            return None
        before = (self.timeout_minutes(), self.keep_terminals())
        chosen = Preferences(timeout_minutes=timeout, keep_terminals=keep)
        after = (self._effective(chosen.timeout_minutes), self._keep(chosen.keep_terminals))
        text = settings_change(person.display_name if person else None, before, after,
                               default_timeout=timeout is None)
        new = Preferences(timeout_minutes=timeout, keep_terminals=keep,
                          changed_by=person.record() if person else None,
                          changed_at=(now or datetime.now().astimezone()).isoformat(),
                          change=text)
        await preferences.save(self.preferences_path, new)
        self.prefs = new
        return text

    def _effective(self, chosen: float | None) -> float:
        c = self.config
        return policy.effective_timeout_minutes(c.timeout_minutes, chosen,
                                                c.min_timeout_minutes, c.max_timeout_minutes)

    def _keep(self, chosen: bool | None) -> bool:
        return self.config.keep_terminals if chosen is None else chosen
