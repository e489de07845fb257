"""Pure readings of MLflow's answers: a run as a row of the sheet, a metric history cut to
a chart's size. Plain functions on plain data, tested without a server."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from .models import MetricPoint, Run, RunRegistered

#: The run tag where the panel records the Model Registry versions made from a run.
REGISTERED_TAG = "dsws.registered"
#: MLflow's system tags that the sheet shows as columns of their own (or not at all).
_SYSTEM_PREFIX = "mlflow."


def iso_ms(value: Any) -> str | None:
    """MLflow's milliseconds since the epoch as ISO 8601 UTC; None for none."""
    try:
        ms = int(value)
    except (TypeError, ValueError):
        return None
    if ms <= 0:
        return None
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds") \
        .replace("+00:00", "Z")


def finite(value: Any) -> float | None:
    """A metric's value as JSON can carry it: NaN and infinities become None."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def pairs(items: Iterable[Mapping[str, Any]] | None) -> dict[str, Any]:
    return {str(i.get("key")): i.get("value") for i in items or () if i.get("key") is not None}


def registered_of(tags: Mapping[str, str]) -> list[RunRegistered]:
    """The versions recorded in the run's ``dsws.registered`` tag (a JSON list)."""
    try:
        raw = json.loads(tags.get(REGISTERED_TAG) or "[]")
    except ValueError:
        return []
    found = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict) and isinstance(item.get("group"), str) \
                and isinstance(item.get("version"), int):
            found.append(RunRegistered(group=item["group"], version=item["version"]))
    return found


def run_of(raw: Mapping[str, Any]) -> Run:
    """One MLflow run (``{"info": …, "data": …}``) as a row of the runs sheet."""
    info = raw.get("info") or {}
    data = raw.get("data") or {}
    tags = {k: str(v) for k, v in pairs(data.get("tags")).items()}
    metrics: dict[str, float] = {}
    for item in data.get("metrics") or ():
        value = finite(item.get("value"))
        if item.get("key") is not None and value is not None:
            metrics[str(item["key"])] = value
    run_id = str(info.get("run_id") or info.get("run_uuid") or "")
    return Run(
        id=run_id,
        name=str(info.get("run_name") or tags.get("mlflow.runName") or run_id[:8]),
        experiment_id=str(info.get("experiment_id") or ""),
        status=str(info.get("status") or ""),
        start=iso_ms(info.get("start_time")),
        end=iso_ms(info.get("end_time")),
        user=tags.get("mlflow.user") or info.get("user_id") or None,
        source=tags.get("mlflow.source.name") or None,
        params={k: str(v) for k, v in pairs(data.get("params")).items()},
        metrics=metrics,
        tags={k: v for k, v in tags.items()
              if not k.startswith(_SYSTEM_PREFIX) and k != REGISTERED_TAG},
        registered=registered_of(tags),
    )


def last_steps(raw: Mapping[str, Any]) -> dict[str, int]:
    """Metric -> the step of its last logged value."""
    return {str(m["key"]): int(m.get("step") or 0)
            for m in (raw.get("data") or {}).get("metrics") or () if m.get("key") is not None}


def names(runs: Sequence[Run]) -> tuple[list[str], list[str]]:
    """Every param name and every metric name of ``runs``, sorted."""
    return (sorted({k for r in runs for k in r.params}),
            sorted({k for r in runs for k in r.metrics}))


def point_of(raw: Mapping[str, Any]) -> MetricPoint:
    return MetricPoint(step=int(raw.get("step") or 0), value=finite(raw.get("value")),
                 time=iso_ms(raw.get("timestamp")))


def downsample(points: Sequence[MetricPoint], max_points: int) -> tuple[list[MetricPoint], bool]:
    """At most ``max_points`` of ``points`` (sorted by step), and whether any were left out.

    The first and last points are kept; the steps between are cut into buckets of equal
    count, and each bucket keeps its lowest and its highest value in step order (one point
    where they are the same), so a spike anywhere is still drawn.
    """
    ordered = sorted(points, key=lambda p: p.step)
    if len(ordered) <= max_points:
        return ordered, False
    inner = ordered[1:-1]
    buckets = (max_points - 2) // 2  # none when only the ends fit
    size = len(inner) / max(buckets, 1)
    kept = [ordered[0]]
    for b in range(buckets):
        chunk = inner[int(b * size):int((b + 1) * size)]
        valued = [p for p in chunk if p.value is not None]
        if not valued:
            kept.extend(chunk[:1])
            continue
        low = min(valued, key=_value)
        high = max(valued, key=_value)
        kept.extend([low] if low is high else sorted((low, high), key=lambda p: p.step))
    kept.append(ordered[-1])
    return kept, True


def _value(point: MetricPoint) -> float:
    return point.value if point.value is not None else 0.0
