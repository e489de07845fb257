"""The shipped catalog (every price sourced or marked as an estimate with its rule) and the
background refresh from the AWS Price List API (botocore's Stubber: moto has no Pricing)."""

from __future__ import annotations

import json
import logging

import pytest
from botocore.stub import Stubber
from helpers import wait_for

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.instances.catalog import BUNDLED, PRICING_API, load_bundled
from jupyter_dsws.instances.pricing import PriceRefresher, parse_price_list

FAMILIES = {"t3", "m5", "m6i", "c5", "c6i", "r5", "g4dn", "g5", "g6", "p3"}
REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1"}


def test_the_catalog_has_every_family_and_region_with_specs():
    catalog = load_bundled()
    assert {t.family for t in catalog.types} == FAMILIES
    assert set(catalog.regions) == REGIONS
    g4dn = catalog.find("ml.g4dn.xlarge")
    assert (g4dn.vcpu, g4dn.memory_gib, g4dn.gpus, g4dn.gpu_model, g4dn.gpu_memory_gib) == (
        4, 16, 1, "NVIDIA T4", 16)
    assert catalog.find("ml.g5.12xlarge").gpu_memory_gib == 96
    assert catalog.find("ml.t3.medium").memory_gib == 4


def test_each_price_names_its_source_or_is_an_estimate_with_its_rule():
    catalog = load_bundled()
    read = catalog.price("us-east-1", "ml.g4dn.xlarge")
    assert (read.per_hour, read.estimated) == (0.7364, False)
    assert read.note.startswith("Read in ")
    for region in catalog.regions:
        for spec in catalog.types:
            price = catalog.price(region, spec.type)
            assert price.note, (region, spec.type)
            if price.estimated:
                assert price.note.startswith("Estimate: ")
    derived = catalog.price("eu-central-1", "ml.g4dn.xlarge")
    assert derived.estimated and "ratio" in derived.note
    assert derived.per_hour == pytest.approx(0.7364 * 1.251, rel=0.01)


def test_the_free_tier_is_part_of_the_data():
    tier = load_bundled().free_tier
    assert (tier.type, tier.hours_per_month, tier.months) == ("ml.t3.medium", 250, 2)


def product(name: str, usd: str, unit: str = "Hrs") -> str:
    return json.dumps({
        "product": {"attributes": {"instanceName": name, "platoinstancetype": "Studio-JupyterLab",
                                   "regionCode": "us-east-1"}},
        "terms": {"OnDemand": {"X.Y": {"priceDimensions": {"X.Y.Z": {
            "unit": unit, "pricePerUnit": {"USD": usd}}}}}},
    })


def test_parsing_keeps_hourly_on_demand_rates_and_skips_the_rest():
    rates = parse_price_list([product("ml.t3.medium", "0.0500000000"),
                              product("ml.m5.large", "0.0000000000"),  # free-tier row
                              product("ml.g4dn.xlarge", "0.7360000000"), "not json",
                              product("db.t3.medium", "0.1")])
    assert rates == {"ml.t3.medium": 0.05, "ml.g4dn.xlarge": 0.736}


def filters(region: str) -> list[dict]:
    return [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": region},
            {"Type": "TERM_MATCH", "Field": "platoinstancetype", "Value": "Studio-JupyterLab"}]


@pytest.fixture
def pricing_aws(fake_aws):
    aws = AwsAccess(region="us-east-1", connect_timeout=1, read_timeout=1, max_attempts=1)
    yield aws
    aws.close()


async def test_a_refresh_reads_every_page_and_lays_the_prices_over_the_bundled_ones(pricing_aws):
    applied = {}
    refresher = PriceRefresher(pricing_aws, ["us-east-1", "eu-west-1"], interval_seconds=86400,
                               on_prices=lambda read, as_of: applied.update(read=read, as_of=as_of))
    client = pricing_aws.client("pricing")
    # Stubber checks each request against botocore's real Pricing model (enums are not
    # checked: the exact parameters are asserted).
    with Stubber(client) as stub:
        base = {"ServiceCode": "AmazonSageMaker", "FormatVersion": "aws_v1", "MaxResults": 100}
        stub.add_response("get_products", {"PriceList": [product("ml.t3.medium", "0.06")],
                                           "NextToken": "page-2", "FormatVersion": "aws_v1"},
                          {**base, "Filters": filters("us-east-1")})
        stub.add_response("get_products", {"PriceList": [product("ml.g4dn.xlarge", "0.8")]},
                          {**base, "Filters": filters("us-east-1"), "NextToken": "page-2"})
        stub.add_response("get_products", {"PriceList": []},
                          {**base, "Filters": filters("eu-west-1")})
        assert await refresher.refresh_once() is True
        stub.assert_no_pending_responses()
    assert applied["read"] == {"us-east-1": {"ml.t3.medium": 0.06, "ml.g4dn.xlarge": 0.8}}

    catalog = load_bundled().with_prices(applied["read"], applied["as_of"])
    assert catalog.source == PRICING_API
    assert catalog.price("us-east-1", "ml.t3.medium").per_hour == 0.06
    assert not catalog.price("us-east-1", "ml.t3.medium").estimated
    # A type the API did not price keeps its shipped price and note.
    assert catalog.price("us-east-1", "ml.m5.large") == load_bundled().price("us-east-1",
                                                                               "ml.m5.large")


async def test_an_unreachable_price_list_keeps_the_bundled_prices_and_logs_once(caplog):
    aws = AwsAccess(region="us-east-1", endpoint_url="http://127.0.0.1:9", connect_timeout=0.5,
                    read_timeout=0.5, max_attempts=1)
    applied = []
    refresher = PriceRefresher(aws, ["us-east-1"], interval_seconds=86400,
                               on_prices=lambda read, as_of: applied.append(read))
    try:
        with caplog.at_level(logging.DEBUG, logger="jupyter_dsws.instances.pricing"):
            assert await refresher.refresh_once() is False
            assert await refresher.refresh_once() is False
    finally:
        aws.close()
    assert applied == []
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING
                and r.name == "jupyter_dsws.instances.pricing"]
    assert len(warnings) == 1 and "pricing.api" in warnings[0].getMessage()
    assert load_bundled().source == BUNDLED



async def test_after_a_restart_the_kept_prices_apply_and_the_next_ask_waits(tmp_path):
    from datetime import datetime, timedelta, timezone

    from jupyter_dsws.instances.pricing import load_cache, save_cache

    now = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    cache = tmp_path / "instance-prices.json"
    save_cache(cache, {"attempted": (now - timedelta(hours=1)).isoformat(), "as_of": "2026-11-25",
                       "prices": {"us-east-1": {"ml.t3.medium": 0.06}}})
    applied = []
    aws = AwsAccess(region="us-east-1", endpoint_url="http://127.0.0.1:9", connect_timeout=0.5,
                    read_timeout=0.5, max_attempts=1)
    refresher = PriceRefresher(aws, ["us-east-1"], interval_seconds=86400, clock=lambda: now,
                               on_prices=lambda read, as_of: applied.append((read, as_of)),
                               cache_path=cache)
    try:
        assert await refresher.restore() == 23 * 3600
        assert applied == [({"us-east-1": {"ml.t3.medium": 0.06}}, "2026-11-25")]
        assert await refresher.refresh_once() is False
    finally:
        aws.close()
    kept = load_cache(cache)
    assert kept["attempted"] == now.isoformat()
    assert kept["prices"] == {"us-east-1": {"ml.t3.medium": 0.06}}  # a failure keeps them


async def test_the_first_refresh_waits_so_the_server_starts_without_it():
    # Two refreshers started together: once the one without a first delay has asked (and
    # failed: nothing listens), the one with a minute's delay still has not.
    aws = AwsAccess(region="us-east-1", endpoint_url="http://127.0.0.1:9", connect_timeout=0.5,
                    read_timeout=0.5, max_attempts=1)
    waits, asks = (PriceRefresher(aws, ["us-east-1"], interval_seconds=86400,
                                  on_prices=lambda read, as_of: None,
                                  first_delay_seconds=delay) for delay in (60.0, 0.0))
    waits.start()
    asks.start()
    try:
        await wait_for(lambda: asks.last_attempt is not None, what="the first refresh")
        assert waits.last_attempt is None
    finally:
        await waits.stop()
        await asks.stop()
        aws.close()
