"""The instance catalog: specs and Studio-notebook prices per region, as plain data.

The package ships ``data/catalog.json`` (every price with its source, or with the rule that
derived it). ``pricing.py`` may lay prices read from the AWS Price List API over it; the
catalog says which one is in use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

BUNDLED = "bundled"
PRICING_API = "pricing-api"


@dataclass(frozen=True)
class InstanceType:
    type: str
    family: str
    vcpu: int
    memory_gib: float
    gpus: int
    gpu_model: str | None
    gpu_memory_gib: float

    @property
    def gpu_memory_per_gpu_gib(self) -> float:
        return self.gpu_memory_gib / self.gpus if self.gpus else 0.0


@dataclass(frozen=True)
class Price:
    """One type's on-demand USD per hour in one region; ``None`` when not offered there."""

    per_hour: float | None
    estimated: bool
    note: str | None


@dataclass(frozen=True)
class FreeTier:
    type: str
    hours_per_month: float
    months: int
    note: str


@dataclass(frozen=True)
class Catalog:
    as_of: str
    source: str  # BUNDLED | PRICING_API
    types: tuple[InstanceType, ...]
    prices: dict[str, dict[str, Price]]  # region -> type -> price
    free_tier: FreeTier
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def regions(self) -> list[str]:
        return sorted(self.prices)

    def find(self, instance_type: str) -> InstanceType | None:
        return next((t for t in self.types if t.type == instance_type), None)

    def price(self, region: str, instance_type: str) -> Price:
        known = self.prices.get(region, {}).get(instance_type)
        return known or Price(None, True, "No price known.")

    def with_prices(self, read: dict[str, dict[str, float]], as_of: str) -> Catalog:
        """A copy with the prices ``read`` from the Price List API laid over the bundled ones;
        a type the API did not price keeps its bundled price and note."""
        prices = {region: dict(by_type) for region, by_type in self.prices.items()}
        for region, by_type in read.items():
            if region not in prices:
                continue
            for name, per_hour in by_type.items():
                if name in prices[region]:
                    prices[region][name] = Price(per_hour, False,
                                                 f"AWS Price List API, read {as_of}.")
        return replace(self, prices=prices, source=PRICING_API, as_of=as_of)


def parse_catalog(data: dict[str, Any]) -> Catalog:
    types = []
    prices: dict[str, dict[str, Price]] = {region: {} for region in data["regions"]}
    for row in data["instances"]:
        types.append(InstanceType(
            type=row["type"], family=row["family"], vcpu=int(row["vcpu"]),
            memory_gib=float(row["memory_gib"]), gpus=int(row["gpus"]),
            gpu_model=row.get("gpu_model"), gpu_memory_gib=float(row["gpu_memory_gib"]),
        ))
        for region, entry in row["prices"].items():
            estimate = entry.get("estimate")
            source = entry.get("source")
            if estimate:
                note = f"Estimate: {estimate}"
            elif source:
                cited = data["sources"][source]
                note = f"Read in {cited['title']} ({cited['read']})."
            else:
                note = None
            prices.setdefault(region, {})[row["type"]] = Price(
                entry.get("price"), bool(estimate) or not source, note)
    tier = data["free_tier"]
    return Catalog(
        as_of=data["as_of"], source=BUNDLED, types=tuple(types), prices=prices,
        free_tier=FreeTier(type=tier["type"], hours_per_month=float(tier["hours_per_month"]),
                           months=int(tier["months"]), note=tier["note"]),
        sources=data.get("sources", {}),
    )


def load_bundled() -> Catalog:
    """The catalog shipped in the package (no network)."""
    text = resources.files(__package__).joinpath("data", "catalog.json").read_text("utf-8")
    return parse_catalog(json.loads(text))
