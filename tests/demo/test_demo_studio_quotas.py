"""Service Quotas for Studio JupyterLab apps in the emulator: the product's own pre-flight
(QuotaChecker) reads them and counts the apps that run, CreateApp refuses an app beyond the
quota, and every other service code is still moto's."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from studio_world import REGION, app_of, make_space

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.demo.studio.quotas import quota_name
from jupyter_dsws.instances.catalog import load_bundled
from jupyter_dsws.instances.quotas import QuotaChecker, matches


@pytest.fixture
def checker(fake_aws: None, fresh_emulator: Any) -> Any:
    aws = AwsAccess(region=REGION, endpoint_url=fresh_emulator.endpoint_url)
    yield QuotaChecker(aws)
    aws.close()


def test_every_catalog_type_has_a_quota_the_product_recognises(
        studio: Any, emulator_client: Callable[..., Any]) -> None:
    quotas = emulator_client("service-quotas")
    pages = quotas.get_paginator("list_aws_default_service_quotas").paginate(
        ServiceCode="sagemaker", PaginationConfig={"PageSize": 20})
    names = {q["QuotaName"]: q["Value"] for page in pages for q in page["Quotas"]}
    for spec in load_bundled().types:
        (name,) = [n for n in names if matches(n, spec.type)]
        assert name == quota_name(spec.type)
    assert names[quota_name("ml.t3.medium")] >= 1
    assert names[quota_name("ml.g4dn.xlarge")] == 1
    assert names[quota_name("ml.p3.16xlarge")] == 0


def test_a_set_quota_is_the_accounts_applied_value(studio: Any,
                                                   emulator_client: Callable[..., Any]) -> None:
    quotas = emulator_client("service-quotas")
    studio.set_quota("ml.g4dn.xlarge", 3)
    applied = {q["QuotaName"]: q for page in quotas.get_paginator(
        "list_service_quotas").paginate(ServiceCode="sagemaker") for q in page["Quotas"]}
    quota = applied[quota_name("ml.g4dn.xlarge")]
    assert quota["Value"] == 3
    code = quota["QuotaCode"]
    assert quotas.get_service_quota(ServiceCode="sagemaker", QuotaCode=code)["Quota"][
        "Value"] == 3
    assert quotas.get_aws_default_service_quota(ServiceCode="sagemaker", QuotaCode=code)[
        "Quota"]["Value"] == 1
    with pytest.raises(quotas.exceptions.NoSuchResourceException):
        quotas.get_service_quota(ServiceCode="sagemaker", QuotaCode="L-00000000")
    with pytest.raises(ValueError, match="not an instance type"):
        studio.set_quota("ml.nothing", 1)


def test_other_service_codes_are_still_motos(studio: Any,
                                             emulator_client: Callable[..., Any]) -> None:
    quotas = emulator_client("service-quotas")
    vpc = quotas.list_aws_default_service_quotas(ServiceCode="vpc")["Quotas"]
    assert vpc and all(q["ServiceCode"] == "vpc" for q in vpc)  # moto knows only vpc's


async def test_the_products_pre_flight_refuses_a_type_whose_quota_is_used_up(
        checker: Any, sagemaker: Any, studio: Any) -> None:
    studio.set_quota("ml.g4dn.xlarge", 1)
    make_space(sagemaker, "first", instance_type="ml.g4dn.xlarge")
    make_space(sagemaker, "second", instance_type="ml.t3.medium")

    free = await checker.check("ml.g4dn.xlarge")
    assert (free.limit, free.in_use, free.applied, free.would_exceed) == (1, 0, True, False)
    sagemaker.create_app(**app_of("first"))
    used = await checker.check("ml.g4dn.xlarge")
    assert (used.in_use, used.would_exceed, used.problem) == (1, True, None)
    assert used.name == quota_name("ml.g4dn.xlarge")
    assert not (await checker.check("ml.t3.medium")).would_exceed

    # Studio itself refuses the start beyond the quota, naming it.
    with pytest.raises(sagemaker.exceptions.ResourceLimitExceeded,
                       match=re.escape(quota_name("ml.g4dn.xlarge") + "s")):
        sagemaker.create_app(**app_of("second"), ResourceSpec={"InstanceType": "ml.g4dn.xlarge"})
    # A stopped app frees its place.
    sagemaker.delete_app(**app_of("first"))
    assert not (await checker.check("ml.g4dn.xlarge")).would_exceed
    sagemaker.create_app(**app_of("second"), ResourceSpec={"InstanceType": "ml.g4dn.xlarge"})
