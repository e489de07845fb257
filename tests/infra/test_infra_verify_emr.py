"""`dsws infra verify`: the Studio → EMR path, against an account built in moto's server.

moto holds the VPC (with its DNS attributes), the security groups and their rules, the
Studio domain with its apps' security group, and a CloudFormation stack whose output names
the EMR primary group, as the deployed stack does. Each failure names its fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from jupyter_dsws.infra.verify import Audit, AuditClients, AuditTarget
from jupyter_dsws.infra.verify_emr import EmrPathTarget
from jupyter_dsws.infra.verify_report import render

REGION = "eu-central-1"
EMR_REQUIREMENTS = ("VPC DNS", "Studio → EMR egress", "EMR primary ingress",
                    "EMR primary group", "security group")


# Fake credentials for every client of these tests.
pytestmark = pytest.mark.usefixtures("fake_aws")


@dataclass
class Account:
    clients: dict[str, Any]
    vpc: str
    studio: str
    primary: str


def _pair(group: str, port: int) -> dict[str, Any]:
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
            "UserIdGroupPairs": [{"GroupId": group}]}


def _build(make, *, support: bool = True, hostnames: bool = True, studio_ports=(8998, 10000),
           primary_ports=(8998, 10000), stack_output: bool = True) -> Account:
    ec2, sm, cfn, iam = (make(n) for n in ("ec2", "sagemaker", "cloudformation", "iam"))
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": support})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": hostnames})
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.0.0/20",
                               AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]

    def group(name: str) -> str:
        gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
        # As the stack makes them: no default allow-all egress.
        ec2.revoke_security_group_egress(GroupId=gid, IpPermissions=[
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        return gid

    studio, primary = group("studio"), group("emr-primary")
    if studio_ports:
        ec2.authorize_security_group_egress(
            GroupId=studio, IpPermissions=[_pair(primary, p) for p in studio_ports])
    if primary_ports:
        ec2.authorize_security_group_ingress(
            GroupId=primary, IpPermissions=[_pair(studio, p) for p in primary_ports])
    outputs = {"StudioSecurityGroup": {"Value": studio}}
    if stack_output:
        outputs["EmrManagedMasterSecurityGroup"] = {"Value": primary}
    cfn.create_stack(StackName="team-studio", TemplateBody=json.dumps({
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": outputs}))
    sm.create_domain(DomainName="team-domain", AuthMode="SSO", VpcId=vpc, SubnetIds=[subnet],
                     AppNetworkAccessType="VpcOnly",
                     DefaultUserSettings={"ExecutionRole": "arn:aws:iam::123456789012:role/x",
                                          "SecurityGroups": [studio]})
    return Account({"ec2": ec2, "sagemaker": sm, "cloudformation": cfn, "iam": iam, "s3": None},
                   vpc, studio, primary)


def _emr_findings(account: Account, **target: Any) -> list:
    clients = AuditClients(**account.clients)
    emr = EmrPathTarget(stack_name="team-studio", **target)
    findings = Audit(clients, AuditTarget(region=REGION, domain_name="team-domain",
                                          emr=emr)).run()
    return [f for f in findings if f.requirement in EMR_REQUIREMENTS]


def _failed(findings: list) -> list[tuple[str, str, str, str]]:
    return [(f.requirement, f.resource, f.evidence, f.fix) for f in findings if not f.passed]


def test_the_path_the_stack_makes_passes_with_evidence(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    findings = _emr_findings(account)
    assert [(f.requirement, f.resource, f.passed, f.evidence) for f in findings] == [
        ("VPC DNS", account.vpc, True, "DNS support and DNS hostnames on"),
        ("Studio → EMR egress", account.studio, True, f"TCP 8998, 10000 to {account.primary}"),
        ("EMR primary ingress", account.primary, True,
         f"TCP 8998, 10000 from {account.studio}")]
    assert all(f.fix == "" for f in findings)


def test_dns_hostnames_off_fails_with_the_command_that_turns_them_on(fresh_emulator,
                                                                     emulator_client):
    account = _build(emulator_client, hostnames=False)
    assert _failed(_emr_findings(account)) == [(
        "VPC DNS", account.vpc,
        "DNS hostnames (enableDnsHostnames) are off: Studio cannot resolve the EMR primary "
        "node's private DNS name",
        f"aws ec2 modify-vpc-attribute --vpc-id {account.vpc} --enable-dns-hostnames "
        "'{\"Value\":true}'")]


def test_dns_support_off_fails_too_and_the_json_report_carries_the_fixes(fresh_emulator,
                                                                         emulator_client):
    account = _build(emulator_client, support=False, hostnames=False)
    findings = _emr_findings(account)
    ((requirement, _, evidence, fix),) = _failed(findings)
    assert requirement == "VPC DNS"
    assert evidence.startswith("DNS resolution (enableDnsSupport) is off; DNS hostnames")
    assert fix == (f"aws ec2 modify-vpc-attribute --vpc-id {account.vpc} --enable-dns-support "
                   f"'{{\"Value\":true}}'; aws ec2 modify-vpc-attribute --vpc-id {account.vpc} "
                   "--enable-dns-hostnames '{\"Value\":true}'")
    report = json.loads(render(findings, "json"))
    assert report["passed"] is False
    assert [f["fix"] for f in report["findings"] if not f["passed"]] == [fix]


def test_studio_without_egress_to_hiveserver2_fails_naming_port_and_groups(fresh_emulator,
                                                                           emulator_client):
    account = _build(emulator_client, studio_ports=(8998,))
    assert _failed(_emr_findings(account)) == [(
        "Studio → EMR egress", account.studio,
        f"sends no TCP 10000 (HiveServer2) to {account.primary}",
        f"aws ec2 authorize-security-group-egress --group-id {account.studio} --ip-permissions "
        f"'IpProtocol=tcp,FromPort=10000,ToPort=10000,UserIdGroupPairs=[{{GroupId="
        f"{account.primary}}}]'")]


def test_studio_egress_open_to_the_vpc_range_counts(fresh_emulator, emulator_client):
    account = _build(emulator_client, studio_ports=())
    account.clients["ec2"].authorize_security_group_egress(
        GroupId=account.studio, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 0,
                                                "ToPort": 65535,
                                                "IpRanges": [{"CidrIp": "10.42.0.0/16"}]}])
    assert _failed(_emr_findings(account)) == []


def test_a_primary_group_without_livy_from_studio_fails_with_the_exact_rule(fresh_emulator,
                                                                           emulator_client):
    account = _build(emulator_client, primary_ports=(10000,))
    assert _failed(_emr_findings(account)) == [(
        "EMR primary ingress", account.primary,
        f"admits no TCP 8998 (Livy) from {account.studio}",
        f"aws ec2 authorize-security-group-ingress --group-id {account.primary} --protocol tcp "
        f"--port 8998 --source-group {account.studio}")]


def test_the_configured_livy_port_is_the_one_checked(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    failed = _failed(_emr_findings(account, livy_port=8999))
    assert [(r, e) for r, _, e, _ in failed] == [
        ("Studio → EMR egress", f"sends no TCP 8999 (Livy) to {account.primary}"),
        ("EMR primary ingress", f"admits no TCP 8999 (Livy) from {account.studio}")]


def test_a_stack_without_the_emr_output_fails_saying_how_to_get_one(fresh_emulator,
                                                                    emulator_client):
    account = _build(emulator_client, stack_output=False)
    assert _failed(_emr_findings(account)) == [(
        "EMR primary group", "team-studio",
        "the stack team-studio has no output EmrManagedMasterSecurityGroup",
        "set emr_security_groups = true and run `dsws infra deploy`, or name the cluster's "
        "group: dsws infra verify --emr-security-group sg-…")]


def test_a_named_group_is_checked_instead_and_an_unknown_one_fails(fresh_emulator,
                                                                   emulator_client):
    account = _build(emulator_client, stack_output=False)
    findings = _emr_findings(account, primary_groups=[account.primary, "sg-0000000000000dead"])
    assert [(f.requirement, f.resource, f.passed) for f in findings] == [
        ("VPC DNS", account.vpc, True),
        ("security group", "sg-0000000000000dead", False),
        ("Studio → EMR egress", account.studio, True),
        ("EMR primary ingress", account.primary, True)]
    table = render(findings, "table")
    assert f"sg-0000000000000dead is not a security group of {account.vpc}" in table


def test_a_domain_without_an_app_security_group_fails(fresh_emulator, emulator_client):
    account = _build(emulator_client)
    sm = account.clients["sagemaker"]
    subnets = [s["SubnetId"] for s in account.clients["ec2"].describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [account.vpc]}])["Subnets"]]
    sm.create_domain(DomainName="bare-domain", AuthMode="SSO", VpcId=account.vpc,
                     SubnetIds=subnets, AppNetworkAccessType="VpcOnly",
                     DefaultUserSettings={"ExecutionRole": "arn:aws:iam::123456789012:role/x"})
    clients = AuditClients(**account.clients)
    findings = Audit(clients, AuditTarget(region=REGION, domain_name="bare-domain",
                                          emr=EmrPathTarget(stack_name="team-studio"))).run()
    (failed,) = [f for f in findings if f.requirement == "Studio → EMR egress"]
    assert (failed.passed, failed.evidence) == (False,
                                                "the domain gives its apps no security group")
    assert failed.fix.startswith("aws sagemaker update-domain --domain-id ")
