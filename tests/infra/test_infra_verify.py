"""`dsws infra verify` against an account built in moto's server (the emulator).

moto holds the VPC, subnets, route tables, internet gateways, endpoints, S3 bucket policies,
IAM roles and the Studio domain (with its network and auth mode). It has no user profiles,
spaces or lifecycle configs, so those calls go to a botocore Stubber, which checks every
request against SageMaker's API model; enum values are not checked there, so each stubbed
call asserts its exact parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from jupyter_dsws.infra.endpoints import INTERFACE_ENDPOINTS
from jupyter_dsws.infra.verify import Audit, AuditClients, AuditTarget
from jupyter_dsws.infra.verify_report import render

REGION = "eu-central-1"
ACCOUNT = "123456789012"
LCC_ARN = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:studio-lifecycle-config/dsws-0-1-0-3f2a9c1e"
DATA, ARTEFACTS, LOGS = "team-data", "team-artefacts", "team-logs"

# The account _build makes has every endpoint, the switched ones (EMR Serverless, LDAP) too.
ALL_SWITCHES = {"emr_serverless", "emr_ldap"}

GOOD_ROLE_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Registry", "Effect": "Allow", "Action": ["sagemaker:ListModelPackageGroups"],
     "Resource": "*"}]}


# Fake credentials for every client of these tests.
pytestmark = pytest.mark.usefixtures("fake_aws")


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


def _bucket_policy(bucket: str, endpoint: str | None) -> str:
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


def _build(make, *, network_access: str = "VpcOnly", auth: str = "SSO",
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
                             Policy=_bucket_policy(bucket, s3_endpoint if guarded else None))
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


def _studio_stub(domain_id: str, *, lcc_tags: list[dict] | None = None,
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


def _audit(account: Account, **stub_options: Any) -> list:
    studio, stub = _studio_stub(account.domain_id, **stub_options)
    clients = AuditClients(**account.clients, studio=studio)
    target = AuditTarget(region=REGION, domain_name="team-domain",
                         data_buckets=[DATA, ARTEFACTS], other_buckets=[LOGS],
                         shared_space="team", endpoint_switches=ALL_SWITCHES)
    findings = Audit(clients, target).run()
    stub.assert_no_pending_responses()
    return findings


def _failed(findings: list) -> list[tuple[str, str, str]]:
    return [(f.requirement, f.resource, f.evidence) for f in findings if not f.passed]


def test_a_compliant_account_passes_with_evidence(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    findings = _audit(account)
    assert _failed(findings) == []
    by_requirement = {}
    for finding in findings:
        by_requirement.setdefault(finding.requirement, []).append(finding)
    assert len(by_requirement["interface endpoint"]) == len(INTERFACE_ENDPOINTS)
    assert by_requirement["routes"][0].resource == account.table
    # The S3 prefix-list route through the gateway endpoint is there, and allowed.
    assert by_requirement["routes"][0].evidence == f"2 routes, targets local, {account.s3_endpoint}"
    assert by_requirement["domain VPC-only"][0].resource == account.domain_id
    assert by_requirement["S3 gateway endpoint"][0].evidence == account.s3_endpoint
    assert {f.resource for f in by_requirement["bucket policy"]} == {DATA, ARTEFACTS, LOGS}
    assert "dsws-0-1-0-3f2a9c1e" in by_requirement["lifecycle config"][0].evidence
    assert "PASS" in render(findings, "table") and "0 failed" in render(findings, "table")
    assert json.loads(render(findings, "json"))["passed"] is True


def test_an_internet_gateway_route_fails_naming_table_and_gateway(fresh_emulator,
                                                                 emulator_client):
    account = _build(emulator_client)
    ec2 = account.clients["ec2"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=account.vpc)
    ec2.create_route(RouteTableId=account.table, DestinationCidrBlock="0.0.0.0/0",
                     GatewayId=gateway)
    failed = _failed(_audit(account))
    assert ("routes", account.table,
            f"routes 0.0.0.0/0 to internet gateway {gateway}") in failed
    assert ("no internet gateway", account.vpc,
            f"internet gateway {gateway} is attached") in failed
    assert len(failed) == 2


def test_a_nat_or_peering_route_fails(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    ec2 = account.clients["ec2"]
    other = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
    peering = ec2.create_vpc_peering_connection(VpcId=account.vpc, PeerVpcId=other)[
        "VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.create_route(RouteTableId=account.table, DestinationCidrBlock="10.99.0.0/16",
                     VpcPeeringConnectionId=peering)
    failed = _failed(_audit(account))
    assert failed == [("routes", account.table,
                       f"routes 10.99.0.0/16 to peering connection {peering}")]


def test_a_missing_endpoint_fails_naming_the_service(fresh_emulator, emulator_client):
    account = _build(emulator_client, skip_endpoint="sts")
    findings = _audit(account)
    failed = _failed(findings)
    assert failed == [("interface endpoint", f"com.amazonaws.{REGION}.sts",
                       f"no interface endpoint for com.amazonaws.{REGION}.sts in {account.vpc}")]
    (finding,) = [f for f in findings if not f.passed]
    assert finding.fix == (
        f"aws ec2 create-vpc-endpoint --vpc-id {account.vpc} --vpc-endpoint-type Interface "
        f"--service-name com.amazonaws.{REGION}.sts --subnet-ids {' '.join(account.subnets)} "
        "--security-group-ids <the endpoints' security group> --private-dns-enabled")
    table = render(findings, "table").splitlines()
    failed_line = next(i for i, line in enumerate(table) if line.startswith("FAIL"))
    assert table[failed_line + 1].strip() == f"fix: {finding.fix}"


@pytest.mark.parametrize("service", ["emr-serverless", "emr-serverless-services.livy",
                                     "emr-serverless.dashboard", "secretsmanager"])
def test_a_missing_emr_endpoint_fails_when_its_switch_is_on(service, fresh_emulator,
                                                            emulator_client):
    account = _build(emulator_client, skip_endpoint=service)
    name = f"com.amazonaws.{REGION}.{service}"
    assert _failed(_audit(account)) == [
        ("interface endpoint", name, f"no interface endpoint for {name} in {account.vpc}")]


def test_an_endpoint_without_private_dns_or_in_one_az_fails(fresh_emulator, emulator_client):
    account = _build(emulator_client, skip_endpoint="logs")
    ec2 = account.clients["ec2"]
    endpoint = ec2.create_vpc_endpoint(
        VpcId=account.vpc, ServiceName=f"com.amazonaws.{REGION}.logs",
        VpcEndpointType="Interface", SubnetIds=account.subnets[:1],
        PrivateDnsEnabled=False)["VpcEndpoint"]["VpcEndpointId"]
    failed = _failed(_audit(account))
    assert failed == [("interface endpoint", f"com.amazonaws.{REGION}.logs",
                       f"{endpoint} has private DNS off; {endpoint} has no subnet in "
                       f"{REGION}b")]
    (finding,) = [f for f in _audit(account) if not f.passed]
    assert finding.fix == (f"aws ec2 modify-vpc-endpoint --vpc-endpoint-id {endpoint} "
                           f"--private-dns-enabled --add-subnet-ids {account.subnets[1]}")


def test_a_bucket_policy_without_the_endpoint_condition_fails(fresh_emulator,
                                                              emulator_client):
    account = _build(emulator_client, data_policy_endpoint=False)
    failed = _failed(_audit(account))
    assert failed == [("bucket policy", DATA,
                       "does not deny access from outside the VPC endpoint "
                       "(no Deny with StringNotEquals aws:SourceVpce)")]


def test_a_bucket_without_a_policy_fails(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    account.clients["s3"].delete_bucket_policy(Bucket=ARTEFACTS)
    assert _failed(_audit(account)) == [("bucket policy", ARTEFACTS, "has no bucket policy")]


def test_a_public_internet_domain_fails(fresh_emulator, emulator_client):
    account = _build(emulator_client, network_access="PublicInternetOnly", auth="IAM")
    failed = _failed(_audit(account))
    assert failed == [
        ("domain VPC-only", account.domain_id, "AppNetworkAccessType is PublicInternetOnly"),
        ("domain SSO", account.domain_id, "AuthMode is IAM, not SSO")]


def test_a_missing_domain_fails_and_buckets_are_still_checked(fresh_emulator,
                                                              emulator_client):
    s3 = emulator_client("s3")
    s3.create_bucket(Bucket=DATA, CreateBucketConfiguration={"LocationConstraint": REGION})
    clients = AuditClients(**{n: emulator_client(n) for n in ("ec2", "s3", "iam", "sagemaker")})
    findings = Audit(clients, AuditTarget(region=REGION, domain_name="team-domain",
                                          data_buckets=[DATA])).run()
    assert _failed(findings) == [
        ("domain", "team-domain", f"no Studio domain named team-domain in {REGION}"),
        ("bucket policy", DATA, "has no bucket policy")]


def test_a_wildcard_execution_role_fails_naming_the_role(fresh_emulator, emulator_client):
    account = _build(emulator_client, role_policy={"Version": "2012-10-17", "Statement": [
        {"Sid": "Everything", "Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"},
        {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})
    iam = account.clients["iam"]
    broad = iam.create_policy(PolicyName="broad", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName=account.role_name, PolicyArn=broad["Policy"]["Arn"])
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/{account.role_name}"
    failed = _failed(_audit(account))
    assert failed == [("execution role", role_arn,
                       "broad statement 0 allows *; "
                       "dsws statement Everything allows sagemaker:*; "
                       "dsws statement 1 allows NotAction iam:*")]


def test_a_lifecycle_config_that_is_not_ours_or_overridden_fails(fresh_emulator,
                                                                 emulator_client):
    account = _build(emulator_client)
    other = LCC_ARN.replace("dsws-0-1-0-3f2a9c1e", "someone-elses")
    failed = _failed(_audit(account, lcc_tags=[], profile_lcc=other, space=False))
    assert failed == [
        ("lifecycle config", account.domain_id,
         "dsws-0-1-0-3f2a9c1e is not tagged dsws:managed=true"),
        ("lifecycle config", "user profile harry", f"overrides the built-in LCC with {other}"),
        ("shared space", "team", f"no shared space team in {account.domain_id}")]


def test_a_deleted_built_in_lcc_fails_instead_of_aborting(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    studio = boto3.client("sagemaker", region_name=REGION)
    stub = Stubber(studio)
    name = LCC_ARN.rsplit("/", 1)[-1]
    stub.add_client_error("describe_studio_lifecycle_config", "ResourceNotFound",
                          expected_params={"StudioLifecycleConfigName": name})
    stub.add_response("list_user_profiles", {"UserProfiles": []},
                      {"DomainIdEquals": account.domain_id})
    stub.activate()
    findings = Audit(AuditClients(**account.clients, studio=studio),
                     AuditTarget(region=REGION, domain_name="team-domain")).run()
    stub.assert_no_pending_responses()
    assert _failed(findings) == [("lifecycle config", account.domain_id,
                                  f"its built-in LCC {name} cannot be read: ResourceNotFound")]


def test_a_refused_read_fails_its_check_naming_the_permission_and_the_rest_still_run(
        fresh_emulator, emulator_client):
    # A real account with one read permission missing: the audit must still report every
    # other requirement, and say which permission the auditing role lacks.
    account = _build(emulator_client)
    studio, stub = _studio_stub(account.domain_id, profiles_refused=True)
    findings = Audit(AuditClients(**account.clients, studio=studio),
                     AuditTarget(region=REGION, domain_name="team-domain",
                                 data_buckets=[DATA, ARTEFACTS], other_buckets=[LOGS])).run()
    stub.assert_no_pending_responses()
    assert _failed(findings) == [(
        "lifecycle config", account.domain_id,
        "could not check: ListUserProfiles was refused; allow "
        "sagemaker:ListUserProfiles for the role that runs the audit")]
    checked = {f.requirement for f in findings if f.passed}
    assert {"domain VPC-only", "routes", "interface endpoint", "bucket policy"} <= checked
