"""The demo team's training runs, logged to MLflow as their notebooks would log them.

Run by ``dsws demo`` with the MLflow venv's Python (it has mlflow, scikit-learn and numpy):

    python train_runs.py PLAN.json

PLAN.json lists one experiment per model of the team's inventory, with the versions the
Model Registry already holds (their params and metrics). For each experiment the script
logs the exploration that led there: for the CPU models real, small fits (a gradient
boosted classifier for the Sorting Hat, an autoregressive forecast for the owls); for the
GPU models the values and curves such a training logs. The runs that became registered
versions carry exactly those versions' params and metrics, a logged model, and the
``dsws.registered`` tag the Experiments panel writes when it registers a run.

MLFLOW_TRACKING_URI says where to log; AWS_ENDPOINT_URL sends the artifacts to the
emulator's S3. Nothing here reaches the internet.
"""

from __future__ import annotations

import json
import math
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import mlflow
import numpy as np
from mlflow.entities import Metric

START = time.time() - 30 * 24 * 3600  # a month of work, ending today


def main(plan_path: str) -> None:
    plan = json.loads(Path(plan_path).read_text())
    client = mlflow.MlflowClient()
    for number, experiment in enumerate(plan["experiments"]):
        experiment["id"] = mlflow.set_experiment(experiment["name"]).experiment_id
        rng = random.Random(number)  # noqa: S311 (made-up training runs, repeatable)
        train = TRAINERS[experiment["model"]]
        runs = experiment["runs"]
        # The registered versions' runs, spread over the month in version order.
        versions = experiment["versions"]
        registered = {(i + 1) * runs // (len(versions) + 1): v for i, v in enumerate(versions)}
        # Those first (each run has its own start time, so the sheet's order is the month's):
        # a person who opens the demo at once finds the registered runs finished.
        for index in sorted(range(runs), key=lambda i: i not in registered):
            when = START + (index / runs) * 29 * 24 * 3600 + rng.uniform(0, 3600)
            version = registered.get(index)
            train(client, experiment, index, rng, when, version)
        print(f"logged {runs} runs of {experiment['name']}", flush=True)


def _run(client: Any, experiment: dict[str, Any], name: str, when: float, **tags: str) -> Any:
    """A run that started at ``when``, as the notebook started it (the active run)."""
    made = client.create_run(experiment["id"], start_time=int(when * 1000), run_name=name, tags={
        "mlflow.user": experiment["user"], "mlflow.source.name": experiment["notebook"],
        "mlflow.source.type": "NOTEBOOK", "team": "hogwarts-ml", **tags})
    return mlflow.start_run(run_id=made.info.run_id)


def _finish(client: Any, run: Any, version: dict[str, Any] | None, when: float,
            minutes: float) -> None:
    if version is not None:
        model_dir = Path(tempfile.mkdtemp(prefix="dsws-demo-model-"))
        (model_dir / "MLmodel").write_text(
            f"artifact_path: model\nrun_id: {run.info.run_id}\nflavors:\n  python_function:\n"
            f"    loader_module: mlflow.pyfunc.model\n")
        (model_dir / "model.pkl").write_bytes(b"demo model weights")
        mlflow.log_artifacts(str(model_dir), artifact_path="model")
        mlflow.set_tag("dsws.registered", json.dumps(
            [{"group": version["group"], "version": version["version"]}]))
    mlflow.end_run()
    client.set_terminated(run.info.run_id, "FINISHED", end_time=int((when + minutes * 60) * 1000))


def _curve(client: Any, run_id: str, key: str, values: list[float], when: float) -> None:
    step_ms = 1000
    metrics = [Metric(key, float(v), int(when * 1000) + i * step_ms, i)
               for i, v in enumerate(values)]
    for at in range(0, len(metrics), 1000):
        client.log_batch(run_id, metrics=metrics[at:at + 1000], synchronous=True)


# --- the Sorting Hat: a real gradient boosted classifier on a small four-house dataset -------

def train_sorting_hat(client: Any, experiment: dict[str, Any], index: int,
                      rng: random.Random, when: float, version: dict[str, Any] | None) -> None:
    from sklearn.datasets import make_classification
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import train_test_split

    x, y = make_classification(n_samples=1200, n_features=12, n_informative=8, n_classes=4,
                               class_sep=0.9, random_state=7)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=7)
    params = version["params"] if version else {
        "objective": "multi:softprob", "num_class": "4",
        "max_depth": str(rng.choice([2, 3, 4, 5, 6, 8])),
        "eta": str(rng.choice([0.3, 0.2, 0.1, 0.05])),
        "num_round": str(rng.choice([25, 50, 100, 200])),
        **({"subsample": "0.8"} if rng.random() < 0.3 else {})}
    model = HistGradientBoostingClassifier(
        max_depth=int(params["max_depth"]), learning_rate=float(params["eta"]),
        max_iter=int(params["num_round"]), early_stopping=True, scoring="loss",
        validation_fraction=0.2, n_iter_no_change=1000, random_state=index)
    run = _run(client, experiment, f"sorting-hat-{index:02}", when)
    mlflow.log_params(params)
    model.fit(x_train, y_train)
    predicted = model.predict(x_test)
    metrics = version["metrics"] if version else {
        "accuracy": round(accuracy_score(y_test, predicted), 4),
        "weighted_f1": round(f1_score(y_test, predicted, average="weighted"), 4)}
    mlflow.log_metrics(metrics)
    _curve(client, run.info.run_id, "train_loss", [-s for s in model.train_score_], when)
    _curve(client, run.info.run_id, "val_loss", [-s for s in model.validation_score_], when)
    _finish(client, run, version, when, minutes=3)


# --- the owls: a real autoregressive forecast of monthly letters ----------------------------

def _owl_series(rng: random.Random) -> np.ndarray:
    months = np.arange(120)
    season = 40 * np.exp(-((months % 12 - 6) ** 2) / 3)  # the July peak of school letters
    return 100 + months * 0.4 + season + np.array([rng.gauss(0, 3) for _ in months])


def forecast_owls(client: Any, experiment: dict[str, Any], index: int, rng: random.Random,
                  when: float, version: dict[str, Any] | None) -> None:
    params = version["params"] if version else {
        "p": str(rng.choice([1, 2, 3, 4])), "d": str(rng.choice([0, 1])),
        "q": str(rng.choice([0, 1, 2])), "trend": rng.choice(["c", "n"]),
        **({"seasonal_period": "12"} if rng.random() < 0.4 else {})}
    series = _owl_series(random.Random(1))  # noqa: S311
    p, d = int(params["p"]), int(params["d"])
    lag = int(params.get("seasonal_period", 0))
    values = np.diff(series, n=d) if d else series
    start = max(p, lag)
    rows = [[*(values[t - k] for k in range(1, p + 1)), *([values[t - lag]] if lag else []),
             1.0] for t in range(start, len(values))]
    design, target = np.array(rows), values[start:]
    split = len(target) - 24
    coef, *_ = np.linalg.lstsq(design[:split], target[:split], rcond=None)
    predicted = design[split:] @ coef
    errors = predicted - target[split:]
    run = _run(client, experiment, f"owls-{index:02}", when)
    mlflow.log_params(params)
    metrics = version["metrics"] if version else {
        "mae": round(float(np.mean(np.abs(errors))), 3),
        "rmse": round(float(np.sqrt(np.mean(errors ** 2))), 3),
        "r2": round(float(1 - np.sum(errors ** 2)
                          / np.sum((target[split:] - target[split:].mean()) ** 2)), 3)}
    mlflow.log_metrics(metrics)
    _curve(client, run.info.run_id, "abs_error", list(np.abs(errors)), when)
    _finish(client, run, version, when, minutes=1)


# --- the GPU models: what their trainings log, epoch by epoch ------------------------------

def _decay(rng: random.Random, steps: int, start: float, end: float,
           noise: float) -> list[float]:
    rate = rng.uniform(3, 6)
    return [end + (start - end) * math.exp(-rate * i / steps) + rng.gauss(0, noise)
            for i in range(steps)]


def train_summaries(client: Any, experiment: dict[str, Any], index: int,
                    rng: random.Random, when: float, version: dict[str, Any] | None) -> None:
    params = version["params"] if version else {
        "num_layers": str(rng.choice([2, 3, 4])), "hidden_size": str(rng.choice([256, 512])),
        "learning_rate": str(rng.choice([0.001, 0.0005, 0.0001])),
        "epochs": str(rng.choice([10, 15, 20])), "max_summary_tokens": "32",
        **({"dropout": str(rng.choice([0.1, 0.2, 0.3]))} if rng.random() < 0.5 else {})}
    quality = rng.uniform(0.50, 0.63)
    run = _run(client, experiment, f"summaries-{index:02}", when, gpu="ml.g5.xlarge")
    mlflow.log_params(params)
    steps = int(params["epochs"]) * 50
    _curve(client, run.info.run_id, "train_loss", _decay(rng, steps, 4.2, 1.3, 0.05), when)
    _curve(client, run.info.run_id, "val_loss", _decay(rng, steps, 4.3, 1.6, 0.04), when)
    mlflow.log_metrics(version["metrics"] if version else {
        "accuracy": round(quality, 3), "weighted_f1": round(quality - 0.02, 3)})
    _finish(client, run, version, when, minutes=int(params["epochs"]) * 6)


def train_restricted_section(client: Any, experiment: dict[str, Any], index: int,
                             rng: random.Random, when: float,
                             version: dict[str, Any] | None) -> None:
    params = version["params"] if version else {
        "epochs": str(rng.choice([10, 20, 30, 40])), "batch_size": str(rng.choice([32, 64])),
        "learning_rate": str(rng.choice([0.01, 0.001, 0.0005])),
        "optimizer": rng.choice(["sgd", "adam"]),
        **({"augmentation": "true"} if rng.random() < 0.4 else {})}
    accuracy = rng.uniform(0.79, 0.93)
    run = _run(client, experiment, f"restricted-{index:02}", when, gpu="ml.g5.2xlarge")
    mlflow.log_params(params)
    epochs = int(params["epochs"])
    _curve(client, run.info.run_id, "train_loss", _decay(rng, epochs * 20, 0.7, 0.12, 0.02),
           when)
    _curve(client, run.info.run_id, "val_accuracy",
           [1 - v for v in _decay(rng, epochs * 20, 0.5, 1 - accuracy, 0.01)], when)
    precision, recall = accuracy + rng.uniform(-0.05, 0.03), accuracy + rng.uniform(-0.1, 0)
    mlflow.log_metrics(version["metrics"] if version else {
        "accuracy": round(accuracy, 3), "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3),
        "auc": round(min(0.99, accuracy + 0.04), 3)})
    _finish(client, run, version, when, minutes=epochs * 4)


TRAINERS = {"XGBoost": train_sorting_hat, "ARIMA": forecast_owls,
            "Seq2seq": train_summaries, "CNN": train_restricted_section}

if __name__ == "__main__":
    main(sys.argv[1])
