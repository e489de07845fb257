"""The wire format of ``{base_url}dsws/instances…``.

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``); the descriptions here are the spec's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from ..errors import ErrorBody
from ..idle.models import PersonHere
from ..wire import WireModel

Gpu = Literal["yes", "no", "auto"]
Preference = Literal["cheapest", "balanced", "fastest"]
#: The model families of advice.FAMILIES.
ModelFamily = Literal["xgboost", "statistical", "cnn", "seq2seq", "transformer", "other"]
_REGION = ("An AWS region from the catalog's known_regions; default (also when empty) the "
           "server's region.")


class Instance(WireModel):
    type: str = Field(description="e.g. ml.g4dn.xlarge")
    family: str = Field(description="e.g. g4dn")
    vcpu: int
    memory_gib: float
    gpus: int
    gpu_model: str | None = Field(description="e.g. NVIDIA T4; null without GPU.")
    gpu_memory_gib: float = Field(description=(
        "GPU memory of all the instance's GPUs together, GiB; 0 without GPU."))
    price_per_hour: float | None = Field(description=(
        "On-demand USD per hour for Studio notebooks; null when not offered there."))
    free_tier: bool = Field(description=(
        "True for ml.t3.medium (250 free hours a month, the first two months)."))
    allowed: bool = Field(description="False when the admin's allow-list leaves this type out.")
    price_estimated: bool = Field(description=(
        "Derived, not read from AWS's price list (another region, a missing size)."))
    price_note: str | None = Field(description=(
        "Where the price came from, or the rule that derived it."))


class InstanceCatalog(WireModel):
    region: str
    source: Literal["bundled", "pricing-api"] = Field(description=(
        "The catalog shipped in the package, or the last refresh from the AWS Price List API."))
    as_of: str = Field(description="The date (YYYY-MM-DD) the prices were read.")
    known_regions: list[str]
    idle_timeout_minutes: float = Field(description=(
        "The idle shutdown timeout used for the with-idle-shutdown costs."))
    free_tier_note: str
    instances: list[Instance]


class CatalogQuery(WireModel):
    region: str | None = Field(default=None, description=_REGION)


class WorkloadRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    # Not only spaces: the validator below says so in words; the pattern tells the spec.
    model: str = Field(min_length=1, max_length=200, json_schema_extra={"pattern": r"\S"},
                       description=(
        "Model family or a common alias, any case: XGBoost, ARIMA/statistical, CNN, seq2seq "
        "(LSTM, RNN), transformer (BERT, LLM), other."))
    memory_gb: float = Field(default=0.0, ge=0, le=1_000_000,
                             description="Size of the model in memory, GB.")
    data_gb: float = Field(default=0.0, ge=0, le=1_000_000,
                           description="Size of the training data, GB.")
    gpu: Gpu = "auto"
    hours_per_day: float = Field(default=8.0, gt=0, le=24)
    preference: Preference = "balanced"
    region: str | None = Field(default=None, max_length=40, description=_REGION)

    @field_validator("model")
    @classmethod
    def _model_has_text(cls, value: str) -> str:
        # Only spaces would pass min_length and fall through to the "other" family.
        if not value.strip():
            raise ValueError("give the model's name or family (e.g. XGBoost), not only spaces")
        return value


class NormalisedWorkload(WireModel):
    """The workload as the server understood it: defaults filled, model family resolved."""

    model: str
    family: ModelFamily
    memory_gb: float
    data_gb: float
    gpu: Gpu
    hours_per_day: float
    preference: Preference


class Recommendation(WireModel):
    type: str
    family: str
    reasons: list[str]
    price_per_hour: float
    monthly_cost: float = Field(description=(
        "USD a month when the app is left running (730 h), free tier deducted."))
    monthly_cost_with_idle_shutdown: float = Field(description=(
        "USD a month with idle shutdown (hours_per_day + idle timeout, each working day)."))
    vcpu: int
    memory_gib: float
    gpus: int
    gpu_model: str | None
    gpu_memory_gib: float
    allowed: bool
    price_estimated: bool


class Alternative(WireModel):
    """Above what one instance holds: a training job or an EMR cluster, and why."""

    kind: Literal["training-job", "emr"]
    reason: str


class Recommendations(WireModel):
    region: str
    workload: NormalisedWorkload
    recommendations: list[Recommendation] = Field(description="Up to 5, best first.")
    alternative: Alternative | None


class InventoryRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    # An empty file is refused by parse_inventory (invalid_csv, with its own sentence).
    csv: str = Field(max_length=5_000_000, json_schema_extra={"minLength": 1}, description=(
        "The file's text, with the seed's columns User, Feature, Model, Memory (like "
        '"15 Mb" or "2 GB"), GPU usage (Yes/No, or empty to let the tool decide)'))
    region: str | None = Field(default=None, max_length=40, description=_REGION)
    preference: Preference = "balanced"


class InventoryRowOut(WireModel):
    line: int = Field(description="The row's line in the file (the header is line 1).")
    user: str
    feature: str
    model: str
    family: ModelFamily
    memory_gb: float
    gpu: Gpu
    recommendation: Recommendation | None
    alternative: Alternative | None = Field(description=(
        "Set when no single instance fits (then recommendation is null)."))


class Inventory(WireModel):
    region: str
    rows: list[InventoryRowOut]
    total_monthly_cost: float
    total_monthly_cost_with_idle_shutdown: float


class CurrentInstance(WireModel):
    in_studio: bool
    instance_type: str | None = Field(description=(
        "Null outside Studio, or when SageMaker cannot be asked (no permission, no endpoint)."))
    space_name: str | None
    people: list[PersonHere] | None = Field(default=None, description=(
        "Who has the space open now (a switch stops the app for all of them), as the idle "
        "panel sees them; null when the idle panel is off."))


class SwitchRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    instance_type: str = Field(min_length=1, max_length=64, description=(
        "A Studio JupyterLab instance type of the catalog, e.g. ml.g4dn.xlarge."))


class SwitchAccepted(WireModel):
    instance_type: str
    space_name: str
    message: str = Field(description="What happens next, for the person.")
    app_stopping: bool = Field(description=(
        "True when this app saves and stops by itself; false when the idle panel is off and "
        "the person must stop the space from Studio."))


class InvalidCsvBody(ErrorBody):
    """A malformed inventory file (400)."""

    error: Literal["invalid_csv"] = "invalid_csv"
    line: int = Field(description="The line of the problem (the header is line 1).")
    column: str | None = Field(description=(
        "The column's header name (e.g. Memory); null when the whole line is wrong."))


class QuotaExceededBody(ErrorBody):
    """A switch the account's Service Quotas would refuse (422)."""

    error: Literal["quota_exceeded"] = "quota_exceeded"
    quota_name: str
    quota_code: str
    limit: float
    in_use: int
