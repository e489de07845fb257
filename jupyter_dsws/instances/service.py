"""The catalog, recommendations and inventory as the panel and the CLI see them (no tornado)."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import InvalidInput, echo
from . import advice
from .allowlist import allow_list_problem
from .catalog import Catalog
from .inventory import parse_inventory
from .models import (
    Alternative,
    Instance,
    InstanceCatalog,
    Inventory,
    InventoryRequest,
    InventoryRowOut,
    NormalisedWorkload,
    Recommendation,
    Recommendations,
    WorkloadRequest,
)

DEFAULT_REGION = "us-east-1"


class InstancesService:
    """Answers from the catalog in force; ``catalog`` is swapped whole by the price refresh."""

    def __init__(self, catalog: Catalog, *, region: str | None, allowed: list[str],
                 idle_timeout_minutes: Callable[[], float], working_days_per_month: float) -> None:
        self.catalog = catalog
        self.default_region = region
        self.allowed = frozenset(allowed)
        self.idle_timeout_minutes = idle_timeout_minutes
        self.working_days_per_month = working_days_per_month

    # -- helpers ----------------------------------------------------------------------

    def region(self, asked: str | None) -> str:
        """The region asked for, else the server's; 400 listing the known ones otherwise."""
        known = self.catalog.regions
        asked = (asked or "").strip()
        if not asked:
            # A server region the catalog does not price: us-east-1's prices, and the answer's
            # ``region`` says so.
            region = self.default_region or DEFAULT_REGION
            return region if region in known else DEFAULT_REGION
        if asked not in known:
            raise InvalidInput(f"Unknown region '{echo(asked, 40)}': the catalog knows "
                               f"{', '.join(known)}.", code="unknown_region")
        return asked

    def is_allowed(self, instance_type: str) -> bool:
        return not self.allowed or instance_type in self.allowed

    def allow_list_problem(self) -> str | None:
        return allow_list_problem(self.catalog, self.allowed)

    def offers(self, region: str) -> list[advice.Offer]:
        result = []
        for spec in self.catalog.types:
            price = self.catalog.price(region, spec.type)
            result.append(advice.Offer(spec, price.per_hour, price.estimated,
                                       self.is_allowed(spec.type)))
        return result

    def cost_rules(self) -> advice.CostRules:
        return advice.CostRules(idle_timeout_minutes=self.idle_timeout_minutes(),
                                working_days_per_month=self.working_days_per_month,
                                free_tier=self.catalog.free_tier)

    def free_tier_note(self) -> str:
        tier = self.catalog.free_tier
        return (f"{tier.note} Costs shown are without it; the recommendation for {tier.type} says "
                "what it saves.")

    # -- answers ----------------------------------------------------------------------

    def catalog_view(self, region: str | None) -> InstanceCatalog:
        region = self.region(region)
        instances = []
        for spec in self.catalog.types:
            price = self.catalog.price(region, spec.type)
            instances.append(Instance(
                type=spec.type, family=spec.family, vcpu=spec.vcpu, memory_gib=spec.memory_gib,
                gpus=spec.gpus, gpu_model=spec.gpu_model, gpu_memory_gib=spec.gpu_memory_gib,
                price_per_hour=price.per_hour, free_tier=spec.type == self.catalog.free_tier.type,
                allowed=self.is_allowed(spec.type), price_estimated=price.estimated,
                price_note=price.note,
            ))
        return InstanceCatalog(
            region=region, source=self.catalog.source, as_of=self.catalog.as_of,  # type: ignore[arg-type]
            known_regions=self.catalog.regions, idle_timeout_minutes=self.idle_timeout_minutes(),
            free_tier_note=self.free_tier_note(), instances=instances,
        )

    def recommend(self, request: WorkloadRequest) -> Recommendations:
        region = self.region(request.region)
        workload = advice.Workload(
            model=request.model.strip(), memory_gb=request.memory_gb, data_gb=request.data_gb,
            gpu=request.gpu, hours_per_day=request.hours_per_day, preference=request.preference)
        result = advice.recommend(workload, self.offers(region), self.cost_rules())
        return Recommendations(
            region=region,
            workload=NormalisedWorkload(family=result.family, **vars(workload)),
            recommendations=[to_recommendation(choice) for choice in result.choices],
            alternative=to_alternative(result.alternative),
        )

    def inventory(self, request: InventoryRequest) -> Inventory:
        region = self.region(request.region)
        rows = parse_inventory(request.csv)
        offers, rules = self.offers(region), self.cost_rules()
        out, total, total_idle = [], 0.0, 0.0
        for row in rows:
            workload = advice.Workload(model=row.model, memory_gb=row.memory_gb, gpu=row.gpu,
                                       preference=request.preference)
            result = advice.recommend(workload, offers, rules, limit=1)
            best = to_recommendation(result.choices[0]) if result.choices else None
            if best is not None:
                total += best.monthly_cost
                total_idle += best.monthly_cost_with_idle_shutdown
            out.append(InventoryRowOut(
                line=row.line, user=row.user, feature=row.feature, model=row.model,
                family=result.family, memory_gb=row.memory_gb, gpu=row.gpu,  # type: ignore[arg-type]
                recommendation=best, alternative=to_alternative(result.alternative),
            ))
        return Inventory(region=region, rows=out, total_monthly_cost=round(total, 2),
                         total_monthly_cost_with_idle_shutdown=round(total_idle, 2))


def to_recommendation(choice: advice.Choice) -> Recommendation:
    spec = choice.offer.spec
    return Recommendation(
        type=spec.type, family=spec.family, reasons=list(choice.reasons),
        price_per_hour=choice.offer.price_per_hour or 0.0, monthly_cost=choice.monthly_cost,
        monthly_cost_with_idle_shutdown=choice.monthly_cost_with_idle_shutdown, vcpu=spec.vcpu,
        memory_gib=spec.memory_gib, gpus=spec.gpus, gpu_model=spec.gpu_model,
        gpu_memory_gib=spec.gpu_memory_gib, allowed=choice.offer.allowed,
        price_estimated=choice.offer.price_estimated,
    )


def to_alternative(alternative: advice.Alternative | None) -> Alternative | None:
    if alternative is None:
        return None
    return Alternative(kind=alternative.kind, reason=alternative.reason)  # type: ignore[arg-type]
