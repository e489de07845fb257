"""The audit's decisions on plain data: routes, bucket policies, role policies."""

from __future__ import annotations

import json

from jupyter_dsws.infra.verify_rules import (
    bucket_policy_problems,
    managed_policy_problem,
    opens_tcp_port,
    policy_document_problems,
    route_problem,
    vpc_dns_problems,
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


def test_a_port_is_open_to_a_group_by_its_own_rule_a_range_or_all_traffic():
    pair = {"UserIdGroupPairs": [{"GroupId": "sg-emr"}]}
    assert opens_tcp_port([{"IpProtocol": "tcp", "FromPort": 8998, "ToPort": 8998, **pair}],
                          8998, "sg-emr")
    assert opens_tcp_port([{"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 11000, **pair}],
                          10000, "sg-emr")
    assert opens_tcp_port([{"IpProtocol": "-1", **pair}], 10000, "sg-emr")
    # Another group, another port, or UDP: closed.
    assert not opens_tcp_port([{"IpProtocol": "tcp", "FromPort": 8998, "ToPort": 8998,
                                "UserIdGroupPairs": [{"GroupId": "sg-other"}]}], 8998, "sg-emr")
    assert not opens_tcp_port([{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, **pair}],
                              8998, "sg-emr")
    assert not opens_tcp_port([{"IpProtocol": "udp", "FromPort": 0, "ToPort": 65535, **pair}],
                              8998, "sg-emr")
    # A range counts only when the VPC is given and the range holds all of it.
    wide = [{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535,
             "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
    narrow = [{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535,
               "IpRanges": [{"CidrIp": "10.42.0.0/20"}]}]
    assert opens_tcp_port(wide, 8998, "sg-emr", "10.42.0.0/16")
    assert not opens_tcp_port(narrow, 8998, "sg-emr", "10.42.0.0/16")
    assert not opens_tcp_port(wide, 8998, "sg-emr")


def test_vpc_dns_needs_both_attributes():
    assert vpc_dns_problems(True, True) == []
    assert vpc_dns_problems(False, True) == ["DNS resolution (enableDnsSupport) is off"]
    assert len(vpc_dns_problems(False, False)) == 2
