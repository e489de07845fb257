"""The wire format of ``{base_url}dsws/instances…``.

Mirrored in labextension/src/instances/api.ts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Gpu = Literal["yes", "no", "auto"]
Preference = Literal["cheapest", "balanced", "fastest"]


class Instance(BaseModel):
    type: str
    family: str
    vcpu: int
    memory_gib: float
    gpus: int
    gpu_model: str | None
    gpu_memory_gib: float
    price_per_hour: float | None
    free_tier: bool
    allowed: bool
    price_estimated: bool
    price_note: str | None


class InstanceCatalog(BaseModel):
    region: str
    source: Literal["bundled", "pricing-api"]
    as_of: str
    known_regions: list[str]
    idle_timeout_minutes: float
    free_tier_note: str
    instances: list[Instance]


class WorkloadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = Field(min_length=1, max_length=200)
    #: Size of the model in memory, GB.
    memory_gb: float = Field(default=0.0, ge=0, le=1_000_000)
    #: Size of the training data, GB.
    data_gb: float = Field(default=0.0, ge=0, le=1_000_000)
    gpu: Gpu = "auto"
    hours_per_day: float = Field(default=8.0, gt=0, le=24)
    preference: Preference = "balanced"
    region: str | None = Field(default=None, max_length=40)

    @field_validator("model")
    @classmethod
    def _model_has_text(cls, value: str) -> str:
        # Only spaces would pass min_length and fall through to the "other" family.
        if not value.strip():
            raise ValueError("give the model's name or family (e.g. XGBoost), not only spaces")
        return value


class NormalisedWorkload(BaseModel):
    model: str
    family: str
    memory_gb: float
    data_gb: float
    gpu: Gpu
    hours_per_day: float
    preference: Preference


class Recommendation(BaseModel):
    type: str
    family: str
    reasons: list[str]
    price_per_hour: float
    monthly_cost: float
    monthly_cost_with_idle_shutdown: float
    vcpu: int
    memory_gib: float
    gpus: int
    gpu_model: str | None
    gpu_memory_gib: float
    allowed: bool
    price_estimated: bool


class Alternative(BaseModel):
    kind: Literal["training-job", "emr"]
    reason: str


class Recommendations(BaseModel):
    region: str
    workload: NormalisedWorkload
    recommendations: list[Recommendation]
    alternative: Alternative | None


class InventoryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    csv: str = Field(max_length=5_000_000)
    region: str | None = Field(default=None, max_length=40)
    preference: Preference = "balanced"


class InventoryRowOut(BaseModel):
    line: int
    user: str
    feature: str
    model: str
    family: str
    memory_gb: float
    gpu: Gpu
    recommendation: Recommendation | None
    alternative: Alternative | None


class Inventory(BaseModel):
    region: str
    rows: list[InventoryRowOut]
    total_monthly_cost: float
    total_monthly_cost_with_idle_shutdown: float


class CurrentInstance(BaseModel):
    in_studio: bool
    instance_type: str | None
    space_name: str | None


class SwitchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instance_type: str = Field(min_length=1, max_length=64)


class SwitchAccepted(BaseModel):
    instance_type: str
    space_name: str
    message: str
    app_stopping: bool
