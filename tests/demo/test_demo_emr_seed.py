"""The demo's EMR seed: a cluster of each auth type with the attributes the EMR panel reads,
the network a path check looks at, Studio's EmrSettings, and the demo's Livy mapping."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from jupyter_dsws.demo.clients import Clients
from jupyter_dsws.demo.emr_seed import LIVY_PORT, EmrSeed, seed_emr
from jupyter_dsws.demo.spark_demo import DemoSpark
from jupyter_dsws.demo.team import DOMAIN_ID, profile_name, team

REGION = "eu-central-1"


@pytest.fixture
def emr_seed(fresh_emulator: Any) -> EmrSeed:
    clients = Clients(fresh_emulator.endpoint_url, REGION)
    return seed_emr(clients, REGION, "123456789012")


def describe(client: Callable[..., Any], cluster_id: str) -> dict[str, Any]:
    return client("emr").describe_cluster(ClusterId=cluster_id)["Cluster"]


def security(client: Callable[..., Any], cluster: dict[str, Any]) -> dict[str, Any]:
    name = cluster.get("SecurityConfiguration")
    if not name:
        return {}
    text = client("emr").describe_security_configuration(Name=name)["SecurityConfiguration"]
    return json.loads(text)


def livy_rules(client: Callable[..., Any], group: str) -> list[dict[str, Any]]:
    (found,) = client("ec2").describe_security_groups(GroupIds=[group])["SecurityGroups"]
    return [rule for rule in found["IpPermissions"]
            if rule.get("FromPort", 0) <= LIVY_PORT <= rule.get("ToPort", -1)]


def test_a_cluster_of_each_auth_type_with_names_a_person_knows(
        emr_seed: EmrSeed, emulator_client: Callable[..., Any]) -> None:
    assert set(emr_seed.clusters) == {"team-spark", "team-spark-ldap", "team-spark-kerberos",
                                      "team-spark-runtime-roles", "legacy-spark"}
    active = {c["Name"]: c["Status"]["State"] for c in emulator_client("emr").list_clusters(
        ClusterStates=["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"])["Clusters"]}
    assert set(active) == set(emr_seed.clusters)
    clusters = {name: describe(emulator_client, cid) for name, cid in emr_seed.clusters.items()}
    assert {a["Name"] for a in clusters["team-spark"]["Applications"]} >= {"Spark", "Livy"}

    ldap = clusters["team-spark-ldap"]["Configurations"]
    assert {"Classification": "livy-conf", "Properties": {
        "livy.server.auth.type": "ldap",
        "livy.server.auth.ldap.url": "ldaps://ldap.hogwarts.example:636",
        "livy.server.auth.ldap.base-dn": "ou=people,dc=hogwarts,dc=example"}} in ldap

    kerberos = clusters["team-spark-kerberos"]
    assert kerberos["KerberosAttributes"]["Realm"] == "EC2.INTERNAL"
    assert "KerberosConfiguration" in security(emulator_client, kerberos)[
        "AuthenticationConfiguration"]

    roles = security(emulator_client, clusters["team-spark-runtime-roles"])
    assert roles["AuthorizationConfiguration"]["IAMConfiguration"][
        "EnableApplicationScopedIAMRole"] is True

    for name in ("team-spark", "legacy-spark"):
        assert not clusters[name].get("KerberosAttributes")
        assert not clusters[name].get("SecurityConfiguration")
        assert not clusters[name].get("Configurations")


def test_team_spark_admits_livy_from_the_space_and_legacy_spark_does_not(
        emr_seed: EmrSeed, emulator_client: Callable[..., Any]) -> None:
    def primary(name: str) -> str:
        attributes = describe(emulator_client, emr_seed.clusters[name])["Ec2InstanceAttributes"]
        return attributes["EmrManagedMasterSecurityGroup"]

    (rule,) = livy_rules(emulator_client, primary("team-spark"))
    assert rule["IpProtocol"] == "tcp" and rule["FromPort"] == rule["ToPort"] == LIVY_PORT
    assert [p["GroupId"] for p in rule["UserIdGroupPairs"]] == [emr_seed.space_security_group]
    assert livy_rules(emulator_client, primary("legacy-spark")) == []
    hostnames = emulator_client("ec2").describe_vpc_attribute(
        VpcId=emr_seed.vpc_id, Attribute="enableDnsHostnames")
    assert hostnames["EnableDnsHostnames"]["Value"] is True


def test_a_terminated_cluster_and_a_stopped_serverless_application(
        emr_seed: EmrSeed, emulator_client: Callable[..., Any]) -> None:
    (old,) = emulator_client("emr").list_clusters(ClusterStates=["TERMINATED"])["Clusters"]
    assert old["Name"] == "nightly-etl-2024" and emr_seed.terminated == {old["Name"]: old["Id"]}
    (app,) = emulator_client("emr-serverless").list_applications()["applications"]
    assert (app["name"], app["type"].upper(), app["state"]) == ("team-serverless", "SPARK",
                                                                "STOPPED")


def test_every_user_profile_may_pass_the_runtime_role_from_the_space_group(
        emr_seed: EmrSeed, emulator_client: Callable[..., Any]) -> None:
    sagemaker = emulator_client("sagemaker")
    expected = {"SecurityGroups": [emr_seed.space_security_group],
                "JupyterLabAppSettings": {"EmrSettings": {
                    "ExecutionRoleArns": [emr_seed.runtime_role_arn]}}}
    domain = sagemaker.describe_domain(DomainId=DOMAIN_ID)
    assert domain["DefaultUserSettings"].items() >= expected.items()
    for person in team():
        profile = sagemaker.describe_user_profile(DomainId=DOMAIN_ID,
                                                  UserProfileName=profile_name(person))
        assert profile["UserSettings"].items() >= expected.items()
    role = emulator_client("iam").get_role(RoleName="dsws-emr-runtime-analyst")["Role"]
    assert role["Arn"] == emr_seed.runtime_role_arn


def test_a_second_seed_finds_everything(emr_seed: EmrSeed, fresh_emulator: Any,
                                        emulator_client: Callable[..., Any]) -> None:
    again = seed_emr(Clients(fresh_emulator.endpoint_url, REGION), REGION, "123456789012")
    assert again == emr_seed
    assert len(emulator_client("emr").list_clusters()["Clusters"]) == 6


def test_the_demo_maps_each_connectable_cluster_to_its_livy_path(
        emr_seed: EmrSeed, tmp_path: Any) -> None:
    spark = DemoSpark(emr_seed, tmp_path)
    # Without a Livy (--no-spark, no Java), kernels learn there is none.
    assert spark.kernel_environment() == {"DSWS_LIVY_ENDPOINTS": "{}"}

    class Started:  # the URLs need a port only: no Spark here
        port = 8998

        @staticmethod
        def url(endpoint: Any) -> str:
            return f"http://127.0.0.1:8998{endpoint.path}"

    spark.livy = Started()  # type: ignore[assignment]
    ids = emr_seed.clusters
    assert spark.livy_endpoints() == {
        ids["team-spark"]: "http://127.0.0.1:8998",
        ids["team-spark-ldap"]: "http://127.0.0.1:8998/ldap",
        ids["team-spark-kerberos"]: "http://127.0.0.1:8998/kerberos",
        ids["team-spark-runtime-roles"]: "http://127.0.0.1:8998/runtime-roles",
        ids["legacy-spark"]: "http://127.0.0.1:8998/legacy-spark"}
    arguments = spark.lab_arguments()
    assert arguments[0] == f"--EMRConnect.space_security_groups={emr_seed.space_security_group}"
    assert f"--EMRConnect.livy_endpoints={ids['team-spark']}=http://127.0.0.1:8998" in arguments
    # The kernels get the same map (the CNN example connects to team-spark with it).
    kernels = json.loads(spark.kernel_environment()["DSWS_LIVY_ENDPOINTS"])
    assert kernels == spark.livy_endpoints()


def test_a_runtime_roles_cluster_gives_session_credentials_for_an_execution_role(
        emr_seed: EmrSeed, emulator_client: Callable[..., Any]) -> None:
    """GetClusterSessionCredentials, which moto lacks (demo/emr_layer.py), as the
    %sm_analytics magic calls it; its answer parsed by botocore against EMR's model."""
    emr = emulator_client("emr")
    cluster = emr_seed.clusters["team-spark-runtime-roles"]
    answer = emr.get_cluster_session_credentials(ClusterId=cluster,
                                                 ExecutionRoleArn=emr_seed.runtime_role_arn)
    credentials = answer["Credentials"]["UsernamePassword"]
    assert credentials["Username"] == "dsws-emr-runtime-analyst"
    assert len(credentials["Password"]) == 32
    assert answer["ExpiresAt"].timestamp() > time.time() + 3000
    model = emr.meta.service_model.operation_model("GetClusterSessionCredentials")
    assert set(answer) - {"ResponseMetadata"} <= set(model.output_shape.members)

    errors = emr.exceptions.InvalidRequestException
    with pytest.raises(errors, match="does not have runtime roles enabled"):
        emr.get_cluster_session_credentials(ClusterId=emr_seed.clusters["team-spark"],
                                            ExecutionRoleArn=emr_seed.runtime_role_arn)
    with pytest.raises(errors, match="TERMINATED"):
        emr.get_cluster_session_credentials(ClusterId=emr_seed.terminated["nightly-etl-2024"],
                                            ExecutionRoleArn=emr_seed.runtime_role_arn)
    with pytest.raises(errors, match="not valid"):
        emr.get_cluster_session_credentials(ClusterId="j-NOSUCHCLUSTER",
                                            ExecutionRoleArn=emr_seed.runtime_role_arn)
