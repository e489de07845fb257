"""The rules of the instance advice, as data: read in plain words in docs/instances.md.

Every number a rule uses is here, so that a rule is changed in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
