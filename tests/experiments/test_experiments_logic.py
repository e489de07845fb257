"""The Experiments panel's pure rules, without a server: a run as a row, a history cut to
a chart's size, what a registered version may carry, where SageMaker's MLflow answers."""

from __future__ import annotations

import json
import math

import pytest

from jupyter_dsws.experiments.models import MetricPoint, MlflowServer
from jupyter_dsws.experiments.promote import (
    MAX_PARAMS,
    metadata_text,
    properties,
    run_of_package,
)
from jupyter_dsws.experiments.sheet import cut, downsample, raw_point, run_of
from jupyter_dsws.experiments.tracking import data_plane, not_ready_help
from jupyter_dsws.people import Person


def points(values: list[float | None]) -> list[MetricPoint]:
    return [MetricPoint(step=i, value=v) for i, v in enumerate(values)]


def test_a_short_history_is_kept_whole():
    kept, cut = downsample(points([3.0, 1.0, 2.0]), 10)
    assert [p.value for p in kept] == [3.0, 1.0, 2.0] and cut is False


@pytest.mark.parametrize("size, most", [(10_000, 500), (1001, 100), (7, 4), (100_000, 2)])
def test_a_long_history_fits_and_keeps_its_ends_and_extremes(size, most):
    values = [math.sin(i / 50) for i in range(size)]
    values[size // 3] = 50.0
    values[size // 2] = -50.0
    kept, cut = downsample(points(values), most)
    assert cut is True and len(kept) <= most
    assert kept[0].step == 0 and kept[-1].step == size - 1
    assert [p.step for p in kept] == sorted({p.step for p in kept})
    if most >= 4:
        assert {50.0, -50.0} <= {p.value for p in kept}


def test_gaps_in_a_history_are_not_mistaken_for_values():
    kept, _ = downsample(points([1.0] + [None] * 50 + [2.0] * 50), 10)
    assert len(kept) <= 10 and kept[0].value == 1.0 and kept[-1].value == 2.0


def test_a_history_read_from_mlflow_is_cut_by_the_same_rule_in_step_order():
    values = [math.cos(i / 30) for i in range(5000)]
    values[777] = 40.0
    answer = [{"key": "loss", "step": i, "value": v, "timestamp": 1_760_000_000_000 + i}
              for i, v in enumerate(values)]
    answer[5] = {**answer[5], "value": "NaN"}
    answer.reverse()  # MLflow's bulk answer is in time order, not always step order
    kept, was_cut = cut([raw_point(m) for m in answer], 200)
    expected, _ = downsample(points([None if i == 5 else v for i, v in enumerate(values)]), 200)
    assert was_cut is True
    assert [(p["step"], p["value"]) for p in kept] == [(p.step, p.value) for p in expected]
    assert 40.0 in [p["value"] for p in kept]
    assert kept[0]["time"] == "2025-10-09T08:53:20Z"

    whole, was_cut = cut([raw_point(m) for m in answer[:3]], 200)
    assert was_cut is False and [p["step"] for p in whole] == [4997, 4998, 4999]


def test_a_run_becomes_a_row_with_its_own_tags_and_registrations():
    row = run_of({
        "info": {"run_id": "abc", "experiment_id": "3", "status": "FINISHED",
                 "start_time": 1_760_000_000_000, "end_time": 0, "run_name": "quick"},
        "data": {"params": [{"key": "lr", "value": "0.1"}],
                 "metrics": [{"key": "acc", "value": 0.9, "step": 3},
                             {"key": "broken", "value": "NaN"}],
                 "tags": [{"key": "mlflow.user", "value": "ron"},
                          {"key": "mlflow.source.name", "value": "/home/ron/train.ipynb"},
                          {"key": "team", "value": "fraud"},
                          {"key": "dsws.registered",
                           "value": json.dumps([{"group": "churn", "version": 2}])}]}})
    assert (row.id, row.name, row.user, row.source) == ("abc", "quick", "ron",
                                                        "/home/ron/train.ipynb")
    assert row.start == "2025-10-09T08:53:20Z" and row.end is None
    assert row.metrics == {"acc": 0.9}  # NaN cannot be compared, sorted or drawn
    assert row.tags == {"team": "fraud"}
    assert [(r.group, r.version) for r in row.registered] == [("churn", 2)]


def test_a_broken_registered_tag_shows_no_registration():
    row = run_of({"info": {"run_id": "x"}, "data": {"tags": [
        {"key": "dsws.registered", "value": "{not json"}]}})
    assert row.registered == []


def test_what_a_version_carries_of_a_run_fits_sagemakers_rules():
    assert metadata_text("[64, 32]", 256) == "_64_ 32_"
    assert metadata_text("", 256) == "-"
    assert len(metadata_text("x" * 300, 256)) == 256
    many = {f"p{n:03}": str(n) for n in range(80)}
    carried = properties("run1", "7", many, Person("ron", "Ron O'Weasley"))
    assert len(carried) == 50 == MAX_PARAMS + 4
    assert carried["mlflow_run_id"] == "run1" and carried["p000"] == "0"
    # Who registered it, for the record, in the characters SageMaker takes.
    assert (carried["dsws:registered_by"], carried["dsws:registered_by_display_name"]) == (
        "ron", "Ron O_Weasley")
    assert "dsws:registered_by" not in properties("run1", "7", many)


def server(kind: str, arn: str | None = None, url: str | None = None,
           status: str = "Created") -> MlflowServer:
    return MlflowServer(arn=arn, name="team", kind=kind, status=status, default=True, url=url)


def test_where_each_kind_of_server_answers_and_how_it_is_signed():
    arn = "arn:aws:sagemaker:us-west-2:123456789012:mlflow-tracking-server/team"
    target = data_plane(server("tracking_server", arn), region="eu-central-1", endpoint_url=None)
    assert target.base_url == "https://us-west-2.experiments.sagemaker.aws"
    assert (target.signing_service, target.region, target.arn) == ("sagemaker-mlflow",
                                                                   "us-west-2", arn)
    assert target.vpc_endpoint == "aws.sagemaker.us-west-2.experiments"
    app = "arn:aws:sagemaker:eu-central-1:123456789012:mlflow-app/app-1"
    assert data_plane(server("app", app), region="eu-central-1",
                      endpoint_url=None).base_url == "https://mlflow.sagemaker.eu-central-1.app.aws"
    local = data_plane(server("tracking_server", arn), region="x",
                       endpoint_url="http://127.0.0.1:5000/")
    assert local.base_url == "http://127.0.0.1:5000" and local.signing_service
    plain = data_plane(server("url", url="http://mlflow.internal:5000/"), region="x",
                       endpoint_url=None)
    assert plain.base_url == "http://mlflow.internal:5000" and plain.signing_service is None


def test_only_a_server_that_cannot_answer_needs_help():
    assert not_ready_help(server("tracking_server", status="Created")) is None
    assert "Start it" in not_ready_help(server("tracking_server", status="Stopped"))
    assert "once it is ready" in not_ready_help(server("tracking_server", status="Creating"))
    assert not_ready_help(server("url", status="Configured")) is None


def test_the_run_a_version_came_from_is_read_from_where_its_model_is():
    run = "0123456789abcdef0123456789abcdef"
    assert run_of_package({"SourceUri": f"s3://b/mlflow/4/{run}/artifacts/model"}) == run
    assert run_of_package({"InferenceSpecification": {"Containers": [
        {"ModelDataUrl": f"s3://b/4/{run}/artifacts/model/model.tar.gz"}]}}) == run
    assert run_of_package({"MetadataProperties": {
        "GeneratedBy": f"mlflow:arn#/experiments/4/runs/{run}"}}) == run
    assert run_of_package({"SourceUri": "s3://b/models/churn/model.tar.gz"}) is None
