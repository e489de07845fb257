"""The registry's decisions as plain functions: flattening, directions, best, differences,
cursors. No server, no AWS."""

from __future__ import annotations

import pytest

from jupyter_dsws.errors import InvalidInput
from jupyter_dsws.registry import compare, cursor
from jupyter_dsws.registry.metrics import (
    MalformedStatistics,
    flatten,
    parse,
    statistics_uris,
    to_statistics,
)


def test_statistics_flatten_to_name_value_with_std_beside() -> None:
    flat = flatten({"binary_classification_metrics": {
        "accuracy": {"value": 0.91, "standard_deviation": 0.01},
        "auc": {"value": 0.95},
        "confusion_matrix": {"0": {"0": 10}},
    }})
    assert flat.values == {"accuracy": 0.91, "auc": 0.95}
    assert flat.std == {"accuracy": 0.01}


def test_a_name_under_two_kinds_is_qualified_by_kind() -> None:
    flat = flatten({"regression_metrics": {"mae": {"value": 2.0}, "r2": {"value": 0.8}},
                    "custom_metrics": {"mae": {"value": 3.0}}})
    assert flat.values == {"regression.mae": 2.0, "r2": 0.8, "custom.mae": 3.0}


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b'{"accuracy": 0.9}', b"{}"])
def test_files_that_are_not_statistics_say_so(raw: bytes) -> None:
    with pytest.raises(MalformedStatistics):
        parse(raw)


def test_flat_metrics_become_statistics_and_statistics_stay() -> None:
    assert to_statistics({"accuracy": 0.9, "f1": (0.8, 0.02)}) == {"custom_metrics": {
        "accuracy": {"value": 0.9}, "f1": {"value": 0.8, "standard_deviation": 0.02}}}
    given = {"regression_metrics": {"rmse": {"value": 1.5, "standard_deviation": 0.1}}}
    assert to_statistics(given) == given
    with pytest.raises(ValueError, match="accuracy"):
        to_statistics({"accuracy": "high"})


def test_every_statistics_uri_is_read_model_quality_first() -> None:
    assert statistics_uris({
        "ModelDataQuality": {"Statistics": {"S3Uri": "s3://b/data.json"}},
        "ModelQuality": {"Statistics": {"S3Uri": "s3://b/quality.json"},
                         "Constraints": {"S3Uri": "s3://b/constraints.json"}},
        "Bias": {"Report": {"S3Uri": "s3://b/bias.json"}},
    }) == ["s3://b/quality.json", "s3://b/data.json"]


@pytest.mark.parametrize(("name", "expected"), [
    ("accuracy", "up"), ("AUC", "up"), ("weighted_f1", "up"), ("binary.f1", "up"),
    ("val_loss", "down"), ("RMSE", "down"), ("test-mape", "down"), ("log_loss", "down"),
    ("r2", "up"), ("throughput", None), ("fold", None),
])
def test_directions_by_name_case_and_suffix(name: str, expected: str | None) -> None:
    assert compare.direction(name, {}) == expected


def test_the_admins_directions_win() -> None:
    assert compare.direction("val_accuracy", {"val_accuracy": "down"}) == "down"
    assert compare.direction("latency_p99", {"p99": "down"}) == "down"
    assert compare.direction("throughput", {"throughput": "up"}) == "up"


def test_best_follows_the_direction_and_skips_unknown_ones() -> None:
    values = {"a": {"accuracy": 0.8, "rmse": 2.0, "x": 1.0},
              "b": {"accuracy": 0.9, "rmse": 2.5, "x": 9.0},
              "c": {"rmse": 1.5}}
    metrics = ["accuracy", "rmse", "x"]
    directions = {m: compare.direction(m, {}) for m in metrics}
    assert compare.best_of(values, metrics, directions) == {"accuracy": "b", "rmse": "c"}


def test_differences_count_a_missing_value_as_different() -> None:
    rows = [{"eta": "0.1", "depth": "3"}, {"eta": "0.1", "depth": "5"}, {"eta": "0.1"}]
    names = compare.union_names(rows)
    assert names == ["eta", "depth"]
    assert compare.differing(rows, names) == ["depth"]
    assert compare.differing([{"eta": "0.1"}, {"eta": "0.1", "x": "1"}], ["eta", "x"]) == ["x"]


def test_trend_is_v1_first() -> None:
    series = compare.trend([(3, {"auc": 0.9}), (1, {"auc": 0.7}), (2, {"auc": 0.8, "f1": 0.5})])
    assert series == {"auc": [{"version": 1, "value": 0.7}, {"version": 2, "value": 0.8},
                              {"version": 3, "value": 0.9}],
                      "f1": [{"version": 2, "value": 0.5}]}


def test_cursors_round_trip_and_bad_ones_are_400() -> None:
    token = "eyJwYXJhbSI6ICJ4In0=+/"
    assert cursor.decode(cursor.encode(token)) == token
    assert cursor.encode(None) is None and cursor.decode(None) is None
    for bad in ("garbage", "t1.", "t1.!!!!"):
        with pytest.raises(InvalidInput):
            cursor.decode(bad)
