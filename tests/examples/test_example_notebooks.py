"""Every example notebook runs top to bottom in the demo (nbclient, the demo's training
kernel, the seeded emulator, a real MLflow): a notebook that errors fails the build."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import boto3
import nbformat
import pytest
from nbclient import NotebookClient

from jupyter_dsws.examples.catalog import EXAMPLES, notebook_text

# Each notebook takes seconds; its kernel's imports (mlflow, pandas) take the most.
CELL_TIMEOUT = 120


def run_notebook(name: str, folder: Path, kernel_name: str) -> Any:
    notebook = nbformat.reads(notebook_text(name), as_version=4)
    NotebookClient(notebook, kernel_name=kernel_name, timeout=CELL_TIMEOUT,
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
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_the_example_runs_top_to_bottom_in_the_demo(example, demo_world, kernel_name,
                                                     tmp_path):
    before = {r["info"]["run_id"] for r in mlflow_runs(demo_world.mlflow_url, example.group)}
    versions_before = len(registry_versions(demo_world, example.group))

    notebook = run_notebook(example.name, tmp_path, kernel_name)

    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
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
