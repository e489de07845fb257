"""The Network construct on its own: the options the default config does not exercise."""

from __future__ import annotations

import pytest

assertions = pytest.importorskip("aws_cdk.assertions")


def test_three_named_azs_and_s3_egress_through_the_prefix_list():
    from aws_cdk import App, Environment, Stack
    from aws_cdk import aws_s3 as s3

    from jupyter_dsws.infra.network import Network

    stack = Stack(App(), "NetworkOnly", env=Environment(region="eu-west-1"))
    logs = s3.Bucket(stack, "Logs")
    Network(stack, "Network", region="eu-west-1", cidr="10.7.0.0/16", az_count=3,
            availability_zones=("eu-west-1a", "eu-west-1b", "eu-west-1c"),
            s3_prefix_list_id="pl-6da54004", flow_log_bucket=logs,
            emr_security_groups=False)
    template = assertions.Template.from_stack(stack)
    subnets = template.find_resources("AWS::EC2::Subnet")
    assert sorted(s["Properties"]["AvailabilityZone"] for s in subnets.values()) == [
        "eu-west-1a", "eu-west-1b", "eu-west-1c"]
    studio = next(g for g in template.find_resources("AWS::EC2::SecurityGroup").values()
                  if g["Properties"]["GroupDescription"].startswith("SageMaker Studio"))
    egress = studio["Properties"]["SecurityGroupEgress"] + [
        r["Properties"] for r in template.find_resources("AWS::EC2::SecurityGroupEgress").values()]
    to_s3 = [r for r in egress if r.get("DestinationPrefixListId") == "pl-6da54004"]
    assert [(r["IpProtocol"], r["FromPort"], r["ToPort"]) for r in to_s3] == [("tcp", 443, 443)]
    assert not any(rule.get("CidrIp") == "0.0.0.0/0" for rule in egress)
    template.resource_count_is("AWS::EC2::SecurityGroup", 2)  # no EMR group when off
    for endpoint in template.find_resources("AWS::EC2::VPCEndpoint").values():
        if endpoint["Properties"]["VpcEndpointType"] == "Interface":
            assert endpoint["Properties"]["ServiceName"].startswith(
                ("com.amazonaws.eu-west-1.", "aws.sagemaker.eu-west-1."))
            assert len(endpoint["Properties"]["SubnetIds"]) == 3
