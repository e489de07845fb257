"""Comparing versions: which way each metric is better, the best, what differs, trends.

Plain functions on plain data, so the compare view's rules are tested without a server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

Direction = Literal["up", "down"]

BUILT_IN_DIRECTIONS: Mapping[str, Direction] = {
    **dict.fromkeys(("accuracy", "auc", "roc_auc", "pr_auc", "f1", "f2", "f0_5", "precision",
                     "recall", "r2", "map", "ndcg", "mrr", "bleu", "rouge", "iou", "dice",
                     "specificity", "sensitivity", "true_positive_rate",
                     "true_negative_rate", "explained_variance", "score", "kappa"), "up"),
    **dict.fromkeys(("loss", "rmse", "mse", "mae", "mape", "smape", "msle", "rmsle", "error",
                     "log_loss", "logloss", "cross_entropy", "perplexity", "wer", "cer",
                     "false_positive_rate", "false_negative_rate", "latency", "latency_ms"),
                    "down"),
}


def direction(metric: str, configured: Mapping[str, str]) -> Direction | None:
    """'up', 'down' or None (unknown) for a metric name such as 'val_loss' or 'binary.f1'.

    The admin's table wins over the built-ins; a longer matching suffix wins over a shorter.
    """
    name = metric.lower().rsplit(".", 1)[-1]
    for table in (configured, BUILT_IN_DIRECTIONS):
        if name in table:
            return table[name]  # type: ignore[return-value]
        best: tuple[int, str] | None = None
        for known, way in table.items():
            if name.endswith(("_" + known, "-" + known)) and (best is None
                                                              or len(known) > best[0]):
                best = (len(known), way)
        if best:
            return best[1]  # type: ignore[return-value]
    return None


def best_of(values: Mapping[str, Mapping[str, float]], metrics: Sequence[str],
            directions: Mapping[str, Direction | None]) -> dict[str, str]:
    """Metric -> the key (ARN) with the best value, for metrics whose direction is known.

    ``values`` is key -> metric -> value. A metric only one version has is still ranked;
    on a tie the first version in order wins.
    """
    best: dict[str, str] = {}
    for metric in metrics:
        way = directions.get(metric)
        if way is None:
            continue
        candidates = [(key, m[metric]) for key, m in values.items() if metric in m]
        if not candidates:
            continue
        pick = max if way == "up" else min
        best[metric] = pick(candidates, key=lambda kv: kv[1])[0]
    return best


def differing(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[str]:
    """The names whose values are not all the same (missing counts as a value)."""
    missing = object()
    return [name for name in names
            if len({repr(row.get(name, missing)) for row in rows}) > 1]


def union_names(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every name of every row, in first-seen order."""
    return list(dict.fromkeys(name for row in rows for name in row))


def trend(points: Sequence[tuple[int, Mapping[str, float]]]) -> dict[str, list[dict[str, Any]]]:
    """Metric -> [{"version", "value"}], v1 first, from (version, metrics) pairs."""
    series: dict[str, list[dict[str, Any]]] = {}
    for version, metrics in sorted(points, key=lambda p: p[0]):
        for name, value in metrics.items():
            series.setdefault(name, []).append({"version": version, "value": value})
    return series
