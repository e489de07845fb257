"""Which instance a workload needs: the rules as plain data and pure functions.

Nothing here reads a clock, a file or the network: the caller passes the offers (catalog
types with their price in the region and whether the admin allows them) and the cost
settings. The rules are data in ``rules.py``; ``sizing.py`` says what a workload needs and
whether one instance holds it; ``reasons.py`` explains each choice and prices its month.
"""

from __future__ import annotations

from collections.abc import Iterable

from .reasons import explain, free_tier_cost
from .rules import FAMILIES, HEADROOM, resolve_family
from .sizing import (
    beyond_one_instance,
    fits,
    gib,
    gpu_memory_need_gib,
    memory_need_gib,
    speed,
    wants_gpu,
)
from .workload import Advice, Alternative, Choice, CostRules, Offer, Workload

# The advice's one entry point, with the inputs, outputs and rules its callers name.
__all__ = [
    "FAMILIES", "HEADROOM", "Advice", "Alternative", "Choice", "CostRules", "Offer", "Workload",
    "free_tier_cost", "memory_need_gib", "recommend", "resolve_family",
]


def recommend(workload: Workload, offers: Iterable[Offer], rules: CostRules,
              limit: int = 5) -> Advice:
    """Ranked choices (best first), or an alternative when no single instance can hold it."""
    family = FAMILIES[resolve_family(workload.model)]
    offers = [o for o in offers if o.price_per_hour is not None]
    gpu = wants_gpu(family, workload.gpu)
    need = memory_need_gib(family, workload)
    gpu_need = gpu_memory_need_gib(family, workload) if gpu else 0.0
    headroom = HEADROOM[workload.preference]

    alternative = beyond_one_instance(family, workload, offers, gpu, need, gpu_need)
    if alternative is not None:
        return Advice(family.name, (), alternative)

    fitting = [o for o in offers if fits(o.spec, family, workload, gpu, need * headroom, gpu_need)]
    if not fitting and headroom > 1.0:
        fitting = [o for o in offers if fits(o.spec, family, workload, gpu, need, gpu_need)]
    if not fitting:
        return Advice(family.name, (), Alternative(
            family.beyond, f"No instance type priced in this region holds {gib(need)} of memory"
            + (f" and {gib(gpu_need)} on one GPU" if gpu else "") + "."))

    if workload.preference == "fastest":
        ranked = sorted(fitting, key=lambda o: (not o.allowed, -speed(o.spec), o.price_per_hour))
    else:
        ranked = sorted(fitting, key=lambda o: (not o.allowed, o.price_per_hour, -speed(o.spec)))
    cheapest = min(o.price_per_hour for o in fitting)  # type: ignore[type-var]
    choices = tuple(
        explain(o, family, workload, gpu, need, gpu_need, cheapest, rules)
        for o in ranked[:limit]
    )
    return Advice(family.name, choices, None)
