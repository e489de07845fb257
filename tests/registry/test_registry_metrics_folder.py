"""Two versions registered from one model location keep their own metrics and history.

A notebook that always writes ``…/model.tar.gz`` registers every version from the same
model data URL: by default each registration must get a metrics folder of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from helpers import body

from jupyter_dsws.demo.seed import SeedResult
from jupyter_dsws.registry import register_model
from jupyter_dsws.registry.register import default_metrics_uri

GROUP = "same-model-location"


def test_the_default_metrics_uri_is_a_dated_folder_beside_the_model_data() -> None:
    when = datetime(2026, 11, 25, 14, 30, 12, tzinfo=UTC)
    first = default_metrics_uri("s3://b/churn/model.tar.gz", when)
    second = default_metrics_uri("s3://b/churn/model.tar.gz", when)
    pattern = r"s3://b/churn/dsws-metrics/20261125T143012Z-[0-9a-f]{8}/statistics\.json"
    assert re.fullmatch(pattern, first) and re.fullmatch(pattern, second)
    assert first != second  # the same second, still two folders


async def test_versions_from_one_model_location_keep_their_own_metrics_and_history(
        jp_fetch: Callable[..., Any], world: SeedResult, aws: Callable[[str], Any],
        bucket: str) -> None:
    sagemaker, s3 = aws("sagemaker"), aws("s3")
    data_url = f"s3://{bucket}/{GROUP}/latest/model.tar.gz"
    registered = [register_model(GROUP, data_url, "img:1", metrics={"auc": auc},
                                 sagemaker_client=sagemaker, s3_client=s3)
                  for auc in (0.71, 0.93)]
    assert registered[0]["metrics_uri"] != registered[1]["metrics_uri"]
    for entry in registered:
        assert entry["metrics_uri"].startswith(f"s3://{bucket}/{GROUP}/latest/dsws-metrics/")

    def detail(version: int) -> Any:
        return jp_fetch("dsws", "registry", "groups", GROUP, "versions", str(version))

    first, second = [body(await detail(v)) for v in (1, 2)]
    assert (first["metrics"]["auc"], second["metrics"]["auc"]) == (0.71, 0.93)

    # Approving the first version leaves the second one's history empty.
    await jp_fetch("dsws", "registry", "groups", GROUP, "versions", "1", method="PATCH",
                   body=json.dumps({"status": "Approved", "comment": "Good enough."}))
    first, second = [body(await detail(v)) for v in (1, 2)]
    assert [e["to"] for e in first["approval_history"]] == ["Approved"]
    assert second["approval_history"] == []
