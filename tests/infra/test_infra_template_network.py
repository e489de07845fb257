"""CDK assertions on the synthesized template, the network and the data perimeter: no
internet path, the VPC endpoints with private DNS, the security groups, the flow logs, the
key and the buckets (issue 16).

Resources are found by type and properties, never by CDK's hashed logical ids.
"""

from __future__ import annotations

import json

import pytest

from jupyter_dsws.infra.endpoints import INTERFACE_ENDPOINTS, interface_endpoints

assertions = pytest.importorskip("aws_cdk.assertions")

REGION = "eu-central-1"


# -- network: NFR-1 / NFR-2 ---------------------------------------------------------------

def test_no_internet_gateway_nat_or_public_subnet(template, minimal_stack):
    for stack in (template, assertions.Template.from_json(minimal_stack.template)):
        for kind in ("AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment",
                     "AWS::EC2::NatGateway", "AWS::EC2::EIP", "AWS::EC2::EgressOnlyInternetGateway",
                     "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::VPCPeeringConnection"):
            stack.resource_count_is(kind, 0)
        stack.all_resources_properties("AWS::EC2::Subnet", {"MapPublicIpOnLaunch": False})


def test_routes_only_local_and_the_s3_gateway(full_stack):
    # The only AWS::EC2::Route resources would be to an IGW/NAT; the S3 endpoint adds its
    # prefix-list routes itself through RouteTableIds.
    assert full_stack.resources("AWS::EC2::Route") == {}
    tables = full_stack.resources("AWS::EC2::RouteTable")
    gateway = next(e for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
                   if e["Properties"].get("VpcEndpointType") == "Gateway")
    assert {t["Ref"] for t in gateway["Properties"]["RouteTableIds"]} == set(tables)


def test_two_private_subnets_in_different_azs(full_stack):
    subnets = list(full_stack.resources("AWS::EC2::Subnet").values())
    assert len(subnets) == 2
    zones = [json.dumps(s["Properties"]["AvailabilityZone"]) for s in subnets]
    assert len(set(zones)) == 2


def test_every_required_interface_endpoint_with_private_dns(template, full_stack):
    endpoints = [e["Properties"] for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
                 if e["Properties"].get("VpcEndpointType") == "Interface"]
    names = sorted(e["ServiceName"] for e in endpoints)
    # The full config turns every switched endpoint on (EMR Serverless, LDAP's secrets).
    expected = sorted(e.service_name(REGION) for e in INTERFACE_ENDPOINTS)
    assert names == expected
    for must in ("sagemaker.api", "sagemaker.runtime", "sts", "servicecatalog", "codecommit",
                 "git-codecommit", "logs", "ecr.api", "ecr.dkr", "elasticmapreduce", "ec2",
                 "emr-serverless", "emr-serverless-services.livy", "emr-serverless.dashboard",
                 "secretsmanager"):
        assert f"com.amazonaws.{REGION}.{must}" in names
    assert f"aws.sagemaker.{REGION}.studio" in names
    assert all(e["PrivateDnsEnabled"] is True for e in endpoints)
    template.resource_properties_count_is(
        "AWS::EC2::VPCEndpoint", {"VpcEndpointType": "Gateway"}, 1)


def test_emr_serverless_and_secrets_manager_endpoints_follow_their_switches(minimal_stack):
    # emr_serverless = false and emr_ldap left at its default (false): none of the four
    # switched endpoints, every other one.
    names = sorted(e["Properties"]["ServiceName"]
                   for e in minimal_stack.resources("AWS::EC2::VPCEndpoint").values()
                   if e["Properties"].get("VpcEndpointType") == "Interface")
    assert names == sorted(e.service_name(REGION) for e in interface_endpoints())
    assert not any("emr-serverless" in n or "secretsmanager" in n for n in names)
    assert f"com.amazonaws.{REGION}.elasticmapreduce" in names
    assert {e.switch for e in INTERFACE_ENDPOINTS} == {"", "emr_serverless", "emr_ldap"}


def test_endpoint_policies_only_for_this_account(full_stack):
    by_name = {e["Properties"]["ServiceName"]: e["Properties"]
               for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
               if e["Properties"].get("VpcEndpointType") == "Interface"}
    for spec in INTERFACE_ENDPOINTS:
        endpoint = by_name[spec.service_name(REGION)]
        if spec.policy_prefix is None:
            assert "PolicyDocument" not in endpoint
            continue
        (statement,) = endpoint["PolicyDocument"]["Statement"]
        assert statement["Action"] == f"{spec.policy_prefix}:*"
        assert statement["Condition"] == {
            "StringEquals": {"aws:PrincipalAccount": {"Ref": "AWS::AccountId"}}}


def test_s3_endpoint_policy_is_a_data_perimeter(full_stack):
    gateway = next(e["Properties"] for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
                   if e["Properties"].get("VpcEndpointType") == "Gateway")
    statements = {s["Sid"]: s for s in gateway["PolicyDocument"]["Statement"]}
    own = statements["OwnAccountBuckets"]
    assert own["Condition"]["StringEquals"]["aws:ResourceAccount"] == {"Ref": "AWS::AccountId"}
    assert "s3:*" not in own["Action"]
    assert statements["EcrImageLayers"]["Resource"] == (
        f"arn:aws:s3:::prod-{REGION}-starport-layer-bucket/*")


def _groups(stack) -> dict[str, str]:
    """Security group logical id by the start of its description."""
    groups = stack.resources("AWS::EC2::SecurityGroup")
    found = {}
    for start in ("SageMaker Studio", "Interface endpoints", "EMR primary", "EMR core",
                  "EMR service access"):
        (found[start],) = [k for k, v in groups.items()
                           if v["Properties"]["GroupDescription"].startswith(start)]
    return found


def _rules(stack, kind: str, owner: str) -> list[tuple]:
    """(protocol, from, to, peer) of the separate ingress or egress rules of ``owner``."""
    return sorted(
        (r["IpProtocol"], r.get("FromPort"), r.get("ToPort"),
         json.dumps(r.get("SourceSecurityGroupId") or r.get("DestinationSecurityGroupId")
               or r.get("CidrIp")))
        for r in (x["Properties"] for x in stack.resources(kind).values())
        if r["GroupId"] == {"Fn::GetAtt": [owner, "GroupId"]})


def test_security_groups_have_exactly_the_studio_rules(full_stack):
    groups = full_stack.resources("AWS::EC2::SecurityGroup")
    ids = _groups(full_stack)
    studio, endpoint = ids["SageMaker Studio"], ids["Interface endpoints"]
    emr, core = ids["EMR primary"], ids["EMR core"]
    ref = {k: json.dumps({"Fn::GetAtt": [v, "GroupId"]}) for k, v in ids.items()}
    ingress, egress = "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"
    studio_ref, emr_ref = ref["SageMaker Studio"], ref["EMR primary"]
    assert _rules(full_stack, ingress, studio) == [("tcp", 0, 65535, studio_ref)]
    assert _rules(full_stack, ingress, endpoint) == sorted(
        [("tcp", 443, 443, studio_ref), ("tcp", 443, 443, emr_ref),
         ("tcp", 443, 443, ref["EMR core"])])
    # Livy and HiveServer2 from Studio, and nothing else: EMR adds its own rules at launch.
    assert _rules(full_stack, ingress, emr) == [("tcp", 8998, 8998, studio_ref),
                                                ("tcp", 10000, 10000, studio_ref)]
    assert _rules(full_stack, ingress, core) == []
    assert _rules(full_stack, egress, studio) == sorted(
        [("tcp", 0, 65535, studio_ref), ("tcp", 443, 443, ref["Interface endpoints"]),
         ("tcp", 8998, 8998, emr_ref), ("tcp", 10000, 10000, emr_ref)])
    # Inline rules of the studio group: NFS to the VPC and HTTPS to S3, nothing else.
    inline = groups[studio]["Properties"]["SecurityGroupEgress"]
    assert sorted((r["FromPort"], r["CidrIp"]) for r in inline) == [
        (443, "0.0.0.0/0"), (2049, "10.42.0.0/16")]
    assert "SecurityGroupIngress" not in groups[endpoint]["Properties"]
    assert groups[studio]["Properties"].get("SecurityGroupIngress") is None


def test_emr_service_access_group_for_private_subnets(full_stack):
    # AWS's "Working with Amazon EMR-managed security groups": service access takes 9443
    # from the primary and sends 8443 to every node (5.30 to 7.x); from 8.0 it takes HTTPS
    # from the cluster's instances. EMR adds no outbound rule to custom groups: the nodes'
    # egress is all here.
    ids = _groups(full_stack)
    ref = {k: json.dumps({"Fn::GetAtt": [v, "GroupId"]}) for k, v in ids.items()}
    service, emr, core = ids["EMR service access"], ids["EMR primary"], ids["EMR core"]
    ingress, egress = "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"
    assert _rules(full_stack, ingress, service) == sorted(
        [("tcp", 9443, 9443, ref["EMR primary"]), ("tcp", 443, 443, ref["EMR primary"]),
         ("tcp", 443, 443, ref["EMR core"])])
    assert _rules(full_stack, egress, service) == sorted(
        [("tcp", 8443, 8443, ref["EMR primary"]), ("tcp", 8443, 8443, ref["EMR core"])])
    node_egress = [("-1", None, None, ref["EMR primary"]), ("-1", None, None, ref["EMR core"]),
                   ("tcp", 443, 443, ref["Interface endpoints"]),
                   ("tcp", 443, 443, ref["EMR service access"])]
    assert _rules(full_stack, egress, emr) == sorted(
        [*node_egress, ("tcp", 9443, 9443, ref["EMR service access"])])
    assert _rules(full_stack, egress, core) == sorted(node_egress)
    groups = full_stack.resources("AWS::EC2::SecurityGroup")
    for node in (emr, core):  # HTTPS to S3, inline like Studio's
        assert [(r["FromPort"], r["CidrIp"]) for r in
                groups[node]["Properties"]["SecurityGroupEgress"]] == [(443, "0.0.0.0/0")]


def test_emr_groups_are_stack_outputs_named_as_emr_takes_them(full_stack, minimal_stack):
    outputs = full_stack.template["Outputs"]
    ids = _groups(full_stack)
    for key, group in (("EmrManagedMasterSecurityGroup", "EMR primary"),
                       ("EmrManagedSlaveSecurityGroup", "EMR core"),
                       ("ServiceAccessSecurityGroup", "EMR service access")):
        assert outputs[key]["Value"] == {"Fn::GetAtt": [ids[group], "GroupId"]}
    attributes = json.dumps(outputs["EmrEc2Attributes"]["Value"])
    for part in ("SubnetId=", ",EmrManagedMasterSecurityGroup=",
                 ",EmrManagedSlaveSecurityGroup=", ",ServiceAccessSecurityGroup="):
        assert part in attributes
    assert not {"EmrManagedMasterSecurityGroup", "EmrEc2Attributes"} & set(
        minimal_stack.template["Outputs"])
    assert len(minimal_stack.resources("AWS::EC2::SecurityGroup")) == 2


def test_flow_logs_capture_all_traffic(template):
    template.has_resource_properties("AWS::EC2::FlowLog", {
        "ResourceType": "VPC", "TrafficType": "ALL", "LogDestinationType": "s3"})


def test_flow_log_delivery_is_granted_in_the_template(full_stack):
    # Left to AWS, the grant is added outside CloudFormation and a later stack update of
    # the bucket policy silently stops the flow logs.
    granted = [
        statement
        for policy in full_stack.resources("AWS::S3::BucketPolicy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement.get("Principal") == {"Service": "delivery.logs.amazonaws.com"}
    ]
    assert any(s["Effect"] == "Allow" and s["Action"] == "s3:PutObject" for s in granted)


# -- storage and keys ---------------------------------------------------------------------

def test_key_rotates_and_is_kept(template):
    template.has_resource("AWS::KMS::Key", {
        "Properties": {"EnableKeyRotation": True}, "DeletionPolicy": "Retain"})


def test_every_bucket_blocks_public_access_and_is_encrypted(full_stack):
    buckets = full_stack.resources("AWS::S3::Bucket")
    assert len(buckets) == 3
    names = set()
    for bucket in buckets.values():
        props = bucket["Properties"]
        names.add(props["BucketName"])
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True,
            "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
        assert props["VersioningConfiguration"] == {"Status": "Enabled"}
        assert bucket["DeletionPolicy"] == "Retain"
        rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        algorithm = rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"]
        if props["BucketName"].startswith("team-logs-"):
            assert algorithm == "AES256"  # the one justified exception: access-log target
            skips = [s["id"] for s in bucket["Metadata"]["checkov"]["skip"]]
            assert skips == ["CKV_AWS_18"]
        else:
            assert algorithm == "aws:kms"
            assert "KMSMasterKeyID" in rule["ServerSideEncryptionByDefault"]
            assert props["LoggingConfiguration"]["DestinationBucketName"]
    assert names == {f"team-{kind}-{REGION}-123456789012"
                     for kind in ("data", "artefacts", "logs")}


def test_buckets_deny_plain_http(full_stack):
    policies = full_stack.resources("AWS::S3::BucketPolicy")
    assert len(policies) == 3
    for policy in policies.values():
        assert any(s["Effect"] == "Deny" and s["Action"] == "s3:*"
                   and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
                   for s in policy["Properties"]["PolicyDocument"]["Statement"])


def test_data_buckets_deny_access_outside_the_endpoint_except_break_glass(full_stack):
    gateway_id = next(k for k, e in full_stack.resources("AWS::EC2::VPCEndpoint").items()
                      if e["Properties"].get("VpcEndpointType") == "Gateway")
    buckets = {k: v["Properties"]["BucketName"]
               for k, v in full_stack.resources("AWS::S3::Bucket").items()}
    guarded = set()
    for policy in full_stack.resources("AWS::S3::BucketPolicy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if statement.get("Sid") != "DenyOutsideVpcEndpoint":
                continue
            assert statement["Effect"] == "Deny" and statement["Principal"] == {"AWS": "*"}
            assert statement["Condition"]["StringNotEquals"] == {
                "aws:SourceVpce": {"Ref": gateway_id}}
            assert statement["Condition"]["ArnNotLike"]["aws:PrincipalArn"] == [
                "arn:aws:iam::123456789012:role/dsws-admin",
                "arn:aws:iam::123456789012:role/cdk-*-cfn-exec-role-123456789012-eu-central-1"]
            guarded.add(buckets[policy["Properties"]["Bucket"]["Ref"]])
    assert guarded == {f"team-data-{REGION}-123456789012",
                       f"team-artefacts-{REGION}-123456789012"}
