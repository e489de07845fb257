"""A metric's history for a chart: never more points than the chart draws.

A history that fits in one MLflow answer (``PAGE`` points) is read whole and cut to size
here, keeping each bucket's lowest and highest value (``sheet.keep``), so spikes survive.

On a plain MLflow server the histories of many runs come whole from one
``get-history-bulk`` call (``BULK_RUNS`` runs a call, the calls at once): plain JSON, so
every point costs MLflow about what its protobuf sample to half of them does
(benchmarks/README.md). MLflow stops an answer at ``PAGE`` points in run-id order, so
the runs before the one it stopped in are whole and the rest are asked again. A history
longer than one answer is sampled by MLflow itself with ``get-history-bulk-interval`` (evenly
spaced rows: a spike between two samples can be lost; its ``total`` is then null).

SageMaker's managed servers authorize each call as a ``sagemaker-mlflow:`` IAM action, and
AWS lists none for MLflow's ``/ajax-api/`` routes (the ones MLflow's own UI calls), so there
only the documented ``get-history`` is used: one call per run (``CONCURRENCY`` at once),
page after page for a long one up to ``MAX_READ`` points. So does any server that answers
an ``/ajax-api/`` route with 403, 404 or 405.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import DSWSError, NotFound, echo
from . import sheet
from .mlflow_rest import MlflowRest, missing
from .models import MetricHistory
from .reading import gather_bounded, raw_run
from .sheet import RawPoint

#: Points in one answer: a get-history page, and a get-history-bulk answer (MLflow's cap).
PAGE = 25_000
#: Runs asked in one get-history-bulk call (MLflow takes up to 100).
BULK_RUNS = 10
#: The most points MLflow samples a history to (its get-history-bulk-interval limit).
SAMPLE_MOST = 2_500
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
        points = (await _whole(rest, [run_id], key))[run_id]
        if points is not None:
            return _cut(run_id, key, points, max_points)
    return (await _long(rest, [run_id], key, max_points))[0]


async def histories(rest: MlflowRest, run_ids: list[str], key: str,
                    max_points: int) -> list[MetricHistory]:
    """``key``'s history for each run, in order (an empty one for a run without it)."""
    whole = await _whole(rest, run_ids, key)
    longer = [run_id for run_id in run_ids if whole[run_id] is None]
    sampled = dict(zip(longer, await _long(rest, longer, key, max_points), strict=True))
    return [sampled[run_id] if points is None else _cut(run_id, key, points, max_points)
            for run_id, points in ((r, whole[r]) for r in run_ids)]


def on_plain_mlflow(rest: MlflowRest) -> bool:
    """Whether MLflow's ``/ajax-api/`` routes are asked at all: not on SageMaker's servers."""
    return rest.target.signing_service is None


def _cut(run_id: str, key: str, points: list[RawPoint], max_points: int, *,
         sampled: bool = False, total: int | None = -1) -> MetricHistory:
    kept, cut = sheet.cut(points, max_points)
    return MetricHistory.model_validate({  # the points validated at once, not one by one
        "run_id": run_id, "key": key, "points": kept, "downsampled": cut or sampled,
        "total": len(points) if total == -1 else total})


async def _whole(rest: MlflowRest, run_ids: list[str],
                 key: str) -> dict[str, list[RawPoint] | None]:
    """Each run's whole history of ``key``; None for one longer than an answer."""
    if on_plain_mlflow(rest):
        found = await _bulk(rest, run_ids, key)
        if found is not None:
            return found
    pages = await gather_bounded([_pages(rest, run_id, key, PAGE) for run_id in run_ids])
    return {run_id: None if token else points
            for run_id, (points, token) in zip(run_ids, pages, strict=True)}


async def _long(rest: MlflowRest, run_ids: list[str], key: str,
                max_points: int) -> list[MetricHistory]:
    """Histories longer than one answer: MLflow's sample, else the pages up to MAX_READ."""
    if not run_ids:
        return []
    sampled = await _sampled(rest, run_ids, key, max_points) if on_plain_mlflow(rest) else None
    if sampled is not None:
        return [_cut(run_id, key, sampled[run_id], max_points, sampled=True, total=None)
                for run_id in run_ids]
    pages = await gather_bounded([_pages(rest, run_id, key, MAX_READ) for run_id in run_ids])
    return [_cut(run_id, key, points, max_points, sampled=token is not None,
                 total=None if token else len(points))
            for run_id, (points, token) in zip(run_ids, pages, strict=True)]


async def _pages(rest: MlflowRest, run_id: str, key: str,
                 most: int) -> tuple[list[RawPoint], str | None]:
    """get-history page after page until ``most`` points; with the token of what is left
    (None when all was read)."""
    points: list[RawPoint] = []
    token = None
    while True:
        answer = await rest.get("metrics/get-history", {
            "run_id": run_id, "metric_key": key, "max_results": PAGE, "page_token": token})
        points.extend(sheet.raw_point(m) for m in answer.get("metrics") or ())
        token = answer.get("next_page_token") or None
        if not token or len(points) >= most:
            return points, token


class _NoBulk(Exception):
    """The server cannot answer get-history-bulk as MLflow does."""


async def _bulk(rest: MlflowRest, run_ids: list[str],
                key: str) -> dict[str, list[RawPoint] | None] | None:
    """Every run's whole history from get-history-bulk, ``BULK_RUNS`` runs a call, the calls
    at once; None for a run longer than one answer; None for all when the server has no
    such route."""
    found: dict[str, list[RawPoint] | None] = {}
    batches = [run_ids[at:at + BULK_RUNS] for at in range(0, len(run_ids), BULK_RUNS)]
    try:
        await gather_bounded([_bulk_batch(rest, batch, key, found) for batch in batches])
    except _NoBulk:
        return None
    return found


async def _bulk_batch(rest: MlflowRest, run_ids: list[str], key: str,
                      found: dict[str, list[RawPoint] | None]) -> None:
    left = sorted(run_ids)  # the order MLflow answers in
    while left:
        try:
            answer = await rest.get("metrics/get-history-bulk", {
                "run_id": left, "metric_key": key, "max_results": PAGE}, api=AJAX)
        except DSWSError as error:
            if missing(error) or error.status in (403, 405):
                raise _NoBulk from None
            raise
        items = answer.get("metrics") or []
        by_run = _by_run(items, set(left))
        if len(items) < PAGE:
            found.update((run_id, by_run.get(run_id, [])) for run_id in left)
            return
        # MLflow stopped at PAGE points, in the run it had reached: the ones before are whole.
        last = str(items[-1].get("run_id"))
        if last not in left or list(by_run) != sorted(by_run):
            raise _NoBulk  # not MLflow's order: nothing here can be trusted to be whole
        found.update((run_id, by_run.get(run_id, [])) for run_id in left if run_id < last)
        if last == left[0]:
            found[last] = None  # alone longer than an answer
        left = [run_id for run_id in left if run_id > last or
                (run_id == last and last != left[0])]


def _by_run(items: Iterable[Mapping[str, Any]], asked: set[str]) -> dict[str, list[RawPoint]]:
    """The answer's points by run, in the order the runs came."""
    by_run: dict[str, list[RawPoint]] = {}
    for item in items:
        run_id = item.get("run_id")
        if run_id in asked:
            by_run.setdefault(run_id, []).append(sheet.raw_point(item))
    return by_run


async def _sampled(rest: MlflowRest, run_ids: list[str], key: str,
                   max_points: int) -> dict[str, list[RawPoint]] | None:
    """MLflow's own sample of each run's history (≤ 100 runs a call); None when the tracking
    server has no such route."""
    found: dict[str, list[RawPoint]] = {r: [] for r in run_ids}
    for start in range(0, len(run_ids), 100):
        try:
            answer = await rest.get("metrics/get-history-bulk-interval", {
                "run_ids": run_ids[start:start + 100], "metric_key": key,
                "max_results": min(max_points, SAMPLE_MOST)}, api=AJAX)
        except DSWSError as error:
            if missing(error) or error.status in (403, 405):
                return None
            raise
        for run_id, points in _by_run(answer.get("metrics") or [], set(found)).items():
            found[run_id].extend(points)
    return found
