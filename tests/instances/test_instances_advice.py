"""The recommendation rules, as plain functions on plain data: no server, no clock."""

from __future__ import annotations

import pytest

from jupyter_dsws.instances import advice
from jupyter_dsws.instances.advice import CostRules, Offer, Workload, recommend
from jupyter_dsws.instances.catalog import load_bundled

CATALOG = load_bundled()
RULES = CostRules(idle_timeout_minutes=60, working_days_per_month=21,
                  free_tier=CATALOG.free_tier)


def offers(region: str = "us-east-1", allowed: set[str] | None = None) -> list[Offer]:
    result = []
    for spec in CATALOG.types:
        price = CATALOG.price(region, spec.type)
        result.append(Offer(spec, price.per_hour, price.estimated,
                            allowed is None or spec.type in allowed))
    return result


def best(workload: Workload, **kw) -> str:
    return recommend(workload, offers(**kw), RULES).choices[0].offer.spec.type


# The seed inventory's four models, with the default preference (balanced).
@pytest.mark.parametrize("model, size_gb, gpu, expected", [
    ("XGBoost", 0.015, "no", "ml.t3.medium"),
    ("Seq2seq", 0.025, "yes", "ml.g4dn.xlarge"),
    ("ARIMA", 0.002, "no", "ml.t3.medium"),
    ("CNN", 0.050, "yes", "ml.g4dn.xlarge"),
])
def test_the_seeds_own_choice(model, size_gb, gpu, expected):
    assert best(Workload(model=model, memory_gb=size_gb, gpu=gpu)) == expected


@pytest.mark.parametrize("name, family", [
    ("Seq2seq", "seq2seq"), ("seq2seq", "seq2seq"), ("LSTM", "seq2seq"), ("arima", "statistical"),
    ("statistical", "statistical"), ("ARIMA/statistical", "statistical"), ("xgb", "xgboost"),
    ("XGBoost classifier", "xgboost"), ("cnn", "cnn"), ("ConvNet", "cnn"), ("BERT", "transformer"),
    ("llm", "transformer"), ("Transformer", "transformer"), ("random forest", "other"),
    ("Other", "other"),
])
def test_families_match_without_regard_to_case_and_with_aliases(name, family):
    assert advice.resolve_family(name) == family


def test_the_tool_decides_the_gpu_by_family():
    assert CATALOG.find(best(Workload("CNN", memory_gb=0.05))).gpus == 1
    assert CATALOG.find(best(Workload("ARIMA", memory_gb=0.05))).gpus == 0
    assert CATALOG.find(best(Workload("CNN", memory_gb=0.05, gpu="no"))).gpus == 0


def test_preferences_order_the_candidates_differently():
    cnn = {"model": "CNN", "memory_gb": 0.05, "gpu": "yes"}
    cheapest = recommend(Workload(**cnn, preference="cheapest"), offers(), RULES).choices
    fastest = recommend(Workload(**cnn, preference="fastest"), offers(), RULES).choices
    prices = [c.offer.price_per_hour for c in cheapest]
    assert prices == sorted(prices) and len(cheapest) == 5
    assert fastest[0].offer.spec.family == "p3"  # V100: the fastest single GPU in the catalog
    assert fastest[0].offer.spec.type != cheapest[0].offer.spec.type


def test_balanced_leaves_headroom_and_keeps_heavy_work_off_burstable_types():
    work = Workload("XGBoost", memory_gb=1.0, data_gb=3.0, gpu="no")
    choice = recommend(work, offers(), RULES).choices[0]
    need = advice.memory_need_gib(advice.FAMILIES["xgboost"], work)
    assert choice.offer.spec.memory_gib >= need * advice.HEADROOM["balanced"]
    assert choice.offer.spec.family != "t3"
    cheap = recommend(Workload("XGBoost", memory_gb=1.0, data_gb=3.0, gpu="no",
                               preference="cheapest"), offers(), RULES).choices[0]
    assert cheap.offer.price_per_hour <= choice.offer.price_per_hour


def test_reasons_are_plain_words_and_costs_follow_the_stated_rule():
    choice = recommend(Workload("CNN", memory_gb=0.05, gpu="yes", hours_per_day=6),
                       offers(), RULES).choices[0]
    assert any("GPU: 1 x NVIDIA T4" in r for r in choice.reasons)
    assert any("cheapest" in r for r in choice.reasons)
    assert choice.monthly_cost == round(0.7364 * 730, 2)
    assert choice.monthly_cost_with_idle_shutdown == round(0.7364 * (6 + 1) * 21, 2)


def test_the_free_tier_is_named_on_ml_t3_medium_only():
    xgb = recommend(Workload("XGBoost", memory_gb=0.015, gpu="no"), offers(), RULES).choices
    assert any("Free tier" in r for r in xgb[0].reasons)
    assert not any("Free tier" in r for c in xgb[1:] for r in c.reasons)
    # 9 h a day for 21 days (189 h) stays within the 250 free hours.
    assert advice.free_tier_cost(0.05, 189, CATALOG.free_tier) == 0.0
    assert advice.free_tier_cost(0.05, 350, CATALOG.free_tier) == 5.0


def test_too_much_data_for_one_instance_suggests_emr_and_says_why():
    result = recommend(Workload("XGBoost", memory_gb=1, data_gb=400), offers(), RULES)
    assert result.choices == ()
    assert result.alternative.kind == "emr"
    assert "EMR" in result.alternative.reason and "768 GiB" in result.alternative.reason


def test_a_model_larger_than_one_gpu_suggests_a_training_job():
    result = recommend(Workload("llm", memory_gb=20, gpu="yes"), offers(), RULES)
    assert result.alternative.kind == "training-job"
    assert "GPU memory" in result.alternative.reason


def test_a_forbidden_type_is_shown_but_ranked_after_the_allowed_ones():
    # Only two GPU types are allowed; the cheapest that fits (ml.g4dn.xlarge) is not.
    allowed = {"ml.g5.xlarge", "ml.g5.2xlarge"}
    choices = recommend(Workload("CNN", memory_gb=0.05, gpu="yes"), offers(allowed=allowed),
                        RULES).choices
    assert [c.offer.spec.type for c in choices[:3]] == [
        "ml.g5.xlarge", "ml.g5.2xlarge", "ml.g4dn.xlarge"]
    assert [c.offer.allowed for c in choices] == [True, True, False, False, False]
    forbidden = choices[2]
    assert forbidden.offer.price_per_hour < choices[0].offer.price_per_hour  # cheaper, yet after
    assert any("admin" in r for r in forbidden.reasons)
    only = recommend(Workload("CNN", memory_gb=0.05, gpu="yes"),
                     offers(allowed={"ml.t3.medium"}), RULES).choices
    assert only[0].offer.allowed is False
    assert any("admin" in r for r in only[0].reasons)


def test_types_without_a_price_in_the_region_are_never_recommended():
    types = [c.offer.spec.type for c in recommend(
        Workload("CNN", memory_gb=0.05, gpu="yes", preference="cheapest"),
        offers("eu-west-1"), RULES).choices]
    assert types and not any(t.startswith("ml.g6.") for t in types)
