"""The wire shapes of ``dsws/preferences``."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: At most this many experiments' column choices are kept per person (the oldest go).
MAX_SHEETS = 200
#: An experiment id (MLflow's are digits, or a UUID-like string).
ExperimentId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ColumnName = Annotated[str, StringConstraints(max_length=1000)]


class ColumnChoice(BaseModel):
    """What a person chose for one experiment's runs sheet."""

    model_config = ConfigDict(extra="forbid")

    hidden: list[ColumnName] = Field(max_length=1000, description=(
        "Columns hidden, as `param:<name>` or `metric:<name>` (the others show)."))
    tags: list[ColumnName] = Field(max_length=1000, description=(
        "Tags shown as columns (the others are hidden)."))


class Preferences(BaseModel):
    """A person's preferences: only what the person chose."""

    model_config = ConfigDict(extra="forbid")

    run_columns: dict[ExperimentId, ColumnChoice] = Field(default_factory=dict, description=(
        "Each experiment's runs sheet columns, by experiment id."))


class PreferencesChange(BaseModel):
    """What to change: each experiment's choice given replaces the one kept; null forgets it."""

    model_config = ConfigDict(extra="forbid")

    run_columns: dict[ExperimentId, ColumnChoice | None] = Field(
        default_factory=dict, max_length=MAX_SHEETS, description=(
            "Experiment id → its columns, or null to go back to the sheet's defaults."))


class PersonName(BaseModel):
    name: str = Field(description="The person's user name, as the server's identity provider says.")
    display_name: str


class PersonalPreferences(BaseModel):
    """The preferences of the person asking, and whose they are."""

    person: PersonName | None = Field(description=(
        "Whose preferences these are; null when the server tells nobody apart (jupyter_server's "
        "own identity provider, as in a private space): then they are the space's."))
    preferences: Preferences
