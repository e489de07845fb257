"""Every example notebook runs top to bottom in the demo (nbclient, the demo's training
kernel, the seeded emulator, a real MLflow): a notebook that errors fails the build. The
CNN's feature preparation runs on the demo's EMR cluster (its Livy, a real Spark: the test
session's one) and, in a second run without a Livy, here with pandas."""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import boto3
import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from spark_world import SPARK_START_TIMEOUT

from jupyter_dsws.examples.catalog import EXAMPLES, notebook_text

# Each notebook takes seconds; its kernel's imports (mlflow, pandas) take the most.
CELL_TIMEOUT = 120
CNN = "restricted_section_cnn.ipynb"
#: The examples whose feature preparation runs on the team's EMR cluster when it answers:
#: their run below gets the demo's Livy, as ``dsws demo`` gives it (a Spark JVM to wait for).
ON_EMR = {CNN}


def run_notebook(name: str, folder: Path, kernel_name: str) -> Any:
    notebook = nbformat.reads(notebook_text(name), as_version=4)
    # The kernel talks over socket files, not TCP ports: this kernel takes seconds to bind
    # (its environment's imports), long enough for another test's process to take a port
    # picked for it ("Address already in use", once in CI). A short folder: a socket's path
    # has a limit of 107 characters.
    with tempfile.TemporaryDirectory(prefix="dsws-k-") as sockets:
        kernel = KernelManager(kernel_name=kernel_name, transport="ipc",
                               ip=str(Path(sockets) / "k"))
        NotebookClient(notebook, km=kernel, timeout=CELL_TIMEOUT,
                       resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def mlflow_runs(url: str, experiment: str) -> list[dict[str, Any]]:
    def post(path: str, payload: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(f"{url}/api/2.0/mlflow/{path}",  # noqa: S310
                                         data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (local)
            return json.loads(answer.read())

    found = post("experiments/search", {"max_results": 100,
                                       "filter": f"name = '{experiment}'"}).get("experiments")
    if not found:
        return []
    return post("runs/search", {"experiment_ids": [found[0]["experiment_id"]],
                                "max_results": 1000}).get("runs", [])


def shown(notebook: Any) -> str:
    """Everything the notebook printed and showed as text, in order."""
    return "".join(
        output.get("text", "") if output["output_type"] == "stream"
        else str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells for output in cell.get("outputs", []))


def map_team_spark(world: Any, url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The kernel's DSWS_LIVY_ENDPOINTS, as ``dsws demo`` sets it, with team-spark at
    ``url``; returns team-spark's cluster id."""
    cluster = world.seeded.emr.clusters["team-spark"]
    monkeypatch.setenv("DSWS_LIVY_ENDPOINTS", json.dumps({cluster: url}))
    return str(cluster)


def assert_training_used_the_pixel_stats(world: Any, folder: Path, printed: str) -> None:
    """pixel_stats.csv holds the statistics of the seeded requests (checked here on the
    signed-slip pixel, from the data itself), and the CPU check standardised by it."""
    s3 = boto3.client("s3", region_name="eu-central-1", endpoint_url=world.endpoint_url)
    body = s3.get_object(Bucket=world.seeded.data_bucket,
                         Key="access-to-restricted-section-in-hogwarts-library/train.csv")
    requests = list(csv.DictReader(io.StringIO(body["Body"].read().decode())))
    with (folder / "restricted_section" / "data" / "pixel_stats.csv").open() as file:
        stats = list(csv.DictReader(file))
    assert list(stats[0]) == ["pixel", "requests", "mean", "std", "mean_granted",
                              "mean_refused"]
    assert len(stats) == 18 and {row["requests"] for row in stats} == {str(len(requests))}
    slip = {k: float(v) for k, v in next(r for r in stats if r["pixel"] == "signed_slip")
            .items() if k != "pixel"}

    def share(rows: list[dict[str, str]]) -> float:
        return sum(row["signed_slip"] == "yes" for row in rows) / len(rows)

    everyone = share(requests)
    assert math.isclose(slip["mean"], everyone)
    assert math.isclose(slip["std"], math.sqrt(everyone * (1 - everyone)))
    assert math.isclose(slip["mean_granted"], share([r for r in requests
                                                     if r["granted"] == "yes"]))
    assert math.isclose(slip["mean_refused"], share([r for r in requests
                                                     if r["granted"] != "yes"]))
    assert "pixels standardised by pixel_stats.csv (18 pixels)" in printed


def registry_versions(world: Any, group: str) -> list[dict[str, Any]]:
    sagemaker = boto3.client("sagemaker", region_name="eu-central-1",
                             endpoint_url=world.endpoint_url)
    return sagemaker.list_model_packages(ModelPackageGroupName=group)["ModelPackageSummaryList"]


def history(url: str, run_id: str, key: str) -> list[dict[str, Any]]:
    query = urllib.parse.urlencode({"run_id": run_id, "metric_key": key})
    with urllib.request.urlopen(  # noqa: S310 (the local MLflow)
            f"{url}/api/2.0/mlflow/metrics/get-history?{query}", timeout=30) as answer:
        return json.loads(answer.read()).get("metrics", [])


@pytest.mark.timeout(300)
@pytest.mark.parametrize("example", [
    pytest.param(e, marks=pytest.mark.timeout(600)) if e.name in ON_EMR else e
    for e in EXAMPLES], ids=lambda e: e.name)
def test_the_example_runs_top_to_bottom_in_the_demo(example, demo_world, kernel_name,
                                                     tmp_path, request, monkeypatch):
    if example.name in ON_EMR:
        livy = request.getfixturevalue("livy")
        assert livy.spark.wait_ready(SPARK_START_TIMEOUT), livy.spark.problem
        cluster = map_team_spark(demo_world, livy.url(), monkeypatch)
    before = {r["info"]["run_id"] for r in mlflow_runs(demo_world.mlflow_url, example.group)}
    versions_before = len(registry_versions(demo_world, example.group))

    notebook = run_notebook(example.name, tmp_path, kernel_name)

    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    if example.name in ON_EMR:  # the features came from Spark, through the cluster's Livy
        printed = shown(notebook)
        assert (f"Features prepared on EMR cluster team-spark ({cluster}) by Spark, through "
                f"its Livy at {livy.url()}.") in printed
        assert "No EMR cluster reachable" not in printed
        assert "18 pixels of 40 requests, Spark " in printed  # the statement's own output
        assert_training_used_the_pixel_stats(demo_world, tmp_path, printed)
    # Its runs are in the team's experiment, with their params and a metric per step.
    new = [r for r in mlflow_runs(demo_world.mlflow_url, example.group)
           if r["info"]["run_id"] not in before]
    assert new
    assert all(r["data"].get("params") for r in new)
    curves = [history(demo_world.mlflow_url, r["info"]["run_id"], key)
              for r in new for key in example.step_metrics]
    assert max(len(points) for points in curves) >= 3
    if example.gpu:  # the job, as AWS would receive it, on the recommended GPU instance
        sagemaker = boto3.client("sagemaker", region_name="eu-central-1",
                                 endpoint_url=demo_world.endpoint_url)
        jobs = sagemaker.list_training_jobs(SortBy="CreationTime", SortOrder="Descending")
        job = sagemaker.describe_training_job(
            TrainingJobName=jobs["TrainingJobSummaries"][0]["TrainingJobName"])
        assert job["ResourceConfig"]["InstanceType"] == "ml.g4dn.xlarge"
        assert json.loads(job["HyperParameters"]["sagemaker_program"]) == "train.py"
    registered = len(registry_versions(demo_world, example.group)) - versions_before
    assert registered == (1 if example.registers else 0)


@pytest.mark.timeout(300)
def test_without_a_livy_the_cnn_prepares_its_features_here_and_says_so_in_one_line(
        demo_world, kernel_name, tmp_path, monkeypatch, closed_port_url):
    """team-spark is listed by EMR but its Livy does not answer (not started): one line
    says so, pandas computes the same statistics, and the notebook runs to its end."""
    map_team_spark(demo_world, closed_port_url, monkeypatch)

    notebook = run_notebook(CNN, tmp_path, kernel_name)

    assert not [o for c in notebook.cells for o in c.get("outputs", [])
                if o.get("output_type") == "error"]
    printed = shown(notebook)
    said = [line for line in printed.splitlines() if "EMR" in line]
    assert len(said) == 1, said
    assert said[0].startswith(f"No EMR cluster reachable (its Livy at {closed_port_url} does "
                              "not answer ("), said
    assert said[0].endswith("): the features are prepared here with pandas."), said
    assert_training_used_the_pixel_stats(demo_world, tmp_path, printed)
