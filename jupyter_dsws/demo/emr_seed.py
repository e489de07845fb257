"""The demo's EMR: the team's VPC, Studio domain and user profiles, and a cluster of each
auth type, made through AWS's APIs as an admin would.

- ``team-spark``: no auth; its primary security group admits Livy's TCP 8998 from the
  space's group, so the EMR panel's path check passes and the connect cell connects.
- ``team-spark-ldap``: livy-conf ``livy.server.auth.type`` ldap (basic credentials).
- ``team-spark-kerberos``: a security configuration with a cluster-dedicated KDC.
- ``team-spark-runtime-roles``: a security configuration with runtime roles; the role the
  team may pass is in the user profiles' ``JupyterLabAppSettings.EmrSettings``.
- ``legacy-spark``: no auth, and its primary group lacks the 8998 rule: the check fails
  at security_group and says which rule to add.
- ``nightly-etl-2024``: terminated (the panel shows it with "all").
- ``team-serverless``: an EMR Serverless Spark application, stopped.

Idempotent like ``seed``: what exists (by name) is found, not made again. moto puts every
EMR cluster in us-east-1 when called through ``endpoint_url`` (aws-emulator.md); the VPC,
subnet and security groups are in the demo's region, where the panel's EC2 calls look.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..aws import call_sync
from .team import DOMAIN_ID, profile_name, team

DOMAIN_NAME = DOMAIN_ID.removeprefix("d-")  # moto makes a domain's id d-<its name>
RELEASE = "emr-7.5.0"
LIVY_PORT = 8998
ACTIVE = ("STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING")
#: The names of the clusters the demo maps to its Livy, with that Livy's URL path for each.
LIVY_PATHS = {"team-spark": "", "team-spark-ldap": "/ldap",
              "team-spark-kerberos": "/kerberos", "team-spark-runtime-roles": "/runtime-roles",
              "legacy-spark": "/legacy-spark"}
KERBEROS_CONFIGURATION = "team-kerberos"
RUNTIME_ROLES_CONFIGURATION = "team-runtime-roles"
RUNTIME_ROLE = "dsws-emr-runtime-analyst"
STUDIO_ROLE = "dsws-studio-execution"
_STUDIO_TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"},
    "Action": "sts:AssumeRole"}]}


@dataclass(frozen=True)
class EmrSeed:
    """What the EMR part of the seed made: enough for the demo's settings and the tests."""

    clusters: dict[str, str]  # name -> cluster id (active ones)
    terminated: dict[str, str]
    serverless: dict[str, str]  # name -> application id
    space_security_group: str
    vpc_id: str
    subnet_id: str
    runtime_role_arn: str

    def summary(self) -> list[str]:
        names = ", ".join(self.clusters)
        return [f"EMR           {len(self.clusters)} clusters ({names}), "
                f"{len(self.terminated)} terminated; Serverless: {', '.join(self.serverless)}"]


def seed_emr(clients: Any, region: str, account: str) -> EmrSeed:
    ec2, emr = clients.client("ec2"), clients.client("emr")
    vpc_id, subnet_id = _network(ec2)
    space_sg, team_sg, legacy_sg, core_sg = _groups(ec2, vpc_id, {
        "dsws-studio-space": "The Studio space's ENIs (the demo's)",
        "team-spark-primary": "EMR primary nodes of the team's clusters",
        "legacy-spark-primary": "legacy-spark's primary node",
        "team-spark-core": "EMR core and task nodes"})
    _admit(ec2, team_sg, space_sg, LIVY_PORT)
    # EMR's instance profile role assumes a runtime role for a step or a Livy session.
    emr_trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
        "Principal": {"AWS": f"arn:aws:iam::{account}:role/EMR_EC2_DefaultRole"}}]}
    runtime_role = _role(clients.client("iam"), RUNTIME_ROLE, emr_trust,
                         "Runtime role for EMR steps and Livy sessions of the team")
    studio_role = _role(clients.client("iam"), STUDIO_ROLE, _STUDIO_TRUST,
                        "The Studio domain's execution role")
    _studio(clients.client("sagemaker"), vpc_id, subnet_id, space_sg, studio_role,
            runtime_role)
    _security_configuration(emr, KERBEROS_CONFIGURATION, {"AuthenticationConfiguration": {
        "KerberosConfiguration": {"Provider": "ClusterDedicatedKdc",
                                  "ClusterDedicatedKdcConfiguration": {
                                      "TicketLifetimeInHours": 24}}}})
    _security_configuration(emr, RUNTIME_ROLES_CONFIGURATION, {"AuthorizationConfiguration": {
        "IAMConfiguration": {"EnableApplicationScopedIAMRole": True}}})

    network = {"subnet": subnet_id, "primary": team_sg, "core": core_sg}
    known = emr.list_clusters().get("Clusters", [])  # the ones of the last two months
    existing = {c["Name"]: c["Id"] for c in known if c["Status"]["State"] in ACTIVE}
    wanted: dict[str, dict[str, Any]] = {
        "team-spark": {},
        "team-spark-ldap": {"Configurations": [{"Classification": "livy-conf", "Properties": {
            "livy.server.auth.type": "ldap",
            "livy.server.auth.ldap.url": "ldaps://ldap.hogwarts.example:636",
            "livy.server.auth.ldap.base-dn": "ou=people,dc=hogwarts,dc=example"}}]},
        "team-spark-kerberos": {"SecurityConfiguration": KERBEROS_CONFIGURATION,
                                "KerberosAttributes": {
                                    "Realm": "EC2.INTERNAL",
                                    "KdcAdminPassword": "demo-only-not-a-secret"}},
        "team-spark-runtime-roles": {"SecurityConfiguration": RUNTIME_ROLES_CONFIGURATION},
        "legacy-spark": {"ReleaseLabel": "emr-6.10.0", "network": {**network,
                                                                    "primary": legacy_sg}},
    }
    clusters = {}
    for name, extra in wanted.items():
        clusters[name] = existing.get(name) or _run(emr, name, {**network,
                                                                **extra.pop("network", {})},
                                                    extra)
    terminated = {c["Name"]: c["Id"] for c in known if c["Status"]["State"] == "TERMINATED"}
    if "nightly-etl-2024" not in terminated:
        old = _run(emr, "nightly-etl-2024", network, {"ReleaseLabel": "emr-6.15.0"})
        emr.terminate_job_flows(JobFlowIds=[old])
        terminated["nightly-etl-2024"] = old
    return EmrSeed(clusters=clusters, terminated=terminated,
                   serverless=_serverless(clients.client("emr-serverless")),
                   space_security_group=space_sg, vpc_id=vpc_id, subnet_id=subnet_id,
                   runtime_role_arn=runtime_role)


def _network(ec2: Any) -> tuple[str, str]:
    tag = [{"Name": "tag:Name", "Values": ["dsws-demo"]}]
    vpcs = ec2.describe_vpcs(Filters=tag)["Vpcs"]
    if vpcs:
        vpc_id = vpcs[0]["VpcId"]
        return vpc_id, ec2.describe_subnets(Filters=tag)["Subnets"][0]["SubnetId"]
    names = [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": "dsws-demo"}]}
             for kind in ("vpc", "subnet")]
    vpc_id = ec2.create_vpc(CidrBlock="10.20.0.0/16",
                            TagSpecifications=names[:1])["Vpc"]["VpcId"]
    # Studio resolves the primary node's private DNS name: the VPC needs both.
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.20.1.0/24",
                                  TagSpecifications=names[1:])["Subnet"]["SubnetId"]
    return vpc_id, subnet_id


def _groups(ec2: Any, vpc_id: str, wanted: dict[str, str]) -> list[str]:
    """The ids of the named groups of the VPC, made where missing (name -> description)."""
    found = {g["GroupName"]: g["GroupId"] for g in ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]}
    return [str(found.get(name) or ec2.create_security_group(
        GroupName=name, Description=description, VpcId=vpc_id)["GroupId"])
        for name, description in wanted.items()]


def _admit(ec2: Any, group: str, source: str, port: int) -> None:
    call_sync(ec2, "authorize_security_group_ingress", ok_codes=("InvalidPermission.Duplicate",),
              GroupId=group, IpPermissions=[{
                  "IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                  "UserIdGroupPairs": [{"GroupId": source,
                                        "Description": "Livy from the Studio space"}]}])


def _role(iam: Any, name: str, trust: dict[str, Any], description: str) -> str:
    made = call_sync(iam, "create_role", ok_codes=("EntityAlreadyExists",), RoleName=name,
                     AssumeRolePolicyDocument=json.dumps(trust), Description=description)
    return str((made or iam.get_role(RoleName=name))["Role"]["Arn"])


def _studio(sagemaker: Any, vpc_id: str, subnet_id: str, space_sg: str, studio_role: str,
            runtime_role: str) -> None:
    """The domain and a user profile per person, each with the space's security group and
    the EMR runtime role they may pass (what DescribeUserProfile tells the EMR panel)."""
    settings = {"ExecutionRole": studio_role, "SecurityGroups": [space_sg],
                "JupyterLabAppSettings": {"EmrSettings": {"ExecutionRoleArns": [runtime_role]}}}
    domains = sagemaker.list_domains().get("Domains", [])
    if DOMAIN_ID not in {d["DomainId"] for d in domains}:
        sagemaker.create_domain(DomainName=DOMAIN_NAME, AuthMode="IAM", VpcId=vpc_id,
                                SubnetIds=[subnet_id], DefaultUserSettings=settings,
                                AppNetworkAccessType="VpcOnly")
    for person in team():
        call_sync(sagemaker, "create_user_profile", ok_codes=("ResourceInUse",),
                  DomainId=DOMAIN_ID, UserProfileName=profile_name(person),
                  UserSettings=settings)


def _security_configuration(emr: Any, name: str, configuration: dict[str, Any]) -> None:
    # moto lacks ListSecurityConfigurations; a second create is refused on AWS.
    call_sync(emr, "create_security_configuration", ok_codes=("InvalidRequestException",),
              Name=name, SecurityConfiguration=json.dumps(configuration))


def _run(emr: Any, name: str, network: dict[str, str], extra: dict[str, Any]) -> str:
    instance_type = "m5.xlarge"
    params: dict[str, Any] = {
        "Name": name, "ReleaseLabel": RELEASE, "LogUri": f"s3://aws-logs-emr/{name}/",
        "Applications": [{"Name": app} for app in ("Hadoop", "Spark", "Livy", "Hive",
                                                    "JupyterEnterpriseGateway")],
        "Instances": {
            "InstanceGroups": [
                {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": instance_type,
                 "InstanceCount": 1, "Market": "ON_DEMAND"},
                {"Name": "Core", "InstanceRole": "CORE", "InstanceType": instance_type,
                 "InstanceCount": 2, "Market": "ON_DEMAND"}],
            "Ec2SubnetId": network["subnet"],
            "EmrManagedMasterSecurityGroup": network["primary"],
            "EmrManagedSlaveSecurityGroup": network["core"],
            "KeepJobFlowAliveWhenNoSteps": True},
        "JobFlowRole": "EMR_EC2_DefaultRole", "ServiceRole": "EMR_DefaultRole",
        "VisibleToAllUsers": True, "Tags": [{"Key": "team", "Value": "hogwarts-analytics"}],
        **extra}
    return str(emr.run_job_flow(**params)["JobFlowId"])


def _serverless(client: Any) -> dict[str, str]:
    found = {a["name"]: a["id"] for a in client.list_applications().get("applications", [])}
    if "team-serverless" not in found:
        app = client.create_application(name="team-serverless", releaseLabel=RELEASE,
                                        type="SPARK")["applicationId"]
        # moto starts a new application at once; the team's is stopped until someone starts it.
        client.stop_application(applicationId=app)
        found["team-serverless"] = app
    return {"team-serverless": found["team-serverless"]}
