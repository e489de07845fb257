"""GET dsws/instances, POST instances/recommend and instances/inventory on a real server;
every answer is checked against docs/openapi.yaml (tests/live_contract.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import body, error_of, wait_for

SEED = (Path(__file__).parents[2] / "jupyter_dsws" / "demo" / "data" / "inventory.csv").read_text()


async def post(jp_fetch, path: str, payload) -> dict:
    return body(await jp_fetch("dsws", "instances", path, method="POST",
                               body=json.dumps(payload)))


async def error(jp_fetch, *path: str, payload=None, **kw) -> tuple[int, dict]:
    if payload is None:
        return await error_of(jp_fetch("dsws", "instances", *path, **kw))
    return await error_of(jp_fetch("dsws", "instances", *path, method="POST",
                                   body=json.dumps(payload)))


async def test_the_catalog_is_for_the_servers_region_by_default(jp_fetch):
    catalog = body(await jp_fetch("dsws", "instances"))
    assert catalog["region"] == "eu-central-1"
    assert catalog["source"] == "bundled"
    assert catalog["idle_timeout_minutes"] == 45.0  # the idle panel's timeout, not a copy
    assert set(catalog["known_regions"]) == {"us-east-1", "us-west-2", "eu-west-1",
                                             "eu-central-1"}
    t3 = next(i for i in catalog["instances"] if i["type"] == "ml.t3.medium")
    assert t3["free_tier"] is True and t3["allowed"] is True
    assert t3["price_estimated"] is True and "Estimate" in t3["price_note"]
    east = body(await jp_fetch("dsws", "instances", params={"region": "us-east-1"}))
    t3 = next(i for i in east["instances"] if i["type"] == "ml.t3.medium")
    assert (t3["price_per_hour"], t3["price_estimated"]) == (0.05, False)


async def test_an_unknown_region_is_a_400_listing_the_known_ones(jp_fetch):
    status, answer = await error(jp_fetch, params={"region": "mars-1"})
    assert status == 400
    assert answer["error"] == "unknown_region"
    assert "mars-1" in answer["message"] and "eu-west-1" in answer["message"]


@pytest.mark.parametrize("picker_config", [{"allowed_instance_types": ["ml.t3.medium"]}],
                         indirect=True)
async def test_types_outside_the_allow_list_are_shown_as_not_allowed(jp_fetch):
    catalog = body(await jp_fetch("dsws", "instances"))
    allowed = {i["type"] for i in catalog["instances"] if i["allowed"]}
    assert allowed == {"ml.t3.medium"} and len(catalog["instances"]) > 60


def start_up_warnings(capfd) -> list[str]:
    """The server log's warnings about the allow-list, from its start (capfd comes first
    among the test's fixtures, so it holds what the server wrote while starting)."""
    return [line for line in capfd.readouterr().err.splitlines()
            if line.startswith("[W ") and "allowed_instance_types" in line]


@pytest.mark.parametrize("picker_config", [
    {"allowed_instance_types": ["ml.t3.medium", "ml.t3.mediun", "g4dn.xlarge"]}],
    indirect=True)
async def test_allow_list_names_the_catalog_does_not_know_are_warned_at_start(
        capfd, jp_fetch):
    warnings = start_up_warnings(capfd)
    assert len(warnings) == 1
    assert "g4dn.xlarge, ml.t3.mediun" in warnings[0]  # sorted
    assert "ml.t3.medium," not in warnings[0]
    catalog = body(await jp_fetch("dsws", "instances"))
    assert {i["type"] for i in catalog["instances"] if i["allowed"]} == {"ml.t3.medium"}


@pytest.mark.parametrize("picker_config", [{"allowed_instance_types": ["t3.medium"]}],
                         indirect=True)
async def test_an_allow_list_that_matches_nothing_says_every_type_is_refused(capfd, jp_fetch):
    warnings = start_up_warnings(capfd)
    assert len(warnings) == 1 and "t3.medium" in warnings[0]
    assert "every type shows as not allowed" in warnings[0]


async def test_the_cnn_row_of_the_seed_gets_ml_g4dn_xlarge_first(jp_fetch):
    answer = await post(jp_fetch, "recommend", {"model": "CNN", "memory_gb": 0.05, "gpu": "yes"})
    first = answer["recommendations"][0]
    assert first["type"] == "ml.g4dn.xlarge"
    assert first["gpu_model"] == "NVIDIA T4" and first["allowed"] is True
    assert first["monthly_cost_with_idle_shutdown"] < first["monthly_cost"]
    assert answer["workload"]["family"] == "cnn"
    assert answer["workload"]["preference"] == "balanced"
    assert answer["alternative"] is None and len(answer["recommendations"]) == 5


async def test_a_workload_beyond_one_instance_gets_an_alternative(jp_fetch):
    answer = await post(jp_fetch, "recommend",
                        {"model": "arima", "data_gb": 900, "region": "us-west-2"})
    assert answer["recommendations"] == []
    assert answer["alternative"]["kind"] == "emr"
    assert answer["region"] == "us-west-2"


@pytest.mark.parametrize("payload, field", [
    ({}, "model"),
    ({"model": " \t "}, "model"),
    ({"model": "CNN", "gpu": "maybe"}, "gpu"),
    ({"model": "CNN", "hours_per_day": 25}, "hours_per_day"),
    ({"model": "CNN", "memory_gb": -1}, "memory_gb"),
    ({"model": "CNN", "preference": "fast"}, "preference"),
    ({"model": "CNN", "memroy_gb": 1}, "memroy_gb"),
])
async def test_invalid_input_is_a_400_naming_the_field(jp_fetch, payload, field):
    status, answer = await error(jp_fetch, "recommend", payload=payload)
    assert status == 400
    assert f"{field}:" in answer["message"]


async def test_the_seed_inventory_gets_a_row_each_and_a_total(jp_fetch):
    answer = await post(jp_fetch, "inventory", {"csv": SEED, "region": "us-east-1"})
    types = [(r["line"], r["model"], r["recommendation"]["type"]) for r in answer["rows"]]
    assert types == [(2, "XGBoost", "ml.t3.medium"), (3, "Seq2seq", "ml.g4dn.xlarge"),
                     (4, "ARIMA", "ml.t3.medium"), (5, "CNN", "ml.g4dn.xlarge")]
    assert answer["rows"][0]["memory_gb"] == pytest.approx(0.015)
    assert answer["total_monthly_cost"] == pytest.approx(2 * 36.5 + 2 * 537.57)
    assert answer["total_monthly_cost_with_idle_shutdown"] == pytest.approx(
        round(2 * (0.05 + 0.7364) * (8 + 0.75) * 21, 2), abs=0.02)


async def test_a_malformed_inventory_is_a_400_with_line_and_column(jp_fetch):
    bad = SEED.replace("50 Mb", "fifty")
    status, answer = await error(jp_fetch, "inventory", payload={"csv": bad})
    assert status == 400
    assert answer == {**answer, "error": "invalid_csv", "line": 5, "column": "Memory"}
    assert "line 5" in answer["message"] and "fifty" in answer["message"]


async def test_prices_from_the_price_list_replace_the_shipped_ones_and_say_so(jp_fetch,
                                                                            extension):
    extension.features["instances"].apply_prices(
        {"eu-central-1": {"ml.t3.medium": 0.07}}, "2026-11-26")
    catalog = body(await jp_fetch("dsws", "instances"))
    assert (catalog["source"], catalog["as_of"]) == ("pricing-api", "2026-11-26")
    t3 = next(i for i in catalog["instances"] if i["type"] == "ml.t3.medium")
    assert (t3["price_per_hour"], t3["price_estimated"]) == (0.07, False)


@pytest.mark.parametrize("picker_config", [{"pricing_refresh": True,
                                            "pricing_first_refresh_delay_seconds": 0,
                                            "pricing_timeout_seconds": 0.5}], indirect=True)
async def test_an_unreachable_price_list_leaves_the_bundled_catalog(jp_fetch, extension):
    feature = extension.features["instances"]
    kept = Path(extension.state_dir) / "instance-prices.json"
    await feature.start()
    # The failed attempt is recorded once it is over.
    await wait_for(kept.exists, what="the price refresh's attempt recorded")
    assert json.loads(kept.read_text())["prices"] is None
    assert body(await jp_fetch("dsws", "instances"))["source"] == "bundled"
    await feature.stop()
