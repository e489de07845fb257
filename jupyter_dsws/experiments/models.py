"""The wire format of ``{base_url}dsws/experiments/…`` (the spec's Experiments* schemas).

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``). Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from ..people import PersonRecord
from ..wire import Fetched, RefreshQuery, WireModel

_NEXT = "The opaque cursor of the previous page's next; absent for the first page."
Next = str | None


class MlflowServer(WireModel):
    arn: str | None = Field(default=None, description="Null for a plain MLflow URL.")
    name: str
    kind: Literal["tracking_server", "app", "url"]
    status: str = Field(description=(
        "SageMaker's status (Created, Creating, Stopped, Starting, …); 'Configured' for a URL."))
    mlflow_version: str | None = None
    default: bool = Field(description="The one the panel reads.")
    url: str | None = Field(default=None, description="The tracking URI a notebook sets.")


class MlflowServerList(Fetched):
    servers: list[MlflowServer]
    tracking_uri: str | None = Field(description=(
        "The tracking URI the panel reads (the default server's); null when none is set and "
        "none can be chosen."))
    help: str | None = Field(default=None, description=(
        "What to do when no server can be read: a stopped server, none configured."))


class Experiment(WireModel):
    id: str
    name: str
    runs: int | None = Field(default=None, description="Null when not counted.")
    last_run: str | None = Field(default=None, description="ISO 8601, UTC.")


class ExperimentList(Fetched):
    experiments: list[Experiment]
    next: Next = None


class RunRegistered(WireModel):
    group: str
    version: int
    by: PersonRecord | None = Field(default=None, description=(
        "The person who registered it from the panel, for the record; null when unknown."))


class Run(WireModel):
    id: str
    name: str
    experiment_id: str
    status: str = Field(description="RUNNING, FINISHED, FAILED, KILLED or SCHEDULED.")
    start: str | None = Field(default=None, description="ISO 8601, UTC.")
    end: str | None = Field(default=None, description="ISO 8601, UTC; null while running.")
    user: str | None = None
    source: str | None = Field(default=None, description="The notebook or script it ran from.")
    params: dict[str, str] = Field(default_factory=dict)
    metrics: dict[str, float] = Field(default_factory=dict, description="Each metric's last value.")
    tags: dict[str, str] = Field(default_factory=dict, description="The run's own tags "
                                 "(MLflow's mlflow.* system tags left out).")
    registered: list[RunRegistered] = Field(default_factory=list, description=(
        "Model Registry versions made from this run."))


class RunList(Fetched):
    runs: list[Run]
    params: list[str] = Field(description="Every param name on this page, sorted.")
    metrics: list[str] = Field(description="Every metric name on this page, sorted.")
    directions: dict[str, Literal["up", "down"]] = Field(default_factory=dict, description=(
        "Which way each known metric is better (the Models panel's rule)."))
    next: Next = None


class RunDetail(Run, Fetched):
    metric_steps: dict[str, int] = Field(default_factory=dict, description=(
        "Metric -> its last step (0 for a metric logged once)."))
    artifacts: list[str] = Field(default_factory=list, description=(
        "The run's top-level artifact paths (folders end with /)."))
    artifact_uri: str | None = None


class MetricPoint(WireModel):
    step: int
    value: float | None = Field(description="Null for NaN or infinity.")
    time: str | None = Field(default=None, description="ISO 8601, UTC.")


class MetricHistory(WireModel):
    run_id: str
    key: str
    points: list[MetricPoint]
    downsampled: bool = Field(description="True when buckets' min and max stand for the rest.")
    total: int | None = Field(description="How many points the run logged; null when MLflow "
                              "sampled them (a history longer than one page).")


class RunDifferences(WireModel):
    params: list[str]
    metrics: list[str]


class RunComparison(Fetched):
    runs: list[Run]
    params: list[str]
    metrics: list[str]
    different: RunDifferences
    best: dict[str, str] = Field(description="Metric -> the run id with the best value, for "
                                 "metrics whose better direction is known.")
    directions: dict[str, Literal["up", "down"]] = Field(default_factory=dict)


class RunRegistration(WireModel):
    group: str
    version: int
    arn: str


class UiUrl(WireModel):
    url: str = Field(description="Opens the MLflow UI; a presigned one works once.")
    expires_in: int | None = Field(description="Seconds the URL may be used in; null for a "
                                   "plain MLflow URL.")


# Requests ------------------------------------------------------------------------------

class ExperimentsQuery(RefreshQuery):
    query: str | None = Field(default=None, max_length=200, description=(
        "Part of the experiment name; empty or absent lists every experiment."))
    next: Next = Field(default=None, description=_NEXT)


class RunsQuery(RefreshQuery):
    filter: str | None = Field(default=None, max_length=2000, description=(
        "MLflow's search syntax, e.g. metrics.accuracy > 0.9 and params.model = 'logreg'."))
    order_by: str | None = Field(default=None, max_length=300, description=(
        "A column and a direction, e.g. metrics.accuracy DESC or attributes.start_time ASC."))
    next: Next = Field(default=None, description=_NEXT)


class HistoryQuery(WireModel):
    max_points: int = Field(default=500, ge=2, le=10000, description=(
        "The most points answered (each bucket's min and max kept, so spikes survive)."))


class RunsCompareQuery(WireModel):
    error_code: ClassVar[str] = "bad_compare"

    run: list[str] = Field(description="A run id; repeat 2 to Experiments.max_compare times.",
                           json_schema_extra={"minItems": 2, "uniqueItems": True,
                                              "items": {"type": "string",
                                                        "pattern": "^[0-9a-zA-Z_-]{1,64}$"}})


class RunsComparisonQuery(RunsCompareQuery, RefreshQuery):
    """The comparison's runs, and a person's Refresh (the charts' histories take none)."""


class RunQuery(RefreshQuery):
    pass


class ServersQuery(RefreshQuery):
    pass


class RegisterRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    group: str = Field(min_length=1, max_length=63, pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$",
                       description="A model package group; made when it does not exist.")
    artifact_path: str = Field(default="model", min_length=1, max_length=500, description=(
        "The run's logged model folder."))
    description: str | None = Field(default=None, max_length=1000)


class RunsCompareHistory(WireModel):
    key: str
    series: list[MetricHistory] = Field(description="One history per run, in the asked order.")


class RunsCompareHistoryQuery(RunsCompareQuery):
    max_points: int = Field(default=500, ge=2, le=10000, description=(
        "The most points per run."))
