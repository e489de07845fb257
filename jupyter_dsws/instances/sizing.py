"""What a workload needs (memory, a GPU, speed) and whether one instance can hold it."""

from __future__ import annotations

from collections.abc import Sequence

from .catalog import InstanceType
from .rules import (
    BASE_MEMORY_GIB,
    BURSTABLE_FAMILIES,
    BURSTABLE_LIGHT_GB,
    CPU_SPEED,
    DEEP_LEARNING_DATA_LIMIT_GB,
    GPU_SPEED,
    USEFUL_VCPUS,
    Family,
)
from .workload import Alternative, Offer, Workload


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


def fits(spec: InstanceType, family: Family, workload: Workload, gpu: bool,
         memory: float, gpu_need: float) -> bool:
    if bool(spec.gpus) != gpu or spec.memory_gib < memory or spec.vcpu < family.min_vcpu:
        return False
    if gpu and spec.gpu_memory_per_gpu_gib < gpu_need:
        return False
    heavy = workload.memory_gb + workload.data_gb > BURSTABLE_LIGHT_GB
    return not (spec.family in BURSTABLE_FAMILIES and workload.preference != "cheapest" and heavy)


def beyond_one_instance(family: Family, workload: Workload, offers: Sequence[Offer], gpu: bool,
                        need: float, gpu_need: float) -> Alternative | None:
    if not offers:
        return None
    largest = max(o.spec.memory_gib for o in offers)
    if need > largest:
        if family.beyond == "emr":
            return Alternative("emr", (
                f"{family.label} holds the model and all its data in memory: about {gib(need)}, "
                f"more than the largest instance here ({gib(largest)}). Spread the data over an "
                "EMR cluster (Spark; distributed XGBoost or statistics) instead."))
        return Alternative("training-job", (
            f"The model needs about {gib(need)} of memory, more than the largest instance here "
            f"({gib(largest)}). Run it as a SageMaker training job with distributed training."))
    if gpu:
        per_gpu = max((o.spec.gpu_memory_per_gpu_gib for o in offers if o.spec.gpus), default=0.0)
        if gpu_need > per_gpu:
            return Alternative("training-job", (
                f"The model needs about {gib(gpu_need)} of GPU memory to train, more than one GPU "
                f"here holds ({gib(per_gpu)}). Run it as a SageMaker training job that splits the "
                "model over several GPUs (model parallelism) or on larger GPUs (ml.p4d, ml.p5)."))
    if family.gpu_benefit == "strong" and workload.data_gb > DEEP_LEARNING_DATA_LIMIT_GB:
        return Alternative("training-job", (
            f"{gb(workload.data_gb)} of training data takes hours to days per epoch from a "
            "notebook. Run it as a SageMaker training job that streams the data from S3 and can "
            "use several instances; keep the notebook for exploring a sample."))
    return None


def gib(value: float) -> str:
    return f"{value:.3g} GiB" if value < 100 else f"{value:.0f} GiB"


def gb(value: float) -> str:
    return f"{value:.3g} GB" if value < 100 else f"{value:.0f} GB"
