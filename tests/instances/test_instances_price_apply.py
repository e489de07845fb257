"""Prices read by the background refresh are applied on the event loop: that reads no file
(the shipped catalog is read once, at start) and each refresh starts from the shipped
prices, so a type the newest read left out is back at its shipped price."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import body

from jupyter_dsws.instances.catalog import load_bundled


async def test_applying_prices_reads_no_file_and_starts_from_the_shipped_ones(
        jp_fetch: Any, extension: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = load_bundled().price("eu-central-1", "ml.t3.medium").per_hour
    feature = extension.features["instances"]

    def no_file() -> None:
        raise AssertionError("catalog.json read again, on the event loop")

    monkeypatch.setattr("jupyter_dsws.instances.feature.load_bundled", no_file)
    feature.apply_prices({"eu-central-1": {"ml.t3.medium": 0.07}}, "2026-11-26")
    feature.apply_prices({"eu-central-1": {"ml.m5.large": 0.2}}, "2026-11-27")
    catalog = body(await jp_fetch("dsws", "instances"))
    prices = {i["type"]: i["price_per_hour"] for i in catalog["instances"]}
    assert (catalog["source"], catalog["as_of"]) == ("pricing-api", "2026-11-27")
    assert (prices["ml.m5.large"], prices["ml.t3.medium"]) == (0.2, shipped)
