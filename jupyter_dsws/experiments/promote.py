"""Registering a run's logged model into the SageMaker Model Registry.

The new version carries the run's params (CustomerMetadataProperties) and its metrics (a
model quality statistics file beside the run's artifacts, as ``register_model`` writes it),
so the Models panel shows both as columns; its lineage names the run. The run is tagged
``dsws.registered`` with the version, so the runs sheet shows what became of it.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from ..errors import InvalidInput, echo
from ..people import Person
from ..registry.packages import REGISTERED_BY, REGISTERED_BY_NAME
from ..registry.register import register_model
from . import sheet
from .mlflow_rest import MlflowRest
from .models import RegisterRequest, RunRegistration
from .reading import artifacts, raw_run

log = logging.getLogger(__name__)

#: CustomerMetadataProperties holds at most 50 keys; these are the run's own.
RUN_KEYS = ("mlflow_run_id", "mlflow_experiment_id")
PERSON_KEYS = (REGISTERED_BY, REGISTERED_BY_NAME)
MAX_PARAMS = 50 - len(RUN_KEYS) - len(PERSON_KEYS)
_NOT_ALLOWED = re.compile(r"[^\w\s.:/=+\-@]", re.UNICODE)


def metadata_text(value: str, limit: int) -> str:
    """``value`` as a CustomerMetadataProperties key or value may hold it: letters, digits,
    spaces and ``_.:/=+-@`` only (others become ``_``), at most ``limit`` characters."""
    text = _NOT_ALLOWED.sub("_", value).strip()[:limit]
    return text or "-"


def properties(run_id: str, experiment_id: str, params: dict[str, str],
               person: Person | None = None) -> dict[str, str]:
    """The version's CustomerMetadataProperties: the run's params (the first ``MAX_PARAMS``
    by name), the run's ids, and who registered it (for the record; the Models panel shows
    it and leaves it out of the parameters)."""
    kept = {metadata_text(k, 128): metadata_text(v, 256)
            for k, v in sorted(params.items())[:MAX_PARAMS]}
    kept.update(mlflow_run_id=run_id, mlflow_experiment_id=experiment_id)
    if person is not None:
        kept[REGISTERED_BY] = metadata_text(person.name, 256)
        kept[REGISTERED_BY_NAME] = metadata_text(person.display_name, 256)
    return kept


async def register(rest: MlflowRest, aws: Any, run_id: str, request: RegisterRequest, *,
                   tracking_uri: str | None, image_uri: str | None,
                   person: Person | None = None) -> RunRegistration:
    raw = await raw_run(rest, run_id)
    run = sheet.run_of(raw)
    root = str((raw.get("info") or {}).get("artifact_uri") or "")
    path = request.artifact_path.strip("/")
    if not root.startswith("s3://"):
        raise InvalidInput(
            f"The run's artifacts are at {echo(root or 'no location', 200)}, not in S3: the "
            "Model Registry takes models from S3. Point the tracking server's artifact store "
            "at an S3 bucket.", code="artifacts_not_in_s3")
    parent = path.rpartition("/")[0]
    present = await artifacts(rest, run_id, parent or None)
    if not any(p.rstrip("/") == path for p in present):
        there = ", ".join(present[:20]) or "nothing"
        raise InvalidInput(
            f"Run {run.name} has no artifact {echo(path, 200)}; it has: {echo(there, 600)}. "
            "Choose the folder its model was logged to (mlflow.<flavor>.log_model's "
            "artifact_path or name).", code="no_such_artifact")
    lineage = {"GeneratedBy": f"mlflow:{tracking_uri or ''}#/experiments/"
                              f"{run.experiment_id}/runs/{run.id}"[:1024]}
    model_data = f"{root.rstrip('/')}/{path}"

    def create(sagemaker: Any) -> dict[str, Any]:
        return register_model(
            request.group, model_data, image_uri,
            params=properties(run.id, run.experiment_id, run.params, person),
            metrics=run.metrics or None,
            description=request.description or f"From MLflow run {run.name} ({run.id}).",
            lineage=lineage, sagemaker_client=sagemaker, s3_client=aws.client("s3"))

    made = await aws.run("sagemaker", "create_model_package", create)
    log.info("dsws experiments: run %s registered as %s v%s by %s", run.id, request.group,
             made["version"], person or "unknown")
    done = [r.model_dump() for r in run.registered]
    done.append({"group": request.group, "version": made["version"],
                 "by": person.record() if person is not None else None})
    await rest.post("runs/set-tag", {"run_id": run.id, "key": sheet.REGISTERED_TAG,
                                     "value": json.dumps(done)})
    return RunRegistration(group=request.group, version=made["version"], arn=made["arn"])


# An MLflow run id in a model's S3 location (…/<experiment>/<run id>/artifacts/…) or in the
# lineage this panel writes (…#/experiments/<experiment>/runs/<run id>).
_RUN_IN_PATH = re.compile(r"/([0-9a-f]{32})/artifacts(?:/|$)|/runs/([0-9a-f]{32})$")


def run_of_package(package: dict[str, Any]) -> str | None:
    """The MLflow run a model package version came from, where its locations say so."""
    containers = (package.get("InferenceSpecification") or {}).get("Containers") or []
    places = [package.get("SourceUri"), *(c.get("ModelDataUrl") for c in containers),
              (package.get("MetadataProperties") or {}).get("GeneratedBy")]
    for place in places:
        match = _RUN_IN_PATH.search(str(place or ""))
        if match:
            return match[1] or match[2]
    return None
