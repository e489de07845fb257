"""The Experiments routes against a real MLflow server and moto's Model Registry."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from helpers import body, error_of

from jupyter_dsws.experiments import histories


def team(mlflow: Any, unique: str, runs: int = 4) -> tuple[str, list[str]]:
    """An experiment of ``runs`` runs: accuracy rises and loss falls with the run number."""
    experiment = mlflow.experiment(f"churn-{unique}")
    ids = [mlflow.run(experiment, f"run-{i}",
                      params={"model": "xgboost" if i % 2 else "logreg", "max_depth": i + 2,
                              "seed": 42},
                      metrics={"accuracy": 0.80 + i / 100, "val_loss": 0.5 - i / 100},
                      start_ms=1_760_000_000_000 + i * 60_000,
                      artifacts=["model/MLmodel", "model/model.pkl"] if i == runs - 1 else [])
           for i in range(runs)]
    return experiment, ids


async def test_the_configured_url_is_the_one_server_and_the_default(jp_fetch, mlflow_server):
    answer = body(await jp_fetch("dsws", "experiments", "servers"))
    assert answer["tracking_uri"] == mlflow_server.url
    assert answer["servers"] == [{
        "arn": None, "name": mlflow_server.url.removeprefix("http://"), "kind": "url",
        "status": "Configured", "mlflow_version": None, "default": True,
        "url": mlflow_server.url}]
    assert answer["help"] is None


async def test_experiments_are_listed_searched_and_counted(jp_fetch, mlflow, unique):
    experiment, _ = team(mlflow, unique, runs=3)
    mlflow.experiment(f"other-{unique}")
    found = body(await jp_fetch("dsws", "experiments", "experiments",
                                params={"query": f"CHURN-{unique}"}))["experiments"]
    assert [(e["id"], e["name"], e["runs"]) for e in found] == [(experiment, f"churn-{unique}", 3)]
    assert found[0]["last_run"] == "2025-10-09T08:55:20Z"  # the newest run's start


async def test_the_default_experiment_shows_once_it_has_runs(jp_fetch, mlflow, unique):
    async def listed(**refresh: str) -> list[str]:
        answer = body(await jp_fetch("dsws", "experiments", "experiments",
                                     params={"query": "Default", **refresh}))
        return [e["name"] for e in answer["experiments"]]

    assert await listed() == []
    mlflow.run("0", f"stray-{unique}")
    assert await listed(refresh="true") == ["Default"]  # the panel's Refresh


async def test_experiments_page_with_an_opaque_cursor(jp_fetch, mlflow, unique):
    made = {mlflow.experiment(f"paged-{unique}-{n:02}") for n in range(27)}
    seen: list[str] = []
    cursor = None
    for _ in range(3):
        params = {"query": f"paged-{unique}", **({"next": cursor} if cursor else {})}
        page = body(await jp_fetch("dsws", "experiments", "experiments", params=params))
        seen += [e["id"] for e in page["experiments"]]
        cursor = page["next"]
        if not cursor:
            break
    assert len(seen) == 27 and set(seen) == made


async def test_the_runs_sheet_has_every_param_and_metric_sorted_and_filtered(
        jp_fetch, mlflow, unique):
    experiment, ids = team(mlflow, unique)
    sheet = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs",
                                params={"order_by": "metrics.accuracy DESC"}))
    assert [r["id"] for r in sheet["runs"]] == ids[::-1]
    assert sheet["params"] == ["max_depth", "model", "seed"]
    assert sheet["metrics"] == ["accuracy", "val_loss"]
    assert sheet["directions"] == {"accuracy": "up", "val_loss": "down"}
    first = sheet["runs"][-1]
    assert first["name"] == "run-0" and first["user"] == "hermione"
    assert first["source"] == "train.ipynb" and first["status"] == "FINISHED"
    assert first["params"] == {"model": "logreg", "max_depth": "2", "seed": "42"}
    assert first["metrics"] == {"accuracy": 0.8, "val_loss": 0.5}

    filtered = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs",
                                   params={"filter": "params.model = 'xgboost' and "
                                                     "metrics.accuracy > 0.81"}))
    assert [r["name"] for r in filtered["runs"]] == ["run-3"]


@pytest.mark.parametrize("experiments_config", [{"page_size": 2}], indirect=True)
async def test_runs_page_by_the_configured_size(jp_fetch, mlflow, unique):
    experiment, ids = team(mlflow, unique, runs=5)
    seen, cursor = [], None
    while True:
        page = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs",
                                   params={"next": cursor} if cursor else {}))
        assert len(page["runs"]) <= 2
        seen += [r["id"] for r in page["runs"]]
        cursor = page["next"]
        if not cursor:
            break
    assert seen == ids[::-1]  # newest first


async def test_a_filter_mlflow_refuses_is_a_400_with_mlflows_words(jp_fetch, mlflow, unique):
    experiment, _ = team(mlflow, unique, runs=1)
    code, error = await error_of(jp_fetch("dsws", "experiments", "experiments", experiment, "runs",
                                          params={"filter": "metrics.accuracy >"}))
    assert code == 400 and error["error"] == "bad_filter"
    assert "Invalid clause(s) in filter string" in error["message"]
    assert "metrics.accuracy > 0.9" in error["message"]  # an example at hand


async def test_an_unknown_experiment_or_run_is_a_404(jp_fetch, mlflow_server):
    code, error = await error_of(jp_fetch("dsws", "experiments", "experiments", "987654", "runs"))
    assert code == 404 and "987654" in error["message"]
    code, error = await error_of(jp_fetch("dsws", "experiments", "runs", "0" * 32))
    assert code == 404 and error["error"] == "not_found"


async def test_a_run_shows_its_last_steps_and_artifacts(jp_fetch, mlflow, unique):
    experiment = mlflow.experiment(f"detail-{unique}")
    run = mlflow.run(experiment, "long", histories={"loss": [1 / (i + 1) for i in range(50)]},
                     artifacts=["model/MLmodel", "confusion.png"])
    detail = body(await jp_fetch("dsws", "experiments", "runs", run))
    assert detail["metric_steps"] == {"loss": 49}
    assert sorted(detail["artifacts"]) == ["confusion.png", "model/"]
    assert detail["metrics"]["loss"] == pytest.approx(1 / 50)


async def test_a_long_history_is_cut_to_size_and_its_spike_survives(jp_fetch, mlflow, unique):
    experiment = mlflow.experiment(f"history-{unique}")
    values = [1.0 - i / 5000 for i in range(3000)]
    values[1234] = 9.0  # one bad step
    run = mlflow.run(experiment, "spiky", histories={"loss": values})
    answer = body(await jp_fetch("dsws", "experiments", "runs", run, "metrics", "loss",
                                 params={"max_points": "100"}))
    points = answer["points"]
    assert answer["downsampled"] is True and answer["total"] == 3000
    assert len(points) <= 100
    assert 9.0 in [p["value"] for p in points]
    assert points[0]["step"] == 0 and points[-1]["step"] == 2999
    assert [p["step"] for p in points] == sorted(p["step"] for p in points)

    short = body(await jp_fetch("dsws", "experiments", "runs", run, "metrics", "loss",
                                params={"max_points": "5000"}))
    assert short["downsampled"] is False and len(short["points"]) == 3000

    code, error = await error_of(jp_fetch("dsws", "experiments", "runs", run, "metrics", "auc"))
    assert code == 404 and "loss" in error["message"]


async def test_compare_marks_the_best_and_what_differs(jp_fetch, mlflow, unique):
    _, ids = team(mlflow, unique)
    chosen = ids[:3]
    answer = body(await jp_fetch("dsws", "experiments", "compare",
                                 params=[("run", r) for r in chosen]))
    assert [r["id"] for r in answer["runs"]] == chosen
    assert answer["best"] == {"accuracy": ids[2], "val_loss": ids[2]}
    assert answer["different"] == {"params": ["max_depth", "model"],
                                   "metrics": ["accuracy", "val_loss"]}


async def test_compare_keeps_the_chosen_order_across_experiments(jp_fetch, mlflow, unique):
    _, ids = team(mlflow, unique)
    _, elsewhere = team(mlflow, f"{unique}-b", runs=2)
    chosen = [ids[3], elsewhere[1], ids[0], ids[2]]
    answer = body(await jp_fetch("dsws", "experiments", "compare",
                                 params=[("run", r) for r in chosen]))
    assert [r["id"] for r in answer["runs"]] == chosen
    assert answer["runs"][1]["params"]["max_depth"] == "3"

    code, error = await error_of(jp_fetch("dsws", "experiments", "compare",
                                          params=[("run", ids[0]), ("run", "0" * 32)]))
    assert code == 404 and "0" * 32 in error["message"]


@pytest.mark.parametrize("experiments_config", [{"max_compare": 3}], indirect=True)
async def test_compare_takes_two_to_the_configured_most(jp_fetch, mlflow, unique):
    _, ids = team(mlflow, unique)
    for chosen in (ids[:1], ids):
        code, error = await error_of(jp_fetch("dsws", "experiments", "compare",
                                              params=[("run", r) for r in chosen]))
        assert code == 400 and error["error"] == "bad_compare"
        assert "2 to 3" in error["message"]


async def test_compared_histories_come_in_one_answer(jp_fetch, mlflow, unique):
    experiment = mlflow.experiment(f"overlay-{unique}")
    runs = [mlflow.run(experiment, f"r{n}", histories={"loss": [n + i / 100 for i in range(400)]})
            for n in range(3)]
    answer = body(await jp_fetch("dsws", "experiments", "compare", "metrics", "loss",
                                 params=[("run", r) for r in runs] + [("max_points", "50")]))
    assert [s["run_id"] for s in answer["series"]] == runs
    for n, series in enumerate(answer["series"]):
        assert 0 < len(series["points"]) <= 50
        assert series["points"][0]["value"] == pytest.approx(n)


async def test_compared_histories_are_read_whole_and_keep_their_spikes(
        jp_fetch, mlflow, unique, monkeypatch):
    # MLflow stops a get-history-bulk answer at 25,000 points; a cap of 1,000 here makes it
    # stop short with a few hundred points a run: each run still comes whole, and a run
    # longer than one answer is sampled by MLflow itself.
    monkeypatch.setattr(histories, "PAGE", 1000)
    experiment = mlflow.experiment(f"spikes-{unique}")
    spiky = []
    for n in range(3):
        values = [1.0 - i / 1000 for i in range(400)]
        values[101 + 50 * n] = 5.0 + n  # one bad step each, where no even sample falls
        spiky.append(mlflow.run(experiment, f"spiky-{n}", histories={"loss": values}))
    long = mlflow.run(experiment, "long", histories={"loss": [i / 1500 for i in range(1500)]})
    bare = mlflow.run(experiment, "bare", metrics={"accuracy": 0.9})
    chosen = [long, *spiky, bare]
    answer = body(await jp_fetch("dsws", "experiments", "compare", "metrics", "loss",
                                 params=[("run", r) for r in chosen] + [("max_points", "50")]))
    series = answer["series"]
    assert [s["run_id"] for s in series] == chosen
    for n, one in enumerate(series[1:4]):
        steps = [p["step"] for p in one["points"]]
        assert one["total"] == 400 and one["downsampled"] is True and len(steps) <= 50
        assert 5.0 + n in [p["value"] for p in one["points"]]
        assert steps[0] == 0 and steps[-1] == 399 and steps == sorted(steps)
    sampled = series[0]
    assert sampled["total"] is None and sampled["downsampled"] is True
    assert 0 < len(sampled["points"]) <= 50 and sampled["points"][-1]["step"] == 1499
    assert series[4]["points"] == [] and series[4]["total"] == 0

    whole = body(await jp_fetch("dsws", "experiments", "compare", "metrics", "loss",
                                params=[("run", r) for r in spiky] + [("max_points", "400")]))
    assert [s["total"] for s in whole["series"]] == [400, 400, 400]
    assert not any(s["downsampled"] for s in whole["series"])
    assert [p["step"] for p in whole["series"][2]["points"]] == list(range(400))


async def test_registering_a_run_puts_its_params_and_metrics_in_the_models_panel(
        jp_fetch, mlflow, unique):
    _, ids = team(mlflow, unique)
    best = ids[-1]
    group = f"churn-{unique}"
    made = await jp_fetch("dsws", "experiments", "runs", best, "register", method="POST",
                          body=json.dumps({"group": group}))
    assert made.code == 201
    registration = body(made)
    assert registration["group"] == group and registration["version"] == 1

    versions = body(await jp_fetch("dsws", "registry", "groups", quote(group), "versions"))
    (version,) = versions["versions"]
    assert version["params"]["model"] == "xgboost"
    assert version["params"]["max_depth"] == "5"
    assert version["params"]["mlflow_run_id"] == best
    assert version["metrics"]["accuracy"] == pytest.approx(0.83)

    run = body(await jp_fetch("dsws", "experiments", "runs", best))
    assert [(r["group"], r["version"]) for r in run["registered"]] == [(group, 1)]


async def test_a_run_without_the_model_folder_says_what_it_has(jp_fetch, mlflow, unique):
    experiment = mlflow.experiment(f"nomodel-{unique}")
    run = mlflow.run(experiment, "plain", metrics={"accuracy": 0.9}, artifacts=["plot.png"])
    code, error = await error_of(jp_fetch("dsws", "experiments", "runs", run, "register",
                                          method="POST", body=json.dumps({"group": "g"})))
    assert code == 400 and error["error"] == "no_such_artifact"
    assert "plot.png" in error["message"]


@pytest.mark.parametrize("experiments_config", [{"tracking_uri": "http://127.0.0.1:9"}],
                         indirect=True)
async def test_an_unreachable_tracking_server_is_a_clear_503(jp_fetch):
    code, error = await error_of(jp_fetch("dsws", "experiments", "experiments"))
    assert code == 503 and error["error"] == "endpoint_unreachable"
    assert "127.0.0.1:9" in error["message"]


async def test_a_version_mlflow_registered_itself_shows_its_runs_metrics_in_models(
        jp_fetch, mlflow, unique, s3, sagemaker):
    from jupyter_dsws.registry import register_model

    experiment = mlflow.experiment(f"auto-{unique}")
    run = mlflow.run(experiment, "auto", metrics={"auc": 0.91}, artifacts=["model/MLmodel"])
    artifacts = body(await jp_fetch("dsws", "experiments", "runs", run))["artifact_uri"]
    group = f"auto-{unique}"
    # As SageMaker's automatic registration leaves it: a serving container whose model is
    # in the run's artifacts, and no metrics file.
    register_model(group, f"{artifacts}/model",
                   "123456789012.dkr.ecr.eu-central-1.amazonaws.com/mlflow-inference:3",
                   s3_client=s3,
                   sagemaker_client=sagemaker)
    (version,) = body(await jp_fetch("dsws", "registry", "groups", group,
                                     "versions"))["versions"]
    assert version["metrics"] == {"auc": 0.91}
