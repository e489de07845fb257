"""The path check, each step failing for its own reason and then passing: moto's EMR and EC2
for the endpoint and the security groups, the machine's resolver for DNS, and a local Livy
(tests/emr/conftest.py) for TCP and ``GET /sessions``."""

from __future__ import annotations

import asyncio
import time

import pytest
from helpers import body

STEPS = ["endpoint", "dns", "security_group", "tcp", "livy"]


async def check(jp_fetch, cluster_id: str) -> tuple[dict, dict[str, dict]]:
    answer = body(await jp_fetch("dsws", "emr", "clusters", cluster_id, "check", method="POST",
                                 body=""))
    assert [s["name"] for s in answer["checks"]] == STEPS
    assert answer["ok"] == all(s["ok"] for s in answer["checks"])
    for step in answer["checks"]:
        assert (step["fix"] is None) == step["ok"] or step["detail"].startswith("Not run"), step
        assert step["seconds"] >= 0
    return answer, {s["name"]: s for s in answer["checks"]}


async def test_a_missing_security_group_rule_fails_with_the_exact_rule_then_passes(
        jp_fetch, world, livy):
    cluster_id = world.clusters["mapped"]
    primary = world.primary_sg(cluster_id)
    answer, steps = await check(jp_fetch, cluster_id)
    assert not answer["ok"]
    assert [s["ok"] for s in answer["checks"]] == [True, True, False, True, True]
    group = steps["security_group"]
    assert primary in group["detail"] and world.space_sg in group["detail"]
    assert (f"aws ec2 authorize-security-group-ingress --group-id {primary} --protocol tcp "
            f"--port 8998 --source-group {world.space_sg}") in group["fix"]
    assert "127.0.0.1" in steps["dns"]["detail"]
    assert livy.requests == ["/sessions"]

    world.open_livy(cluster_id)
    answer, steps = await check(jp_fetch, cluster_id)
    assert answer["ok"], answer
    assert world.space_sg in steps["security_group"]["detail"]
    assert all(s["fix"] is None for s in answer["checks"])


@pytest.mark.parametrize("emr_config", [
    lambda w, lv: {"livy_endpoints": {w.clusters["ldap"]: lv.url},
                   "space_security_groups": [w.space_sg]}], indirect=True)
async def test_the_security_group_rule_is_for_the_clusters_own_livy_port(jp_fetch, world):
    cluster_id = world.clusters["ldap"]  # livy-conf livy.server.port 8999
    world.open_livy(cluster_id, 8998)
    _, steps = await check(jp_fetch, cluster_id)
    assert not steps["security_group"]["ok"]
    assert "--port 8999" in steps["security_group"]["fix"]
    world.open_livy(cluster_id, 8999)
    _, steps = await check(jp_fetch, cluster_id)
    assert steps["security_group"]["ok"]


async def test_a_primary_name_that_does_not_resolve_fails_dns_then_a_mapped_url_passes(
        jp_fetch, world, livy, emr):
    cluster_id = world.clusters["plain"]
    world.open_livy(cluster_id)
    answer, steps = await check(jp_fetch, cluster_id)
    assert not steps["dns"]["ok"]
    assert ".ec2.internal does not resolve" in steps["dns"]["detail"]
    assert "DNS hostnames" in steps["dns"]["fix"] and world.subnet in steps["dns"]["fix"]
    assert f"aws ec2 modify-vpc-attribute --vpc-id {world.vpc} --enable-dns-hostnames" in \
        steps["dns"]["fix"]
    assert steps["security_group"]["ok"]  # runs beside dns
    for name in ("tcp", "livy"):
        assert not steps[name]["ok"]
        assert steps[name]["detail"] == "Not run: the name did not resolve."

    emr.config.livy_endpoints = {cluster_id: livy.url}
    answer, _ = await check(jp_fetch, cluster_id)
    assert answer["ok"], answer


async def test_nothing_listening_fails_tcp_saying_livy_is_not_started_then_passes(
        jp_fetch, world, livy):
    cluster_id = world.clusters["mapped"]
    world.open_livy(cluster_id)
    livy.stop()
    _, steps = await check(jp_fetch, cluster_id)
    assert not steps["tcp"]["ok"] and "connection refused" in steps["tcp"]["detail"]
    assert "Livy is not installed or not started" in steps["tcp"]["fix"]
    assert steps["livy"]["detail"] == "Not run: no TCP connection to Livy's port."

    livy.start()
    answer, _ = await check(jp_fetch, cluster_id)
    assert answer["ok"], answer


async def test_a_livy_that_asks_for_credentials_or_is_starting_fails_then_passes(
        jp_fetch, world, livy):
    cluster_id = world.clusters["mapped"]  # its configuration says no auth
    world.open_livy(cluster_id)
    livy.status = 401
    _, steps = await check(jp_fetch, cluster_id)
    assert not steps["livy"]["ok"]
    assert "this cluster needs LDAP/Kerberos auth" in steps["livy"]["detail"]

    livy.status = 503
    _, steps = await check(jp_fetch, cluster_id)
    assert not steps["livy"]["ok"] and "starting" in steps["livy"]["detail"]
    assert steps["livy"]["fix"] == "Livy is starting: try again in a minute."

    livy.status = 200
    answer, steps = await check(jp_fetch, cluster_id)
    assert answer["ok"] and "answers GET /sessions" in steps["livy"]["detail"]


@pytest.mark.parametrize("emr_config", [
    lambda w, lv: {"livy_endpoints": {w.clusters["ldap"]: lv.url},
                   "space_security_groups": [w.space_sg]}], indirect=True)
async def test_a_401_from_an_ldap_cluster_is_what_it_should_answer(jp_fetch, world, livy):
    cluster_id = world.clusters["ldap"]
    world.open_livy(cluster_id, 8999)
    livy.status = 401
    answer, steps = await check(jp_fetch, cluster_id)
    assert answer["ok"], answer
    assert "connect with auth ldap" in steps["livy"]["detail"]


@pytest.mark.parametrize("dsws_config", [{"aws_endpoint_url": "closed"}], indirect=True)
async def test_an_unreachable_emr_endpoint_names_the_vpc_endpoint(jp_fetch, world):
    answer, steps = await check(jp_fetch, world.clusters["mapped"])
    assert not answer["ok"]
    assert "com.amazonaws.us-east-1.elasticmapreduce" in steps["endpoint"]["fix"]
    for name in STEPS[1:]:
        assert steps[name]["detail"] == "Not run: EMR's API did not answer DescribeCluster."


@pytest.mark.parametrize("dsws_config", [{"aws_endpoint_url": "silent"}], indirect=True)
@pytest.mark.parametrize("emr_config", [lambda w, lv: {"check_timeout_seconds": 1.0}],
                         indirect=True)
async def test_an_endpoint_that_never_answers_fails_within_the_step_timeout(jp_fetch, world):
    started = time.monotonic()
    _, steps = await check(jp_fetch, world.clusters["mapped"])
    assert time.monotonic() - started < 5
    assert not steps["endpoint"]["ok"]
    assert "com.amazonaws.us-east-1.elasticmapreduce" in steps["endpoint"]["fix"]


@pytest.mark.parametrize("emr_config", [
    lambda w, lv: {"livy_endpoints": {w.clusters["mapped"]: lv.url},
                   "space_security_groups": [w.space_sg], "check_timeout_seconds": 2.0}],
    indirect=True)
async def test_a_livy_that_never_answers_times_out_and_the_server_keeps_answering(
        jp_fetch, world, emr, silent_port_url):
    cluster_id = world.clusters["mapped"]
    world.open_livy(cluster_id)
    emr.config.livy_endpoints = {cluster_id: silent_port_url}
    started = time.monotonic()
    checking = asyncio.ensure_future(check(jp_fetch, cluster_id))
    # While the check waits for Livy (2 s), the server answers another request.
    listed = body(await jp_fetch("dsws", "emr", "serverless", "applications"))
    assert listed["applications"] == [] and not checking.done()
    _, steps = await checking
    assert 1.5 < time.monotonic() - started < 10
    assert steps["tcp"]["ok"] and not steps["livy"]["ok"]
    assert "did not answer GET /sessions" in steps["livy"]["detail"]



async def test_a_certificate_the_space_does_not_trust_fails_livy_unless_verification_is_off(
        jp_fetch, world, emr, tls_livy):
    cluster_id = world.clusters["mapped"]
    world.open_livy(cluster_id)
    emr.config.livy_endpoints = {cluster_id: tls_livy.url}
    _, steps = await check(jp_fetch, cluster_id)
    assert steps["tcp"]["ok"] and not steps["livy"]["ok"]
    assert steps["livy"]["detail"].startswith(f"TLS with {tls_livy.url} failed")
    assert "EMRConnect.verify_certificate = False" in steps["livy"]["fix"]
    assert tls_livy.requests == []

    emr.config.verify_certificate = False
    answer, steps = await check(jp_fetch, cluster_id)
    assert answer["ok"], answer
    assert tls_livy.requests == ["/sessions"]
