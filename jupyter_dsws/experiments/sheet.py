"""Pure readings of MLflow's answers: a run as a row of the sheet, a metric history cut to
a chart's size. Plain functions on plain data, tested without a server."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from ..people import person_from
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
            found.append(RunRegistered(group=item["group"], version=item["version"],
                                       by=person_from(item.get("by"))))
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


#: A history's point as read from MLflow: (step, value or None for NaN/inf, timestamp ms).
RawPoint = tuple[int, float | None, Any]


def raw_point(raw: Mapping[str, Any]) -> RawPoint:
    return int(raw.get("step") or 0), finite(raw.get("value")), raw.get("timestamp")


def point_of(raw: Mapping[str, Any]) -> MetricPoint:
    step, value, timestamp = raw_point(raw)
    return MetricPoint(step=step, value=value, time=iso_ms(timestamp))


def keep(values: Sequence[float | None], max_points: int) -> list[int] | None:
    """Which of ``values`` (a history's, in step order) to draw: at most ``max_points``
    indices, or None when every one fits.

    The first and last are kept; the ones between are cut into buckets of equal count, and
    each bucket keeps its lowest and its highest value in step order (one index where they
    are the same, the bucket's first where it has no value), so a spike anywhere is still
    drawn. One pass, no copies.
    """
    count = len(values)
    if count <= max_points:
        return None
    buckets = (max_points - 2) // 2  # none when only the ends fit
    size = (count - 2) / max(buckets, 1)
    chosen = [0]
    for bucket in range(buckets):
        start, end = 1 + int(bucket * size), 1 + int((bucket + 1) * size)
        low = high = -1
        low_value = high_value = 0.0
        for at in range(start, end):
            value = values[at]
            if value is None:
                continue
            if low < 0:
                low = high = at
                low_value = high_value = value
            elif value < low_value:
                low, low_value = at, value
            elif value > high_value:
                high, high_value = at, value
        if low < 0:
            chosen.extend(range(start, min(start + 1, end)))
        elif low == high:
            chosen.append(low)
        else:
            chosen.extend((low, high) if low < high else (high, low))
    chosen.append(count - 1)
    return chosen


def cut(points: Sequence[RawPoint], max_points: int) -> tuple[list[dict[str, Any]], bool]:
    """At most ``max_points`` of a history read from MLflow (in any order) as the chart's
    points (``MetricPoint``'s fields), and whether any were left out (``keep``). Only the
    kept points are copied."""
    ordered = sorted(points, key=_step_of)
    chosen = keep([p[1] for p in ordered], max_points)
    kept = ordered if chosen is None else [ordered[i] for i in chosen]
    times: dict[int, str | None] = {}  # a history logs many points a second
    found = []
    for step, value, timestamp in kept:
        try:
            ms = int(timestamp)
        except (TypeError, ValueError):
            ms = 0
        time = times.get(ms // 1000) if ms > 0 else None
        if time is None and ms > 0:
            time = times[ms // 1000] = iso_ms(ms)
        found.append({"step": step, "value": value, "time": time})
    return found, chosen is not None


def downsample(points: Sequence[MetricPoint], max_points: int) -> tuple[list[MetricPoint], bool]:
    """At most ``max_points`` of ``points`` (sorted by step here), and whether any were left
    out: ``keep``'s rule."""
    ordered = sorted(points, key=lambda p: p.step)
    chosen = keep([p.value for p in ordered], max_points)
    if chosen is None:
        return ordered, False
    return [ordered[i] for i in chosen], True


def _step_of(point: RawPoint) -> int:
    return point[0]
