"""The audit's decisions on plain data: routes, bucket policies, role policies."""

from __future__ import annotations

import json

from jupyter_dsws.infra.verify_rules import (
    bucket_policy_problems,
    managed_policy_problem,
    policy_document_problems,
    route_problem,
)

S3_LIST = "pl-6ea54007"


def test_local_and_the_s3_prefix_list_through_an_endpoint_are_allowed():
    assert route_problem({"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                         [S3_LIST]) is None
    assert route_problem({"DestinationPrefixListId": S3_LIST, "GatewayId": "vpce-1"},
                         [S3_LIST]) is None


def test_every_other_route_is_named_with_its_target():
    cases = {
        "routes 0.0.0.0/0 to internet gateway igw-1":
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"},
        "routes 0.0.0.0/0 to NAT gateway nat-1":
            {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"},
        "routes 10.1.0.0/16 to transit gateway tgw-1":
            {"DestinationCidrBlock": "10.1.0.0/16", "TransitGatewayId": "tgw-1"},
        "routes ::/0 to egress-only internet gateway eigw-1":
            {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
        # A prefix list that is not S3's (e.g. DynamoDB) is not part of the design.
        "routes pl-other to gateway vpce-2":
            {"DestinationPrefixListId": "pl-other", "GatewayId": "vpce-2"},
    }
    for expected, route in cases.items():
        assert route_problem(route, [S3_LIST]) == expected


def _policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


TLS = {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
ENDPOINT = {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["s3:*"], "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-s3"}}}


def test_a_bucket_policy_needs_both_denies():
    assert bucket_policy_problems(_policy(TLS, ENDPOINT), ["vpce-s3"]) == []
    assert bucket_policy_problems(_policy(ENDPOINT), ["vpce-s3"]) == [
        "does not deny requests without TLS (aws:SecureTransport false)"]
    assert bucket_policy_problems(_policy(TLS), ["vpce-s3"], need_endpoint=False) == []
    assert bucket_policy_problems(None, []) == ["has no bucket policy"]


def test_an_endpoint_deny_for_another_vpc_or_only_some_actions_does_not_count():
    assert bucket_policy_problems(_policy(TLS, ENDPOINT), ["vpce-mine"]) == [
        "denies access outside vpce-s3, which is not an S3 endpoint of the domain's VPC "
        "(vpce-mine)"]
    narrow = {**ENDPOINT, "Action": "s3:PutObject"}
    assert bucket_policy_problems(_policy(TLS, narrow), ["vpce-s3"]) == [
        "does not deny access from outside the VPC endpoint "
        "(no Deny with StringNotEquals aws:SourceVpce)"]


def test_wildcard_and_not_action_allows_are_wildcard_admin():
    document = {"Statement": [
        {"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Sid": "B", "Effect": "Allow", "Action": ["s3:GetObject", "iam:*"], "Resource": "*"},
        {"Sid": "C", "Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
        {"Sid": "D", "Effect": "Deny", "Action": "*", "Resource": "*"},
        {"Sid": "E", "Effect": "Allow", "Action": "sagemaker:DescribeApp", "Resource": "*"}]}
    assert policy_document_problems(json.dumps(document), "p") == [
        "p statement A allows *", "p statement B allows iam:*",
        "p statement C allows NotAction s3:*"]


def test_broad_aws_managed_policies():
    assert managed_policy_problem("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess") == (
        "has the AWS-managed policy AmazonSageMakerFullAccess attached")
    assert managed_policy_problem("arn:aws:iam::aws:policy/AdministratorAccess")
    assert managed_policy_problem("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess") is None
    assert managed_policy_problem("arn:aws:iam::123456789012:policy/MyFullAccess") is None
