"""The EMR panel's routes against moto's EMR, EC2 and EMR Serverless: list, detail, connect
cells, Serverless, and the error shapes."""

from __future__ import annotations

import json

import pytest
from helpers import body, error_of

ROLE = "arn:aws:iam::123456789012:role/spark-team"


async def connect(jp_fetch, cluster_id: str, **request) -> dict:
    return body(await jp_fetch("dsws", "emr", "clusters", cluster_id, "connect", method="POST",
                               body=json.dumps(request)))


# ---- list -------------------------------------------------------------------------------

async def test_the_list_shows_each_cluster_with_its_auth_type_and_livy_port(jp_fetch, world):
    answer = body(await jp_fetch("dsws", "emr", "clusters"))
    found = {c["name"]: c for c in answer["clusters"]}
    assert set(found) == {"plain", "mapped", "ldap", "kerberos", "runtime"}
    assert {name: c["auth"] for name, c in found.items()} == {
        "plain": "none", "mapped": "none", "ldap": "ldap", "kerberos": "kerberos",
        "runtime": "runtime_role"}
    assert found["ldap"]["livy_port"] == 8999  # livy-conf livy.server.port
    assert found["plain"]["livy_port"] == 8998
    plain = found["plain"]
    assert plain["id"] == world.clusters["plain"]
    assert plain["state"] == "WAITING"
    assert plain["release"] == "emr-7.5.0"
    assert plain["applications"] == ["Spark", "Livy"]
    assert plain["created"] and plain["primary_dns"]
    assert answer["next"] is None


async def test_terminated_clusters_are_listed_only_with_state_all(jp_fetch, world):
    world.emr.terminate_job_flows(JobFlowIds=[world.clusters["plain"]])
    active = body(await jp_fetch("dsws", "emr", "clusters"))
    assert world.clusters["plain"] not in {c["id"] for c in active["clusters"]}
    every = body(await jp_fetch("dsws", "emr", "clusters", params={"state": "all"}))
    ended = [c for c in every["clusters"] if c["id"] == world.clusters["plain"]]
    assert ended and ended[0]["state"].startswith("TERMINAT")


async def test_a_bad_state_or_cursor_is_a_400(jp_fetch, world):
    code, error = await error_of(jp_fetch("dsws", "emr", "clusters",
                                          params={"state": "running"}))
    assert code == 400 and error["error"] == "invalid_input"
    code, error = await error_of(jp_fetch("dsws", "emr", "clusters",
                                          params={"next": "forged"}))
    assert code == 400 and error["error"] == "bad_cursor"


# ---- detail -----------------------------------------------------------------------------

async def test_a_cluster_in_detail(jp_fetch, world, livy):
    cluster_id = world.clusters["mapped"]
    detail = body(await jp_fetch("dsws", "emr", "clusters", cluster_id))
    assert detail["name"] == "mapped" and detail["auth"] == "none"
    roles = {g["role"]: (g["instance_type"], g["requested"]) for g in detail["instance_groups"]}
    assert roles == {"MASTER": ("m5.xlarge", 1), "CORE": ("m5.xlarge", 2)}
    groups = {g["role"]: g["id"] for g in detail["security_groups"]}
    assert groups["primary"] == world.primary_sg(cluster_id)
    assert {"primary", "core", "service_access"} <= set(groups)
    assert detail["subnet"] == world.subnet
    assert detail["security_configuration"] is None
    assert detail["primary_dns"].endswith(".ec2.internal")  # ListInstances' private name
    assert detail["runtime_roles"] == []  # outside Studio
    assert detail["livy_endpoint"] == livy.url


async def test_a_terminated_cluster_still_shows_its_instance_groups(jp_fetch, world):
    cluster_id = world.clusters["plain"]
    world.emr.terminate_job_flows(JobFlowIds=[cluster_id])
    detail = body(await jp_fetch("dsws", "emr", "clusters", cluster_id))
    assert detail["state"].startswith("TERMINAT")
    assert {g["role"] for g in detail["instance_groups"]} == {"MASTER", "CORE"}


async def test_the_security_configuration_of_a_runtime_role_cluster(jp_fetch, world):
    detail = body(await jp_fetch("dsws", "emr", "clusters", world.clusters["runtime"]))
    assert detail["security_configuration"] == "runtime-roles"
    assert detail["auth"] == "runtime_role"


@pytest.mark.parametrize("cluster_id", ["j-NOSUCHCLUSTER1", "j-lowercase"])
async def test_an_unknown_cluster_is_a_404(jp_fetch, world, cluster_id):
    code, error = await error_of(jp_fetch("dsws", "emr", "clusters", cluster_id))
    assert code == 404 and error["error"] in ("cluster_not_found", "not_found")
    code, error = await error_of(jp_fetch("dsws", "emr", "clusters", cluster_id, "check",
                                          method="POST", body=""))
    assert code == 404


# ---- connect ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "auth", "flag"), [
    ("plain", "none", "--auth-type None"),
    ("ldap", "ldap", "--auth-type Basic_Access"),
    ("kerberos", "kerberos", "--auth-type Kerberos"),
])
async def test_the_connect_cell_of_a_cluster_in_emr(jp_fetch, world, name, auth, flag):
    cluster_id = world.clusters[name]
    cell = (await connect(jp_fetch, cluster_id, auth=auth))["cell"]
    assert "%load_ext sagemaker_studio_analytics_extension.magics" in cell
    assert cell.splitlines()[-1] == (
        f"%sm_analytics emr connect --verify-certificate True --cluster-id {cluster_id} "
        f"{flag} --language python")
    assert "not-a-secret" not in cell


async def test_the_connect_cell_of_a_runtime_role_cluster_passes_the_role(jp_fetch, world):
    cluster_id = world.clusters["runtime"]
    cell = (await connect(jp_fetch, cluster_id, auth="runtime_role",
                          execution_role_arn=ROLE))["cell"]
    assert f"--auth-type Basic_Access --emr-execution-role-arn {ROLE}" in cell


async def test_a_runtime_role_cluster_needs_a_role(jp_fetch, world):
    code, error = await error_of(jp_fetch(
        "dsws", "emr", "clusters", world.clusters["runtime"], "connect",
        method="POST", body=json.dumps({"auth": "runtime_role"})))
    assert code == 400 and error["error"] == "execution_role_missing"


@pytest.mark.parametrize("emr_config", [lambda w, lv: {"verify_certificate": False}],
                         indirect=True)
async def test_the_admin_can_turn_certificate_verification_off(jp_fetch, world):
    cell = (await connect(jp_fetch, world.clusters["plain"], auth="none"))["cell"]
    assert "--verify-certificate False" in cell


async def test_a_mapped_cluster_connects_with_sparkmagic_to_its_url(jp_fetch, world, livy):
    cluster_id = world.clusters["mapped"]
    cell = (await connect(jp_fetch, cluster_id, auth="none"))["cell"]
    assert "%sm_analytics emr connect" not in cell
    assert cell.splitlines()[-2:] == [
        "%load_ext sparkmagic.magics",
        f"%spark add -s dsws_{cluster_id.lower().replace('-', '_')} -l python -u {livy.url} "
        "-t None -k"]


@pytest.mark.parametrize(("name", "asked", "uses"), [
    ("ldap", "none", "ldap"), ("plain", "kerberos", "none"), ("kerberos", "ldap", "kerberos"),
    ("runtime", "none", "runtime_role"),
])
async def test_an_auth_the_cluster_does_not_use_is_a_400_naming_its_own(jp_fetch, world, name,
                                                                        asked, uses):
    code, error = await error_of(jp_fetch(
        "dsws", "emr", "clusters", world.clusters[name], "connect", method="POST",
        body=json.dumps({"auth": asked})))
    assert code == 400 and error["error"] == "wrong_auth"
    assert f"uses {uses} auth" in error["message"]


async def test_a_role_for_a_cluster_without_runtime_roles_is_a_400(jp_fetch, world):
    code, error = await error_of(jp_fetch(
        "dsws", "emr", "clusters", world.clusters["plain"], "connect", method="POST",
        body=json.dumps({"auth": "none", "execution_role_arn": ROLE})))
    assert code == 400 and error["error"] == "wrong_auth"


@pytest.mark.parametrize("request_body", [
    {"auth": "basic"}, {}, {"auth": "none", "extra": 1},
    {"auth": "runtime_role", "execution_role_arn": "spark-team"},
])
async def test_a_bad_connect_body_is_a_400(jp_fetch, world, request_body):
    code, error = await error_of(jp_fetch(
        "dsws", "emr", "clusters", world.clusters["plain"], "connect", method="POST",
        body=json.dumps(request_body)))
    assert code == 400 and error["error"] == "invalid_input"


# ---- Serverless -------------------------------------------------------------------------

async def test_serverless_applications_are_listed_and_a_stopped_one_starts(jp_fetch, world):
    app_id = world.serverless.create_application(name="adhoc", releaseLabel="emr-7.5.0",
                                                 type="SPARK")["applicationId"]
    world.serverless.stop_application(applicationId=app_id)
    listed = body(await jp_fetch("dsws", "emr", "serverless", "applications"))
    (app,) = listed["applications"]
    assert (app["id"], app["name"], app["state"], app["release"]) == (
        app_id, "adhoc", "STOPPED", "emr-7.5.0")
    started = body(await jp_fetch("dsws", "emr", "serverless", "applications", app_id, "start",
                                  method="POST", body=""))
    assert started["application"]["id"] == app_id
    assert started["application"]["state"] in ("STARTING", "STARTED")
    assert world.serverless.get_application(applicationId=app_id)["application"][
        "state"] in ("STARTING", "STARTED")


async def test_starting_an_unknown_application_is_a_404(jp_fetch, world):
    code, error = await error_of(jp_fetch("dsws", "emr", "serverless", "applications",
                                          "00nosuchapp", "start", method="POST", body=""))
    assert code == 404 and error["error"] == "application_not_found"


# ---- unreachable endpoints -------------------------------------------------------------

@pytest.mark.parametrize("dsws_config", [{"aws_endpoint_url": "closed"}], indirect=True)
async def test_an_unreachable_endpoint_is_a_503_naming_the_vpc_endpoint(jp_fetch, world):
    code, error = await error_of(jp_fetch("dsws", "emr", "clusters"))
    assert code == 503 and error["error"] == "endpoint_unreachable"
    assert "com.amazonaws.us-east-1.elasticmapreduce" in error["message"]
    code, error = await error_of(jp_fetch("dsws", "emr", "serverless", "applications"))
    assert code == 503 and "com.amazonaws.us-east-1.emr-serverless" in error["message"]


async def test_the_list_pages_with_the_cursor_it_gives(jp_fetch, world):
    # 50 a page, as EMR's ListClusters answers (moto's too)
    for number in range(46):
        world.cluster(f"extra-{number:02d}")
    first = body(await jp_fetch("dsws", "emr", "clusters"))
    assert len(first["clusters"]) == 50 and first["next"]
    second = body(await jp_fetch("dsws", "emr", "clusters", params={"next": first["next"]}))
    assert len(second["clusters"]) == 1 and second["next"] is None
    ids = {c["id"] for c in first["clusters"] + second["clusters"]}
    assert ids == set(world.clusters.values())


# ---- denied --------------------------------------------------------------------------------

@pytest.fixture
def denied_emr(extension):
    """EMR denying every call. moto enforces IAM only when its whole server starts with
    INITIAL_NO_AUTH_ACTION_COUNT set (every other test's calls too), so botocore's Stubber
    answers EMR here, with AWS's AccessDeniedException."""
    from botocore.stub import Stubber

    stub = Stubber(extension.aws.client("emr"))
    stub.activate()
    yield stub
    stub.deactivate()


async def test_a_denied_call_names_the_action_to_allow(jp_fetch, world, denied_emr):
    denied_emr.add_client_error("list_clusters", "AccessDeniedException", "not authorized",
                                http_status_code=400)
    code, error = await error_of(jp_fetch("dsws", "emr", "clusters"))
    assert code == 403 and "elasticmapreduce:ListClusters" in error["message"]

    denied_emr.add_client_error("describe_cluster", "AccessDeniedException", "not authorized",
                                http_status_code=400)
    answer = body(await jp_fetch("dsws", "emr", "clusters", world.clusters["plain"], "check",
                                 method="POST", body=""))
    endpoint = answer["checks"][0]
    assert not endpoint["ok"] and "elasticmapreduce:DescribeCluster" in endpoint["fix"]
