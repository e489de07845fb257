"""`dsws infra verify` against an account built in moto's server (the emulator).

moto holds the VPC, subnets, route tables, internet gateways, endpoints, S3 bucket policies,
IAM roles and the Studio domain (with its network and auth mode). It has no user profiles,
spaces or lifecycle configs, so those calls go to a botocore Stubber, which checks every
request against SageMaker's API model; enum values are not checked there, so each stubbed
call asserts its exact parameters.
"""

from __future__ import annotations

import json

import boto3
import pytest
from audited_account import (
    ACCOUNT,
    ARTEFACTS,
    DATA,
    LCC_ARN,
    LOGS,
    REGION,
    audit,
    build_account,
    failures,
    studio_stub,
)
from botocore.stub import Stubber

from jupyter_dsws.infra.endpoints import INTERFACE_ENDPOINTS
from jupyter_dsws.infra.verify import Audit, AuditClients, AuditTarget
from jupyter_dsws.infra.verify_report import render

# Fake credentials for every client of these tests.
pytestmark = pytest.mark.usefixtures("fake_aws")


def test_a_compliant_account_passes_with_evidence(fresh_emulator, emulator_client):
    account = build_account(emulator_client)
    findings = audit(account)
    assert failures(findings) == []
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
    account = build_account(emulator_client)
    ec2 = account.clients["ec2"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=account.vpc)
    ec2.create_route(RouteTableId=account.table, DestinationCidrBlock="0.0.0.0/0",
                     GatewayId=gateway)
    failed = failures(audit(account))
    assert ("routes", account.table,
            f"routes 0.0.0.0/0 to internet gateway {gateway}") in failed
    assert ("no internet gateway", account.vpc,
            f"internet gateway {gateway} is attached") in failed
    assert len(failed) == 2


def test_a_nat_or_peering_route_fails(fresh_emulator, emulator_client):
    account = build_account(emulator_client)
    ec2 = account.clients["ec2"]
    other = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
    peering = ec2.create_vpc_peering_connection(VpcId=account.vpc, PeerVpcId=other)[
        "VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.create_route(RouteTableId=account.table, DestinationCidrBlock="10.99.0.0/16",
                     VpcPeeringConnectionId=peering)
    failed = failures(audit(account))
    assert failed == [("routes", account.table,
                       f"routes 10.99.0.0/16 to peering connection {peering}")]


def test_a_missing_endpoint_fails_naming_the_service(fresh_emulator, emulator_client):
    account = build_account(emulator_client, skip_endpoint="sts")
    findings = audit(account)
    failed = failures(findings)
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
    account = build_account(emulator_client, skip_endpoint=service)
    name = f"com.amazonaws.{REGION}.{service}"
    assert failures(audit(account)) == [
        ("interface endpoint", name, f"no interface endpoint for {name} in {account.vpc}")]


def test_an_endpoint_without_private_dns_or_in_one_az_fails(fresh_emulator, emulator_client):
    account = build_account(emulator_client, skip_endpoint="logs")
    ec2 = account.clients["ec2"]
    endpoint = ec2.create_vpc_endpoint(
        VpcId=account.vpc, ServiceName=f"com.amazonaws.{REGION}.logs",
        VpcEndpointType="Interface", SubnetIds=account.subnets[:1],
        PrivateDnsEnabled=False)["VpcEndpoint"]["VpcEndpointId"]
    failed = failures(audit(account))
    assert failed == [("interface endpoint", f"com.amazonaws.{REGION}.logs",
                       f"{endpoint} has private DNS off; {endpoint} has no subnet in "
                       f"{REGION}b")]
    (finding,) = [f for f in audit(account) if not f.passed]
    assert finding.fix == (f"aws ec2 modify-vpc-endpoint --vpc-endpoint-id {endpoint} "
                           f"--private-dns-enabled --add-subnet-ids {account.subnets[1]}")


def test_a_bucket_policy_without_the_endpoint_condition_fails(fresh_emulator,
                                                              emulator_client):
    account = build_account(emulator_client, data_policy_endpoint=False)
    failed = failures(audit(account))
    assert failed == [("bucket policy", DATA,
                       "does not deny access from outside the VPC endpoint "
                       "(no Deny with StringNotEquals aws:SourceVpce)")]


def test_a_bucket_without_a_policy_fails(fresh_emulator, emulator_client):
    account = build_account(emulator_client)
    account.clients["s3"].delete_bucket_policy(Bucket=ARTEFACTS)
    assert failures(audit(account)) == [("bucket policy", ARTEFACTS, "has no bucket policy")]


def test_a_public_internet_domain_fails(fresh_emulator, emulator_client):
    account = build_account(emulator_client, network_access="PublicInternetOnly", auth="IAM")
    failed = failures(audit(account))
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
    assert failures(findings) == [
        ("domain", "team-domain", f"no Studio domain named team-domain in {REGION}"),
        ("bucket policy", DATA, "has no bucket policy")]


def test_a_wildcard_execution_role_fails_naming_the_role(fresh_emulator, emulator_client):
    account = build_account(emulator_client, role_policy={"Version": "2012-10-17", "Statement": [
        {"Sid": "Everything", "Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"},
        {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})
    iam = account.clients["iam"]
    broad = iam.create_policy(PolicyName="broad", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName=account.role_name, PolicyArn=broad["Policy"]["Arn"])
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/{account.role_name}"
    failed = failures(audit(account))
    assert failed == [("execution role", role_arn,
                       "broad statement 0 allows *; "
                       "dsws statement Everything allows sagemaker:*; "
                       "dsws statement 1 allows NotAction iam:*")]


def test_a_lifecycle_config_that_is_not_ours_or_overridden_fails(fresh_emulator,
                                                                 emulator_client):
    account = build_account(emulator_client)
    other = LCC_ARN.replace("dsws-0-1-0-3f2a9c1e", "someone-elses")
    failed = failures(audit(account, lcc_tags=[], profile_lcc=other, space=False))
    assert failed == [
        ("lifecycle config", account.domain_id,
         "dsws-0-1-0-3f2a9c1e is not tagged dsws:managed=true"),
        ("lifecycle config", "user profile harry", f"overrides the built-in LCC with {other}"),
        ("shared space", "team", f"no shared space team in {account.domain_id}")]


def test_a_deleted_built_in_lcc_fails_instead_of_aborting(fresh_emulator, emulator_client):
    account = build_account(emulator_client)
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
    assert failures(findings) == [("lifecycle config", account.domain_id,
                                  f"its built-in LCC {name} cannot be read: ResourceNotFound")]


def test_a_refused_read_fails_its_check_naming_the_permission_and_the_rest_still_run(
        fresh_emulator, emulator_client):
    # A real account with one read permission missing: the audit must still report every
    # other requirement, and say which permission the auditing role lacks.
    account = build_account(emulator_client)
    studio, stub = studio_stub(account.domain_id, profiles_refused=True)
    findings = Audit(AuditClients(**account.clients, studio=studio),
                     AuditTarget(region=REGION, domain_name="team-domain",
                                 data_buckets=[DATA, ARTEFACTS], other_buckets=[LOGS])).run()
    stub.assert_no_pending_responses()
    assert failures(findings) == [(
        "lifecycle config", account.domain_id,
        "could not check: ListUserProfiles was refused; allow "
        "sagemaker:ListUserProfiles for the role that runs the audit")]
    checked = {f.requirement for f in findings if f.passed}
    assert {"domain VPC-only", "routes", "interface endpoint", "bucket policy"} <= checked
