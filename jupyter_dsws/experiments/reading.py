"""Reading MLflow for the panel: experiments, a page of runs, one run, a set of runs."""

from __future__ import annotations

import asyncio
from typing import Any

from ..errors import DSWSError, InvalidInput, NotFound, echo
from ..registry import cursor
from . import sheet
from .mlflow_rest import MlflowRest, bad_request, missing
from .models import Experiment, ExperimentList, Run, RunDetail, RunList

#: Experiments per page of the list.
EXPERIMENTS_PAGE = 25
#: Runs counted for an experiment in the list: above this, the list says "100+".
COUNT_LIMIT = 100
#: The experiment every MLflow server has, where runs go when none is set: listed only
#: once a run is in it.
DEFAULT_EXPERIMENT = "0"
#: MLflow calls one request makes at once (compare reads up to 100 runs).
CONCURRENCY = 8

FILTER_EXAMPLES = ("metrics.accuracy > 0.9", "params.model = 'xgboost'",
                   "tags.team = 'fraud' and attributes.status = 'FINISHED'")


def _name_filter(query: str | None) -> str | None:
    if not query:
        return None
    escaped = query.replace("\\", "\\\\").replace("'", "\\'")
    return f"name ILIKE '%{escaped}%'"


async def gather_bounded(calls: list[Any], limit: int = CONCURRENCY) -> list[Any]:
    """Await ``calls`` (coroutines) with at most ``limit`` running at once, in order."""
    gate = asyncio.Semaphore(limit)

    async def one(call: Any) -> Any:
        async with gate:
            return await call

    return list(await asyncio.gather(*(one(c) for c in calls)))


async def experiments(rest: MlflowRest, query: str | None, next_: str | None) -> ExperimentList:
    answer = await rest.post("experiments/search", {
        "max_results": EXPERIMENTS_PAGE, "filter": _name_filter(query),
        "order_by": ["last_update_time DESC"], "page_token": cursor.decode(next_),
        "view_type": "ACTIVE_ONLY"})
    found = answer.get("experiments") or []
    counts = await gather_bounded([_count(rest, str(e["experiment_id"])) for e in found])
    return ExperimentList(
        experiments=[Experiment(id=str(e["experiment_id"]), name=str(e.get("name") or ""),
                                runs=count, last_run=last)
                     for e, (count, last) in zip(found, counts, strict=True)
                     if not (str(e["experiment_id"]) == DEFAULT_EXPERIMENT and count == 0)],
        next=cursor.encode(answer.get("next_page_token")))


async def _count(rest: MlflowRest, experiment_id: str) -> tuple[int | None, str | None]:
    """How many runs (None above ``COUNT_LIMIT``) and when the last one started."""
    answer = await rest.post("runs/search", {
        "experiment_ids": [experiment_id], "max_results": COUNT_LIMIT,
        "order_by": ["attributes.start_time DESC"], "run_view_type": "ACTIVE_ONLY"})
    runs = answer.get("runs") or []
    last = sheet.iso_ms((runs[0].get("info") or {}).get("start_time")) if runs else None
    return (None if answer.get("next_page_token") else len(runs)), last


async def runs(rest: MlflowRest, experiment_id: str, *, filter_: str | None,
               order_by: str | None, next_: str | None, page_size: int) -> RunList:
    known, answer = await asyncio.gather(
        _experiment(rest, experiment_id),
        _search(rest, experiment_id, filter_, order_by, next_, page_size),
        return_exceptions=True)
    for outcome in (known, answer):
        if isinstance(outcome, BaseException):
            raise outcome
    rows = [sheet.run_of(r) for r in answer.get("runs") or []]  # type: ignore[union-attr]
    params, metrics = sheet.names(rows)
    return RunList(runs=rows, params=params, metrics=metrics,
                   next=cursor.encode(answer.get("next_page_token")))  # type: ignore[union-attr]


async def _experiment(rest: MlflowRest, experiment_id: str) -> dict[str, Any]:
    try:
        return await rest.get("experiments/get", {"experiment_id": experiment_id})
    except DSWSError as error:
        if missing(error) or bad_request(error):
            raise NotFound(f"No experiment with id {echo(experiment_id, 40)} on this tracking "
                           "server.") from None
        raise


async def _search(rest: MlflowRest, experiment_id: str, filter_: str | None,
                  order_by: str | None, next_: str | None, page_size: int) -> dict[str, Any]:
    try:
        return await rest.post("runs/search", {
            "experiment_ids": [experiment_id], "filter": filter_ or None,
            "order_by": [order_by] if order_by else ["attributes.start_time DESC"],
            "max_results": page_size, "page_token": cursor.decode(next_),
            "run_view_type": "ACTIVE_ONLY"})
    except DSWSError as error:
        if bad_request(error):
            what = "filter" if filter_ else "order"
            raise InvalidInput(
                f"MLflow refused the {what}: {error.message} Examples: "
                + "; ".join(FILTER_EXAMPLES) + ".", code="bad_filter") from None
        raise


async def raw_run(rest: MlflowRest, run_id: str) -> dict[str, Any]:
    try:
        answer = await rest.get("runs/get", {"run_id": run_id})
    except DSWSError as error:
        if missing(error) or bad_request(error):
            raise NotFound(f"No run with id {echo(run_id, 64)} on this tracking server.") \
                from None
        raise
    return answer.get("run") or {}


async def artifacts(rest: MlflowRest, run_id: str, path: str | None = None) -> list[str]:
    """The run's artifact paths under ``path`` (folders end with /); [] when the tracking
    server cannot list them (its artifact store out of its reach)."""
    try:
        answer = await rest.get("artifacts/list", {"run_id": run_id, "path": path})
    except DSWSError as error:
        if missing(error) or bad_request(error) or error.status >= 500:
            return []
        raise
    return [f"{f['path']}/" if f.get("is_dir") else str(f["path"])
            for f in answer.get("files") or [] if f.get("path")]


async def run_detail(rest: MlflowRest, run_id: str) -> RunDetail:
    raw = await raw_run(rest, run_id)
    row = sheet.run_of(raw)
    files = await artifacts(rest, run_id)
    return RunDetail(**row.model_dump(), metric_steps=sheet.last_steps(raw), artifacts=files,
                     artifact_uri=(raw.get("info") or {}).get("artifact_uri"))


async def some_runs(rest: MlflowRest, run_ids: list[str]) -> list[Run]:
    """The runs ``run_ids``, in that order: two MLflow calls when they share an experiment
    (the first run, then one search for the rest in its experiment), one more per run
    found elsewhere."""
    first = await raw_run(rest, run_ids[0])
    found = {run_ids[0]: first}
    experiment_id = str((first.get("info") or {}).get("experiment_id") or "")
    rest_ids = run_ids[1:]
    if experiment_id and rest_ids:
        try:
            answer = await rest.post("runs/search", {
                "experiment_ids": [experiment_id], "filter": _run_ids_filter(rest_ids),
                "max_results": len(rest_ids), "run_view_type": "ALL"})
        except DSWSError as error:
            if not bad_request(error):  # an id MLflow cannot parse: each is read below
                raise
            answer = {}
        for raw in answer.get("runs") or []:
            found[str((raw.get("info") or {}).get("run_id"))] = raw
    missing_ids = [run_id for run_id in run_ids if run_id not in found]
    for run_id, raw in zip(missing_ids, await gather_bounded(
            [raw_run(rest, run_id) for run_id in missing_ids]), strict=True):
        found[run_id] = raw
    return [sheet.run_of(found[run_id]) for run_id in run_ids]


def _run_ids_filter(run_ids: list[str]) -> str:
    quoted = ", ".join("'" + run_id.replace("\\", "\\\\").replace("'", "\\'") + "'"
                       for run_id in run_ids)
    return f"attributes.run_id IN ({quoted})"
