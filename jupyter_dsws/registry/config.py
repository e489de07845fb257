"""What an admin can configure about the Models panel (``c.ModelRegistry.<trait>``)."""

from __future__ import annotations

from traitlets import Dict, Float, Int, TraitError, Unicode, validate
from traitlets.config import Configurable

from ..config_bounds import one_or_more, within, zero_or_more


class ModelRegistry(Configurable):
    """The Models panel: page sizes, which way each metric is better, caches, history."""

    page_size = Int(
        25,
        config=True,
        help="Model package groups per page (groups list and Team overview). Default: 25 "
             "groups. Each group on a page costs three SageMaker calls, made concurrently.",
    )

    versions_page_size = Int(
        50,
        config=True,
        help="Versions per page of a group. Default: 50 versions. Each version on a page "
             "costs one DescribeModelPackage and one S3 read of its metrics (cached).",
    )

    list_ttl_seconds = Float(
        30.0,
        config=True,
        help="Seconds the groups list, a group's versions, a version's detail, a "
             "comparison of versions and the Team overview are kept and shared by every tab "
             "and person of this server before SageMaker is asked again (a person's Refresh "
             "and our own approvals and registrations read afresh at once). Longer "
             "saves SageMaker calls; shorter shows others' changes sooner. Default: 30 s. "
             "0 keeps nothing (identical reads in flight are still shared).",
    )

    metric_directions = Dict(
        value_trait=Unicode(),
        default_value={},
        config=True,
        help=(
            "Which way is better for a metric, by name: 'up' or 'down', e.g. "
            "{'ndcg': 'up', 'latency_ms': 'down'}. Merged over the built-in directions "
            "(accuracy, auc, f1, precision, recall, r2, map... up; loss, rmse, mse, mae, mape, "
            "error, log_loss... down); names match case-insensitively and on suffixes "
            "(val_loss, weighted_f1). Default: {} (built-ins only)."
        ),
    )

    metrics_cache_size = Int(
        2000,
        config=True,
        help="Metrics statistics files kept in memory (by S3 URI, revalidated by ETag). "
             "Default: 2000 files. 0 turns the cache off.",
    )

    max_concurrency = Int(
        16,
        config=True,
        help="AWS calls the panel makes at once for one request (describes, S3 reads). "
             "Default: 16 calls.",
    )

    history_fallback_uri = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "S3 prefix (s3://bucket/prefix) for the approval history of versions that have "
            "neither a metrics statistics file nor model data in S3; the history goes to "
            "<prefix>/<group>/<version>/approval-history.json. Default: None: such a "
            "version's approval is refused (409) rather than made without history."
        ),
    )

    @validate("metric_directions")
    def _validate_directions(self, proposal: dict) -> dict[str, str]:
        wrong = {k: v for k, v in proposal["value"].items() if v not in ("up", "down")}
        if wrong:
            raise TraitError(f"ModelRegistry.metric_directions values must be 'up' or 'down', "
                             f"not {wrong}.")
        return {k.lower(): v for k, v in proposal["value"].items()}

    _page_size = within(1, 100, "page_size", "versions_page_size", why="the API's page limit")
    _zero_or_more = zero_or_more("metrics_cache_size", "list_ttl_seconds")
    _one_or_more = one_or_more("max_concurrency")

    @validate("history_fallback_uri")
    def _validate_fallback(self, proposal: dict) -> str | None:
        value = proposal["value"]
        if value is not None and not value.startswith("s3://"):
            raise TraitError("ModelRegistry.history_fallback_uri must be an s3:// URI.")
        return value.rstrip("/") if value else value
