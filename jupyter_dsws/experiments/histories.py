"""A metric's history for a chart: never more points than the chart draws.

A history of up to one MLflow page (``PAGE`` points) is read whole and cut to size here,
keeping each bucket's lowest and highest value (``sheet.downsample``), so spikes survive.
A longer one, and the overlay of many runs, is sampled by MLflow itself with
``get-history-bulk-interval`` (the call MLflow's own UI makes; one call for up to 100 runs);
where a tracking server does not pass ``/ajax-api/`` through, the pages are read instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import DSWSError, NotFound, echo
from . import sheet
from .mlflow_rest import MlflowRest, missing
from .models import MetricHistory, MetricPoint
from .reading import gather_bounded, raw_run

#: Points per get-history page.
PAGE = 25_000
#: The most points read page by page when MLflow cannot sample.
MAX_READ = 200_000
AJAX = "/ajax-api/2.0/mlflow/"


async def history(rest: MlflowRest, run_id: str, key: str, max_points: int) -> MetricHistory:
    raw = await raw_run(rest, run_id)
    steps = sheet.last_steps(raw)
    if key not in steps:
        logged = ", ".join(sorted(steps)) or "none"
        raise NotFound(f"Run {echo(run_id, 64)} logged no metric {echo(key, 100)} (it logged: "
                       f"{echo(logged, 300)}).")
    if steps[key] + 1 <= PAGE:
        points = await _read_all(rest, run_id, key)
        kept, cut = sheet.downsample(points, max_points)
        return MetricHistory(run_id=run_id, key=key, points=kept, downsampled=cut,
                             total=len(points))
    sampled = await _sampled(rest, [run_id], key, max_points)
    if sampled is None:
        points = await _read_all(rest, run_id, key)
        kept, cut = sheet.downsample(points, max_points)
        return MetricHistory(run_id=run_id, key=key, points=kept, downsampled=cut,
                             total=len(points))
    points = sampled.get(run_id, [])
    kept, _ = sheet.downsample(points, max_points)
    return MetricHistory(run_id=run_id, key=key, points=kept, downsampled=True, total=None)


async def histories(rest: MlflowRest, run_ids: list[str], key: str,
                    max_points: int) -> list[MetricHistory]:
    """``key``'s history for each run, in order (an empty one for a run without it)."""
    sampled = await _sampled(rest, run_ids, key, max_points)
    if sampled is not None:
        return [MetricHistory(run_id=r, key=key, points=sheet.downsample(
            sampled.get(r, []), max_points)[0], downsampled=True, total=None) for r in run_ids]
    whole = await gather_bounded([_read_all(rest, r, key) for r in run_ids])
    found = []
    for run_id, points in zip(run_ids, whole, strict=True):
        kept, cut = sheet.downsample(points, max_points)
        found.append(MetricHistory(run_id=run_id, key=key, points=kept, downsampled=cut,
                                   total=len(points)))
    return found


async def _read_all(rest: MlflowRest, run_id: str, key: str) -> list[MetricPoint]:
    points: list[MetricPoint] = []
    token = None
    while len(points) < MAX_READ:
        answer = await rest.get("metrics/get-history", {
            "run_id": run_id, "metric_key": key, "max_results": PAGE, "page_token": token})
        points.extend(sheet.point_of(m) for m in answer.get("metrics") or [])
        token = answer.get("next_page_token")
        if not token:
            break
    return points


async def _sampled(rest: MlflowRest, run_ids: list[str], key: str,
                   max_points: int) -> dict[str, list[MetricPoint]] | None:
    """MLflow's own sample of each run's history (≤ 100 runs a call); None when the tracking
    server has no such route."""
    found: dict[str, list[MetricPoint]] = {r: [] for r in run_ids}
    for start in range(0, len(run_ids), 100):
        try:
            answer = await rest.get("metrics/get-history-bulk-interval", {
                "run_ids": run_ids[start:start + 100], "metric_key": key,
                "max_results": max_points}, api=AJAX)
        except DSWSError as error:
            if missing(error) or error.status in (403, 405):
                return None
            raise
        _collect(found, answer)
    return found


def _collect(found: dict[str, list[MetricPoint]], answer: Mapping[str, Any]) -> None:
    for item in answer.get("metrics") or []:
        run_id = item.get("run_id")
        if run_id in found:
            found[run_id].append(sheet.point_of(item))
