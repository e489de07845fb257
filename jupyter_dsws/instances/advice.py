"""Which instance a workload needs: the rules as plain data and pure functions.

Nothing here reads a clock, a file or the network: the caller passes the offers (catalog
types with their price in the region and whether the admin allows them) and the cost
settings. Every number a rule uses is in ``FAMILIES`` or the constants below, so that a
rule is changed in one place and read in plain words in docs/instances.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .catalog import FreeTier, InstanceType

# ---- the rules, as data -------------------------------------------------------------

#: JupyterLab, the kernel and the OS, GiB, before the model and its data.
BASE_MEMORY_GIB = 2.0
#: A month, hours: an app left running around the clock (24 x 365 / 12).
HOURS_PER_MONTH = 730.0
#: Headroom on memory per preference: cheapest fits exactly, the others leave room to grow.
HEADROOM = {"cheapest": 1.0, "balanced": 1.5, "fastest": 1.5}
#: Burstable ml.t3 types run out of CPU credits under long heavy work: outside "cheapest"
#: they are offered only for light work (model and data together up to this many GB).
BURSTABLE_LIGHT_GB = 2.0
BURSTABLE_FAMILIES = frozenset({"t3"})
#: Above this much training data a deep-learning epoch from a notebook takes hours to days.
DEEP_LEARNING_DATA_LIMIT_GB = 1000.0
#: Relative speed per family, used by "fastest" (CPU: per vCPU; GPU: per GPU).
CPU_SPEED = {"t3": 0.6, "m5": 1.0, "r5": 1.0, "c5": 1.1, "m6i": 1.15, "c6i": 1.25}
GPU_SPEED = {"g4dn": 1.0, "g6": 1.5, "g5": 1.8, "p3": 2.2}
#: Beyond this many vCPUs one notebook kernel rarely gets faster.
USEFUL_VCPUS = 16


@dataclass(frozen=True)
class Family:
    name: str
    label: str
    #: "strong": trains far faster on a GPU; "optional": can use one; "none": CPU only.
    gpu_benefit: str
    min_vcpu: int
    #: RAM for the model: this many times its size (copies, gradients, optimizer state).
    model_factor: float
    #: RAM for the data: tabular models hold it all (1.0+); deep learning streams batches.
    data_factor: float
    #: GPU memory: this many times the model's size plus 1 GiB of activations.
    gpu_model_factor: float
    #: Above one instance: what to use instead.
    beyond: str  # "emr" | "training-job"


FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("xgboost", "XGBoost", "optional", 2, 3.0, 3.0, 4.0, "emr"),
    Family("statistical", "ARIMA/statistical", "none", 2, 2.0, 2.0, 0.0, "emr"),
    Family("cnn", "CNN", "strong", 4, 4.0, 0.1, 4.0, "training-job"),
    Family("seq2seq", "Seq2seq", "strong", 4, 4.0, 0.1, 4.0, "training-job"),
    Family("transformer", "Transformer", "strong", 4, 4.0, 0.1, 4.0, "training-job"),
    Family("other", "Other", "optional", 2, 3.0, 2.0, 4.0, "training-job"),
)}

#: Common names, matched without regard to case, spaces, dashes or underscores.
ALIASES: dict[str, str] = {
    "xgboost": "xgboost", "xgb": "xgboost", "gradientboosting": "xgboost", "gbm": "xgboost",
    "lightgbm": "xgboost", "catboost": "xgboost", "gbdt": "xgboost",
    "arima": "statistical", "sarima": "statistical", "sarimax": "statistical",
    "statistical": "statistical", "statistics": "statistical", "stats": "statistical",
    "prophet": "statistical", "ets": "statistical", "regression": "statistical",
    "linearregression": "statistical", "timeseries": "statistical",
    "arimastatistical": "statistical",
    "cnn": "cnn", "convnet": "cnn", "convolutional": "cnn", "resnet": "cnn", "vgg": "cnn",
    "yolo": "cnn", "imageclassification": "cnn",
    "seq2seq": "seq2seq", "sequencetosequence": "seq2seq", "lstm": "seq2seq", "rnn": "seq2seq",
    "gru": "seq2seq", "encoderdecoder": "seq2seq",
    "transformer": "transformer", "transformers": "transformer", "bert": "transformer",
    "gpt": "transformer", "llm": "transformer", "t5": "transformer", "vit": "transformer",
    "other": "other",
}

PREFERENCES = ("cheapest", "balanced", "fastest")


# ---- inputs and outputs ---------------------------------------------------------------

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


# ---- the functions --------------------------------------------------------------------

def resolve_family(model: str) -> str:
    """The model family for a name or alias; "other" when none matches."""
    key = re.sub(r"[\s_\-/.()]+", "", model.lower())
    if key in ALIASES:
        return ALIASES[key]
    for alias, family in ALIASES.items():
        # "XGBoost classifier", "ARIMA (statistical)": a known name inside a longer one.
        if len(alias) >= 4 and alias != "other" and alias in key:
            return family
    return "other"


def memory_need_gib(family: Family, workload: Workload) -> float:
    return (BASE_MEMORY_GIB + family.model_factor * workload.memory_gb
            + family.data_factor * workload.data_gb)


def gpu_memory_need_gib(family: Family, workload: Workload) -> float:
    return family.gpu_model_factor * workload.memory_gb + 1.0


def wants_gpu(family: Family, gpu: str) -> bool:
    if gpu in ("yes", "no"):
        return gpu == "yes"
    return family.gpu_benefit == "strong"


def speed(spec: InstanceType) -> float:
    if spec.gpus:
        return GPU_SPEED.get(spec.family, 1.0)
    return CPU_SPEED.get(spec.family, 1.0) * min(spec.vcpu, USEFUL_VCPUS)


def monthly_costs(price_per_hour: float, hours_per_day: float,
                  rules: CostRules) -> tuple[float, float]:
    """(left running all month, stopped by idle shutdown after each working day)."""
    always_on = price_per_hour * HOURS_PER_MONTH
    day = min(24.0, hours_per_day + rules.idle_timeout_minutes / 60.0)
    with_idle = price_per_hour * min(HOURS_PER_MONTH, day * rules.working_days_per_month)
    return round(always_on, 2), round(with_idle, 2)


def free_tier_cost(price_per_hour: float, hours: float, tier: FreeTier) -> float:
    return round(price_per_hour * max(0.0, hours - tier.hours_per_month), 2)


def recommend(workload: Workload, offers: Iterable[Offer], rules: CostRules,
              limit: int = 5) -> Advice:
    """Ranked choices (best first), or an alternative when no single instance can hold it."""
    family = FAMILIES[resolve_family(workload.model)]
    offers = [o for o in offers if o.price_per_hour is not None]
    gpu = wants_gpu(family, workload.gpu)
    need = memory_need_gib(family, workload)
    gpu_need = gpu_memory_need_gib(family, workload) if gpu else 0.0
    headroom = HEADROOM[workload.preference]

    alternative = _beyond_one_instance(family, workload, offers, gpu, need, gpu_need)
    if alternative is not None:
        return Advice(family.name, (), alternative)

    fitting = [o for o in offers if _fits(o.spec, family, workload, gpu, need * headroom, gpu_need)]
    if not fitting and headroom > 1.0:
        fitting = [o for o in offers if _fits(o.spec, family, workload, gpu, need, gpu_need)]
    if not fitting:
        return Advice(family.name, (), Alternative(
            family.beyond, f"No instance type priced in this region holds {_gib(need)} of memory"
            + (f" and {_gib(gpu_need)} on one GPU" if gpu else "") + "."))

    if workload.preference == "fastest":
        ranked = sorted(fitting, key=lambda o: (not o.allowed, -speed(o.spec), o.price_per_hour))
    else:
        ranked = sorted(fitting, key=lambda o: (not o.allowed, o.price_per_hour, -speed(o.spec)))
    cheapest = min(o.price_per_hour for o in fitting)  # type: ignore[type-var]
    choices = tuple(
        _choice(o, family, workload, gpu, need, gpu_need, cheapest, rules)
        for o in ranked[:limit]
    )
    return Advice(family.name, choices, None)


def _fits(spec: InstanceType, family: Family, workload: Workload, gpu: bool,
          memory: float, gpu_need: float) -> bool:
    if bool(spec.gpus) != gpu or spec.memory_gib < memory or spec.vcpu < family.min_vcpu:
        return False
    if gpu and spec.gpu_memory_per_gpu_gib < gpu_need:
        return False
    heavy = workload.memory_gb + workload.data_gb > BURSTABLE_LIGHT_GB
    return not (spec.family in BURSTABLE_FAMILIES and workload.preference != "cheapest" and heavy)


def _beyond_one_instance(family: Family, workload: Workload, offers: Sequence[Offer], gpu: bool,
                         need: float, gpu_need: float) -> Alternative | None:
    if not offers:
        return None
    largest = max(o.spec.memory_gib for o in offers)
    if need > largest:
        if family.beyond == "emr":
            return Alternative("emr", (
                f"{family.label} holds the model and all its data in memory: about {_gib(need)}, "
                f"more than the largest instance here ({_gib(largest)}). Spread the data over an "
                "EMR cluster (Spark; distributed XGBoost or statistics) instead."))
        return Alternative("training-job", (
            f"The model needs about {_gib(need)} of memory, more than the largest instance here "
            f"({_gib(largest)}). Run it as a SageMaker training job with distributed training."))
    if gpu:
        per_gpu = max((o.spec.gpu_memory_per_gpu_gib for o in offers if o.spec.gpus), default=0.0)
        if gpu_need > per_gpu:
            return Alternative("training-job", (
                f"The model needs about {_gib(gpu_need)} of GPU memory to train, more than one GPU "
                f"here holds ({_gib(per_gpu)}). Run it as a SageMaker training job that splits the "
                "model over several GPUs (model parallelism) or on larger GPUs (ml.p4d, ml.p5)."))
    if family.gpu_benefit == "strong" and workload.data_gb > DEEP_LEARNING_DATA_LIMIT_GB:
        return Alternative("training-job", (
            f"{_gb(workload.data_gb)} of training data takes hours to days per epoch from a "
            "notebook. Run it as a SageMaker training job that streams the data from S3 and can "
            "use several instances; keep the notebook for exploring a sample."))
    return None


def _choice(offer: Offer, family: Family, workload: Workload, gpu: bool, need: float,
            gpu_need: float, cheapest: float, rules: CostRules) -> Choice:
    spec = offer.spec
    price = offer.price_per_hour or 0.0
    reasons = [f"Memory: needs about {_gib(need)} (JupyterLab {_gib(BASE_MEMORY_GIB)} plus the "
               f"model and its data); has {_gib(spec.memory_gib)}."]
    if gpu:
        why = ("the tool decided: " if workload.gpu == "auto" else "") + (
            f"{family.label} trains many times faster on a GPU" if family.gpu_benefit == "strong"
            else "you asked for one")
        reasons.append(f"GPU: {spec.gpus} x {spec.gpu_model}, {_gib(spec.gpu_memory_per_gpu_gib)} "
                       f"each (the model needs about {_gib(gpu_need)}); {why}.")
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


def _gib(value: float) -> str:
    return f"{value:.3g} GiB" if value < 100 else f"{value:.0f} GiB"


def _gb(value: float) -> str:
    return f"{value:.3g} GB" if value < 100 else f"{value:.0f} GB"
