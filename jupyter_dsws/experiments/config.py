"""What an admin can configure about the Experiments panel (``c.Experiments.<trait>``)."""

from __future__ import annotations

import re

from traitlets import Bool, Float, Int, TraitError, Unicode, validate
from traitlets.config import Configurable

from ..config_bounds import within, zero_or_more

#: A SageMaker MLflow tracking server's or MLflow app's ARN.
SERVER_ARN = re.compile(
    r"^arn:aws[a-z-]*:sagemaker:(?P<region>[a-z0-9-]+):\d{12}:"
    r"(?P<kind>mlflow-tracking-server|mlflow-app)/(?P<name>[^/]+)$")


class Experiments(Configurable):
    """The Experiments panel: which MLflow it reads, page sizes, compare limits."""

    tracking_uri = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "The MLflow the panel reads: an http(s):// URL of a plain MLflow server, a SageMaker "
            "MLflow tracking server's ARN (arn:aws:sagemaker:<region>:<account>:"
            "mlflow-tracking-server/<name>) or an MLflow app's ARN (…:mlflow-app/<id>). "
            "Default: None: the Studio domain's default MLflow app, else the account's only "
            "tracking server, else the panel says how to set this."
        ),
    )

    mlflow_endpoint_url = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "Where SageMaker's MLflow data plane answers, for tracking-server and app ARNs. "
            "Default: None: the regional endpoint (https://<region>.experiments.sagemaker.aws "
            "for tracking servers, https://mlflow.sagemaker.<region>.app.aws for apps), or "
            "SAGEMAKER_MLFLOW_CUSTOM_ENDPOINT when set, as the sagemaker-mlflow plugin reads it. "
            "The demo points it at its local MLflow server."
        ),
    )

    page_size = Int(
        100,
        config=True,
        help="Runs per page of the runs sheet (MLflow allows up to 1000). Default: 100 runs.",
    )

    max_compare = Int(
        50,
        config=True,
        help="The most runs one compare takes. Default: 50 runs.",
    )

    inference_image = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "The serving container image (an ECR URI) a version registered from a run gets, "
            "e.g. the SageMaker MLflow inference image of the region. Default: None: the "
            "version records where its model is (SourceUri) and gets a container when it is "
            "deployed."
        ),
    )

    kernel_tracking_uri = Bool(
        True,
        config=True,
        help=(
            "Give kernels and terminals the panel's tracking URI as MLFLOW_TRACKING_URI (only "
            "when their environment has none), so that mlflow.start_run() in a notebook logs "
            "to the team's server with no setup; with an ARN the image's sagemaker-mlflow "
            "plugin signs the calls. Kernels started before the URI is known (it is looked "
            "up in SageMaker a few seconds after start when tracking_uri is not set) do not "
            "get it. Default: True."
        ),
    )

    request_timeout = Int(
        10,
        config=True,
        help="Seconds one MLflow REST call may take before the panel says the tracking server "
             "did not answer, within what is left of its panel request's "
             "DSWSExtension.aws_request_deadline. Default: 10 seconds.",
    )

    read_ttl_seconds = Float(
        15.0,
        config=True,
        help=(
            "Seconds the experiments list, a runs sheet's page, a run and a comparison of "
            "runs are kept and shared by every tab and person of this server before MLflow "
            "is asked again (a person's Refresh and a run registered from the panel read "
            "afresh at once). Longer spares the tracking server; shorter shows new runs "
            "sooner. Default: 15 s. 0 keeps nothing (identical reads in flight are still "
            "shared). The metric histories of the charts are not kept."
        ),
    )

    servers_ttl_seconds = Float(
        60.0,
        config=True,
        help=(
            "Seconds the list of SageMaker's MLflow tracking servers and apps (and which one "
            "the panel reads) is kept and shared by every tab and person of this server "
            "before SageMaker is asked again (a person's Refresh asks at once). Longer saves "
            "SageMaker calls; shorter shows a server started or stopped sooner. Default: "
            "60 s. 0 keeps nothing (identical reads in flight are still shared). Not used "
            "when tracking_uri is a URL."
        ),
    )

    _zero_or_more = zero_or_more("read_ttl_seconds", "servers_ttl_seconds")
    _page_size = within(1, 1000, "page_size", why="runs, MLflow's limit")
    _max_compare = within(2, 100, "max_compare", why="runs")

    @validate("tracking_uri")
    def _validate_tracking_uri(self, proposal: dict) -> str | None:
        value = (proposal["value"] or "").strip()
        if not value:
            return None
        if not (value.startswith(("http://", "https://")) or SERVER_ARN.match(value)):
            raise TraitError(
                "Experiments.tracking_uri must be an http(s):// URL, a SageMaker MLflow "
                f"tracking server ARN or an MLflow app ARN, not {value[:200]!r}")
        return value
