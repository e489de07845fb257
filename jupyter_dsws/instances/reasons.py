"""A choice explained: the reasons shown beside it in plain words, and what it costs a month."""

from __future__ import annotations

from .catalog import FreeTier
from .rules import BASE_MEMORY_GIB, BURSTABLE_FAMILIES, HOURS_PER_MONTH, Family
from .sizing import gib, speed
from .workload import Choice, CostRules, Offer, Workload


def monthly_costs(price_per_hour: float, hours_per_day: float,
                  rules: CostRules) -> tuple[float, float]:
    """(left running all month, stopped by idle shutdown after each working day)."""
    always_on = price_per_hour * HOURS_PER_MONTH
    day = min(24.0, hours_per_day + rules.idle_timeout_minutes / 60.0)
    with_idle = price_per_hour * min(HOURS_PER_MONTH, day * rules.working_days_per_month)
    return round(always_on, 2), round(with_idle, 2)


def free_tier_cost(price_per_hour: float, hours: float, tier: FreeTier) -> float:
    return round(price_per_hour * max(0.0, hours - tier.hours_per_month), 2)


def explain(offer: Offer, family: Family, workload: Workload, gpu: bool, need: float,
            gpu_need: float, cheapest: float, rules: CostRules) -> Choice:
    spec = offer.spec
    price = offer.price_per_hour or 0.0
    reasons = [f"Memory: needs about {gib(need)} (JupyterLab {gib(BASE_MEMORY_GIB)} plus the "
               f"model and its data); has {gib(spec.memory_gib)}."]
    if gpu:
        why = ("the tool decided: " if workload.gpu == "auto" else "") + (
            f"{family.label} trains many times faster on a GPU" if family.gpu_benefit == "strong"
            else "you asked for one")
        reasons.append(f"GPU: {spec.gpus} x {spec.gpu_model}, {gib(spec.gpu_memory_per_gpu_gib)} "
                       f"each (the model needs about {gib(gpu_need)}); {why}.")
    else:
        why = {"none": f"{family.label} models run on CPUs",
               "optional": f"{family.label} of this size trains well on CPUs",
               "strong": "you asked for no GPU"}[family.gpu_benefit]
        if workload.gpu == "no" and family.gpu_benefit != "strong":
            why = "you asked for no GPU"
        reasons.append(f"No GPU: {why}; {spec.vcpu} vCPUs.")
    if price <= cheapest:
        reasons.append(f"The cheapest type that fits (${price:g}/h).")
    else:
        reasons.append(f"${price - cheapest:.4g}/h more than the cheapest type that fits"
                       + (", for more speed." if speed(spec) > 1 else "."))
    if spec.family in BURSTABLE_FAMILIES:
        reasons.append("Burstable CPU: fine for light work, slows down under hours of full load.")
    monthly, with_idle = monthly_costs(price, workload.hours_per_day, rules)
    tier = rules.free_tier
    if tier is not None and spec.type == tier.type:
        hours = with_idle / price if price else 0.0
        reasons.append(
            f"Free tier: in the account's first {tier.months} months, {tier.hours_per_month:g} h a "
            f"month are free (shared by the whole account): about "
            f"${free_tier_cost(price, hours, tier):.2f} a month with idle shutdown then.")
    if offer.price_estimated:
        reasons.append("The price is an estimate (see the catalog for its rule).")
    if not offer.allowed:
        reasons.append("Your admin does not allow this type here.")
    return Choice(offer, tuple(reasons), monthly, with_idle)
