"""What the advice reads (a workload, the offers, the cost settings) and what it answers."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import FreeTier, InstanceType


@dataclass(frozen=True)
class Workload:
    model: str
    memory_gb: float = 0.0
    data_gb: float = 0.0
    gpu: str = "auto"  # yes | no | auto
    hours_per_day: float = 8.0
    preference: str = "balanced"


@dataclass(frozen=True)
class Offer:
    """A catalog type as the person can have it here: its price and whether it is allowed."""

    spec: InstanceType
    price_per_hour: float | None
    price_estimated: bool
    allowed: bool = True


@dataclass(frozen=True)
class CostRules:
    idle_timeout_minutes: float
    working_days_per_month: float
    free_tier: FreeTier | None = None


@dataclass(frozen=True)
class Choice:
    offer: Offer
    reasons: tuple[str, ...]
    monthly_cost: float
    monthly_cost_with_idle_shutdown: float


@dataclass(frozen=True)
class Alternative:
    kind: str  # "training-job" | "emr"
    reason: str


@dataclass(frozen=True)
class Advice:
    family: str
    choices: tuple[Choice, ...]
    alternative: Alternative | None
