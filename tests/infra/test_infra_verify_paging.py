"""`dsws infra verify` reads every page of the EC2 Describe calls.

moto's server answers these calls in one page whatever MaxResults says, so a botocore
Stubber plays an account with two pages of each: it checks every request against EC2's API
model and fails on a call it did not expect (enum values are not checked, so each call's
exact parameters are asserted). What matters is only on the second pages: a route table with
an internet gateway route, the gateway itself, half the interface endpoints and the subnets
of the second availability zone. The whole audit runs, as `dsws infra verify` runs it; a
second Stubber plays the SageMaker side (the domain, no user profiles, no roles, no buckets).
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from jupyter_dsws.infra.endpoints import required_service_names, s3_service_name
from jupyter_dsws.infra.verify import Audit, AuditClients, AuditTarget

REGION = "eu-central-1"
VPC = "vpc-0123456789abcdef0"
DOMAIN_ID = "d-team"
DOMAIN_SUBNETS = ["subnet-a1", "subnet-b1"]
IN_VPC = [{"Name": "vpc-id", "Values": [VPC]}]


@pytest.fixture(autouse=True)
def _aws(fake_aws: None) -> None:
    """Fake credentials for the stubbed client."""


def _two_pages(stub: Stubber, method: str, key: str, first: list, second: list,
               **params: Any) -> None:
    stub.add_response(method, {key: first, "NextToken": "page-2"}, dict(params))
    stub.add_response(method, {key: second}, {**params, "NextToken": "page-2"})


def _table(table_id: str, subnet: str, routes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"RouteTableId": table_id, "VpcId": VPC, "Routes": routes, "Associations": [
        {"RouteTableAssociationId": f"rtbassoc-{table_id}", "RouteTableId": table_id,
         "SubnetId": subnet, "Main": False}]}


def _interface(n: int, service: str) -> dict[str, Any]:
    return {"VpcEndpointId": f"vpce-{n:04}", "VpcEndpointType": "Interface", "VpcId": VPC,
            "ServiceName": service, "PrivateDnsEnabled": True,
            "SubnetIds": ["subnet-a1", "subnet-b2"]}


def test_route_tables_gateways_endpoints_and_subnets_are_read_to_the_last_page() -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    stub = Stubber(ec2)
    local = {"DestinationCidrBlock": "10.42.0.0/16", "GatewayId": "local"}
    stub.add_response("describe_prefix_lists", {"PrefixLists": [
        {"PrefixListId": "pl-6ea54007", "PrefixListName": s3_service_name(REGION)}]},
        {"Filters": [{"Name": "prefix-list-name", "Values": [s3_service_name(REGION)]}]})
    _two_pages(stub, "describe_route_tables", "RouteTables",
               [_table("rtb-first", "subnet-a1", [local])],
               [_table("rtb-second", "subnet-b1", [local, {
                   "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-late"}])],
               Filters=IN_VPC)
    _two_pages(stub, "describe_internet_gateways", "InternetGateways", [],
               [{"InternetGatewayId": "igw-late",
                 "Attachments": [{"VpcId": VPC, "State": "available"}]}],
               Filters=[{"Name": "attachment.vpc-id", "Values": [VPC]}])
    services = required_service_names(REGION)
    half = len(services) // 2
    gateway = {"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": VPC,
               "ServiceName": s3_service_name(REGION)}
    _two_pages(stub, "describe_vpc_endpoints", "VpcEndpoints",
               [gateway, *(_interface(n, s) for n, s in enumerate(services[:half]))],
               [_interface(n + half, s) for n, s in enumerate(services[half:])],
               Filters=IN_VPC)
    _two_pages(stub, "describe_subnets", "Subnets",
               [{"SubnetId": "subnet-a1", "AvailabilityZone": f"{REGION}a", "VpcId": VPC}],
               [{"SubnetId": s, "AvailabilityZone": f"{REGION}b", "VpcId": VPC}
                for s in ("subnet-b1", "subnet-b2")],
               Filters=IN_VPC)
    stub.activate()
    sagemaker = boto3.client("sagemaker", region_name=REGION)
    studio = Stubber(sagemaker)
    studio.add_response("describe_domain", {
        "DomainId": DOMAIN_ID, "DomainName": "team-domain", "VpcId": VPC,
        "SubnetIds": DOMAIN_SUBNETS, "AppNetworkAccessType": "VpcOnly", "AuthMode": "SSO"},
        {"DomainId": DOMAIN_ID})
    studio.add_response("list_user_profiles", {"UserProfiles": []},
                        {"DomainIdEquals": DOMAIN_ID})
    studio.activate()

    findings = Audit(AuditClients(ec2=ec2, s3=None, iam=None, sagemaker=sagemaker),
                     AuditTarget(region=REGION, domain_name="team-domain",
                                 domain_id=DOMAIN_ID)).run()
    stub.assert_no_pending_responses()
    studio.assert_no_pending_responses()

    network = [(f.requirement, f.resource, f.passed, f.evidence) for f in findings
               if f.requirement in ("routes", "no internet gateway", "S3 gateway endpoint")]
    assert network == [
        ("routes", "rtb-first", True, "1 routes, targets local"),
        ("routes", "rtb-second", False, "routes 0.0.0.0/0 to internet gateway igw-late"),
        ("no internet gateway", VPC, False, "internet gateway igw-late is attached"),
        ("S3 gateway endpoint", VPC, True, "vpce-s3"),
    ]
    endpoints = [f for f in findings if f.requirement == "interface endpoint"]
    assert sorted(f.resource for f in endpoints) == sorted(services)
    assert all(f.passed and f"{REGION}a, {REGION}b" in f.evidence for f in endpoints)
