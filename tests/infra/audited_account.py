"""The account `dsws infra verify` audits in these tests: built in moto's server (the
emulator), with a botocore Stubber for the Studio calls moto lacks (see
test_infra_verify.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.stub import Stubber

from jupyter_dsws.infra.endpoints import INTERFACE_ENDPOINTS
from jupyter_dsws.infra.verify import Audit, AuditClients, AuditTarget

REGION = "eu-central-1"
ACCOUNT = "123456789012"
LCC_ARN = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:studio-lifecycle-config/dsws-0-1-0-3f2a9c1e"
DATA, ARTEFACTS, LOGS = "team-data", "team-artefacts", "team-logs"

# The account build_account makes has every endpoint, the switched ones (EMR Serverless, LDAP) too.
ALL_SWITCHES = {"emr_serverless", "emr_ldap"}

GOOD_ROLE_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Registry", "Effect": "Allow", "Action": ["sagemaker:ListModelPackageGroups"],
     "Resource": "*"}]}


@dataclass
class Account:
    clients: dict[str, Any]
    vpc: str
    subnets: list[str]
    table: str
    s3_endpoint: str
    domain_id: str
    role_name: str

    def endpoint_ids(self) -> dict[str, str]:
        found = self.clients["ec2"].describe_vpc_endpoints()["VpcEndpoints"]
        return {e["ServiceName"]: e["VpcEndpointId"] for e in found}


def bucket_policy(bucket: str, endpoint: str | None) -> str:
    arns = [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]
    statements = [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*",
                   "Resource": arns, "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]
    if endpoint:
        statements.append({
            "Sid": "DenyOutsideVpcEndpoint", "Effect": "Deny", "Principal": {"AWS": "*"},
            "Action": "s3:*", "Resource": arns,
            "Condition": {"StringNotEquals": {"aws:SourceVpce": endpoint},
                          "ArnNotLike": {"aws:PrincipalArn": [
                              f"arn:aws:iam::{ACCOUNT}:role/dsws-admin"]}}})
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def build_account(make, *, network_access: str = "VpcOnly", auth: str = "SSO",
           skip_endpoint: str = "", data_policy_endpoint: bool = True,
           role_policy: dict | None = None) -> Account:
    ec2, s3, iam, sm = (make(name) for name in ("ec2", "s3", "iam", "sagemaker"))
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.42.{i * 16}.0/20",
                                 AvailabilityZone=f"{REGION}{zone}")["Subnet"]["SubnetId"]
               for i, zone in enumerate("ab")]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for subnet in subnets:
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    s3_endpoint = ec2.create_vpc_endpoint(
        VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.s3", VpcEndpointType="Gateway",
        RouteTableIds=[table])["VpcEndpoint"]["VpcEndpointId"]
    for spec in INTERFACE_ENDPOINTS:
        if spec.name == skip_endpoint:
            continue
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=spec.service_name(REGION),
                                VpcEndpointType="Interface", SubnetIds=subnets,
                                PrivateDnsEnabled=True)
    for bucket in (DATA, ARTEFACTS, LOGS):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        guarded = bucket != LOGS and (data_policy_endpoint or bucket != DATA)
        s3.put_bucket_policy(Bucket=bucket,
                             Policy=bucket_policy(bucket, s3_endpoint if guarded else None))
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"Service": "sagemaker.amazonaws.com"}}]}
    role = iam.create_role(RoleName="studio-execution",
                           AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(RoleName="studio-execution", PolicyName="dsws",
                        PolicyDocument=json.dumps(role_policy or GOOD_ROLE_POLICY))
    settings = {"ExecutionRole": role["Role"]["Arn"],
                "JupyterLabAppSettings": {"BuiltInLifecycleConfigArn": LCC_ARN}}
    domain = sm.create_domain(DomainName="team-domain", AuthMode=auth, VpcId=vpc,
                              SubnetIds=subnets, AppNetworkAccessType=network_access,
                              DefaultUserSettings=settings)
    return Account({"ec2": ec2, "s3": s3, "iam": iam, "sagemaker": sm}, vpc, subnets, table,
                   s3_endpoint, domain["DomainArn"].rsplit("/", 1)[-1], "studio-execution")


def studio_stub(domain_id: str, *, lcc_tags: list[dict] | None = None,
                 profile_lcc: str | None = None, space: bool = True,
                 profiles_refused: bool = False) -> tuple[Any, Stubber]:
    client = boto3.client("sagemaker", region_name=REGION)
    stub = Stubber(client)
    name = LCC_ARN.rsplit("/", 1)[-1]
    stub.add_response("describe_studio_lifecycle_config", {
        "StudioLifecycleConfigArn": LCC_ARN, "StudioLifecycleConfigName": name,
        "StudioLifecycleConfigAppType": "JupyterLab"}, {"StudioLifecycleConfigName": name})
    stub.add_response("list_tags", {"Tags": lcc_tags if lcc_tags is not None else [
        {"Key": "dsws:managed", "Value": "true"}]}, {"ResourceArn": LCC_ARN})
    if profiles_refused:
        stub.add_client_error("list_user_profiles", "AccessDeniedException",
                              expected_params={"DomainIdEquals": domain_id})
        stub.activate()
        return client, stub
    stub.add_response("list_user_profiles", {"UserProfiles": [
        {"DomainId": domain_id, "UserProfileName": "harry"}]}, {"DomainIdEquals": domain_id})
    lab = {"BuiltInLifecycleConfigArn": profile_lcc} if profile_lcc else {}
    stub.add_response("describe_user_profile", {
        "DomainId": domain_id, "UserProfileName": "harry",
        "UserSettings": {"JupyterLabAppSettings": lab}},
        {"DomainId": domain_id, "UserProfileName": "harry"})
    spaces = [{"DomainId": domain_id, "SpaceName": "team",
               "SpaceSharingSettingsSummary": {"SharingType": "Shared"}}] if space else []
    stub.add_response("list_spaces", {"Spaces": spaces}, {"DomainIdEquals": domain_id})
    stub.activate()
    return client, stub


def audit(account: Account, **stub_options: Any) -> list:
    studio, stub = studio_stub(account.domain_id, **stub_options)
    clients = AuditClients(**account.clients, studio=studio)
    target = AuditTarget(region=REGION, domain_name="team-domain",
                         data_buckets=[DATA, ARTEFACTS], other_buckets=[LOGS],
                         shared_space="team", endpoint_switches=ALL_SWITCHES)
    findings = Audit(clients, target).run()
    stub.assert_no_pending_responses()
    return findings


def failures(findings: list) -> list[tuple[str, str, str]]:
    return [(f.requirement, f.resource, f.evidence) for f in findings if not f.passed]
