"""The wire shapes of ``dsws/preferences``."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from ..wire import WireModel

#: At most this many experiments' column choices are kept per person (the oldest go).
MAX_SHEETS = 200
#: An experiment id (MLflow's are digits, or a UUID-like string).
ExperimentId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ColumnName = Annotated[str, StringConstraints(max_length=1000)]
#: A property of the extension's JupyterLab settings schema (``jupyter_dsws:plugin``).
SettingName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,99}$")]
#: A setting's value: the extension's settings are all plain values.
SettingValue = bool | int | float | Annotated[str, StringConstraints(max_length=10_000)] | None
#: At most this many settings are kept per person.
MAX_SETTINGS = 100


class ColumnChoice(WireModel):
    """What a person chose for one experiment's runs sheet."""

    model_config = ConfigDict(extra="forbid")

    hidden: list[ColumnName] = Field(max_length=1000, description=(
        "Columns hidden, as `param:<name>` or `metric:<name>` (the others show)."))
    tags: list[ColumnName] = Field(max_length=1000, description=(
        "Tags shown as columns (the others are hidden)."))


class Preferences(WireModel):
    """A person's preferences: only what the person chose."""

    model_config = ConfigDict(extra="forbid")

    run_columns: dict[ExperimentId, ColumnChoice] = Field(default_factory=dict, description=(
        "Each experiment's runs sheet columns, by experiment id."))
    settings: dict[SettingName, SettingValue] = Field(default_factory=dict, description=(
        "The person's own values of the extension's JupyterLab settings "
        "(`jupyter_dsws:plugin`), as they saved them in the Settings Editor; in a shared space "
        "these stand in for the space's settings file, which everyone writes. Empty: the "
        "defaults (and the admin's overrides)."))


class PreferencesChange(WireModel):
    """What to change: each experiment's choice given replaces the one kept; null forgets it."""

    model_config = ConfigDict(extra="forbid")

    run_columns: dict[ExperimentId, ColumnChoice | None] = Field(
        default_factory=dict, max_length=MAX_SHEETS, description=(
            "Experiment id → its columns, or null to go back to the sheet's defaults."))
    settings: dict[SettingName, SettingValue] | None = Field(
        default=None, max_length=MAX_SETTINGS, description=(
            "All of the person's values of the extension's JupyterLab settings: they replace "
            "those kept (`{}` goes back to the defaults). Absent or null: unchanged."))


class PersonName(WireModel):
    name: str = Field(description="The person's user name, as the server's identity provider says.")
    display_name: str


class PersonalPreferences(WireModel):
    """The preferences of the person asking, and whose they are."""

    person: PersonName | None = Field(description=(
        "Whose preferences these are; null when the server tells nobody apart (jupyter_server's "
        "own identity provider, as in a private space): then they are the space's."))
    preferences: Preferences
