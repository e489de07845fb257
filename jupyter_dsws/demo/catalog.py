"""What the demo registers for each model family of the inventory.

A few versions per family, each with the training parameters a data scientist would
record, evaluation metrics that mostly improve (one regression, to have something to
reject), the reviewer's decision, and the container a real model of that family is served
with. The image URIs follow the real regional ECR registries, so a panel that shows them
looks as it would on AWS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

APPROVED = "Approved"
REJECTED = "Rejected"
PENDING = "PendingManualApproval"

MULTICLASS = "multiclass_classification_metrics"
BINARY = "binary_classification_metrics"
REGRESSION = "regression_metrics"

# The SageMaker first-party framework images (XGBoost, scikit-learn) live in one account
# per region; see the SageMaker Python SDK's image_uri_config.
_FRAMEWORK_REGISTRIES = {
    "us-east-1": "683313688378", "us-east-2": "257758044811", "us-west-1": "746614075791",
    "us-west-2": "246618743249", "ca-central-1": "341280168497", "eu-central-1": "492215442770",
    "eu-west-1": "141502667606", "eu-west-2": "764974769150", "eu-west-3": "659782779980",
    "eu-north-1": "662702820516", "ap-northeast-1": "354813040037",
    "ap-southeast-1": "121021644041", "ap-southeast-2": "783357654285",
    "ap-south-1": "720646828776", "sa-east-1": "737474898029",
}
# The Deep Learning Containers (PyTorch) share one account in the commercial regions.
_DLC_REGISTRY = "763104351884"


def _framework_image(repository: str) -> Callable[[str], str]:
    def image(region: str) -> str:
        account = _FRAMEWORK_REGISTRIES.get(region, _FRAMEWORK_REGISTRIES["us-east-1"])
        return f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}"

    return image


def _dlc_image(repository: str) -> Callable[[str], str]:
    def image(region: str) -> str:
        return f"{_DLC_REGISTRY}.dkr.ecr.{region}.amazonaws.com/{repository}"

    return image


@dataclass(frozen=True)
class VersionPlan:
    """One registered version: parameters, metrics (value, standard deviation), decision."""

    params: Mapping[str, str]
    metrics: Mapping[str, tuple[float, float]]
    approval: str
    reason: str = ""


@dataclass(frozen=True)
class ModelFamily:
    name: str
    framework: str
    framework_version: str
    image: Callable[[str], str]
    problem: str
    content_type: str
    versions: tuple[VersionPlan, ...]

    def statistics(self, plan: VersionPlan) -> dict[str, dict[str, dict[str, float]]]:
        """The version's metrics in SageMaker's model quality statistics format."""
        return {self.problem: {name: {"value": value, "standard_deviation": spread}
                               for name, (value, spread) in plan.metrics.items()}}


def _multiclass(accuracy: float, f1: float) -> dict[str, tuple[float, float]]:
    return {"accuracy": (accuracy, 0.012), "weighted_f1": (f1, 0.015)}


def _binary(accuracy: float, precision: float, recall: float, auc: float
            ) -> dict[str, tuple[float, float]]:
    f1 = round(2 * precision * recall / (precision + recall), 3)
    return {"accuracy": (accuracy, 0.01), "precision": (precision, 0.014),
            "recall": (recall, 0.016), "f1": (f1, 0.013), "auc": (auc, 0.008)}


def _regression(mae: float, rmse: float, r2: float) -> dict[str, tuple[float, float]]:
    return {"mae": (mae, 0.21), "rmse": (rmse, 0.27), "r2": (r2, 0.018)}


FAMILIES: Mapping[str, ModelFamily] = {
    "XGBoost": ModelFamily(
        name="XGBoost", framework="XGBOOST", framework_version="1.7-1",
        image=_framework_image("sagemaker-xgboost:1.7-1"), problem=MULTICLASS,
        content_type="text/csv",
        versions=(
            VersionPlan({"objective": "multi:softprob", "num_class": "4", "max_depth": "3",
                         "eta": "0.3", "num_round": "50"},
                        _multiclass(0.712, 0.694), REJECTED,
                        "Below the 0.75 accuracy bar; Hufflepuff is confused with Ravenclaw."),
            VersionPlan({"objective": "multi:softprob", "num_class": "4", "max_depth": "5",
                         "eta": "0.2", "num_round": "100"},
                        _multiclass(0.791, 0.781), APPROVED,
                        "Clears the bar: first version for the start-of-term feast."),
            VersionPlan({"objective": "multi:softprob", "num_class": "4", "max_depth": "6",
                         "eta": "0.1", "num_round": "200"},
                        _multiclass(0.838, 0.829), APPROVED, "Better on all four houses."),
            VersionPlan({"objective": "multi:softprob", "num_class": "4", "max_depth": "6",
                         "eta": "0.05", "num_round": "400", "subsample": "0.8"},
                        _multiclass(0.862, 0.855), PENDING),
        ),
    ),
    "Seq2seq": ModelFamily(
        name="Seq2seq", framework="PYTORCH", framework_version="2.3.0",
        image=_dlc_image("pytorch-inference:2.3.0-gpu-py311"), problem=MULTICLASS,
        content_type="application/json",
        versions=(
            VersionPlan({"num_layers": "2", "hidden_size": "256", "learning_rate": "0.001",
                         "epochs": "10", "max_summary_tokens": "32"},
                        _multiclass(0.583, 0.551), APPROVED,
                        "Good enough to triage inquiries; staff still read the long ones."),
            VersionPlan({"num_layers": "4", "hidden_size": "512", "learning_rate": "0.0005",
                         "epochs": "20", "max_summary_tokens": "32"},
                        _multiclass(0.561, 0.538), REJECTED,
                        "Overfits: worse than version 1 on held-out inquiries."),
            VersionPlan({"num_layers": "3", "hidden_size": "512", "learning_rate": "0.0005",
                         "epochs": "15", "dropout": "0.2", "max_summary_tokens": "32"},
                        _multiclass(0.634, 0.612), APPROVED,
                        "Dropout fixed the overfitting; best summaries so far."),
        ),
    ),
    "ARIMA": ModelFamily(
        name="ARIMA", framework="SKLEARN", framework_version="1.2-1",
        image=_framework_image("sagemaker-scikit-learn:1.2-1-cpu-py3"), problem=REGRESSION,
        content_type="text/csv",
        versions=(
            VersionPlan({"p": "1", "d": "1", "q": "0", "trend": "c"},
                        _regression(4.12, 5.31, 0.712), APPROVED,
                        "Better than last year's rule of thumb."),
            VersionPlan({"p": "2", "d": "1", "q": "1", "trend": "c"},
                        _regression(3.18, 4.22, 0.807), APPROVED,
                        "Catches the July peak of school letters."),
            VersionPlan({"p": "2", "d": "1", "q": "2", "trend": "c", "seasonal_period": "12"},
                        _regression(2.41, 3.07, 0.889), PENDING),
        ),
    ),
    "CNN": ModelFamily(
        name="CNN", framework="PYTORCH", framework_version="2.3.0",
        image=_dlc_image("pytorch-inference:2.3.0-gpu-py311"), problem=BINARY,
        content_type="application/x-image",
        versions=(
            VersionPlan({"epochs": "10", "batch_size": "32", "learning_rate": "0.01",
                         "optimizer": "sgd"},
                        _binary(0.812, 0.741, 0.803, 0.861), REJECTED,
                        "Grants access without a signed slip far too often."),
            VersionPlan({"epochs": "20", "batch_size": "32", "learning_rate": "0.001",
                         "optimizer": "adam"},
                        _binary(0.864, 0.902, 0.712, 0.903), REJECTED,
                        "Turns away too many students who do hold a slip."),
            VersionPlan({"epochs": "30", "batch_size": "64", "learning_rate": "0.001",
                         "optimizer": "adam"},
                        _binary(0.911, 0.921, 0.884, 0.947), APPROVED,
                        "Madam Pince agrees with it on every test request."),
            VersionPlan({"epochs": "40", "batch_size": "64", "learning_rate": "0.0005",
                         "optimizer": "adam", "augmentation": "true"},
                        _binary(0.928, 0.934, 0.907, 0.958), PENDING),
        ),
    ),
}


def family(model: str) -> ModelFamily:
    """The family an inventory row's ``Model`` names; ``KeyError`` says which are known."""
    try:
        return FAMILIES[model]
    except KeyError:
        raise KeyError(f"No demo model family {model!r}; known: {', '.join(FAMILIES)}") from None
