"""`dsws infra verify`: the network path from Studio to an EMR cluster's primary node.

What the EMR panel's "Check the path" needs from the account, checked once for the whole
VPC: DNS support and hostnames on (the primary's private DNS name must resolve), Studio's
security groups sending Livy and HiveServer2 to the EMR primary group, and that group
admitting both from Studio. The interface endpoints (EMR, EMR Serverless, Secrets Manager
for LDAP) are checked with the others by ``verify``. Each failure says what to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import aws
from .emr_groups import HIVESERVER2
from .verify_report import Finding
from .verify_rules import opens_tcp_port, vpc_dns_problems

# The stack output that names the primary group; the first release called it this.
PRIMARY_OUTPUTS = ("EmrManagedMasterSecurityGroup", "EmrPrimarySecurityGroup")


@dataclass
class EmrPathTarget:
    livy_port: int = 8998
    #: The EMR primary groups to check; empty = the stack's output names it.
    primary_groups: list[str] = field(default_factory=list)
    stack_name: str = ""

    @property
    def ports(self) -> tuple[tuple[int, str], ...]:
        return ((self.livy_port, "Livy"), (HIVESERVER2, "HiveServer2"))


def studio_groups(domain: dict[str, Any]) -> list[str]:
    """The security groups the domain gives its apps (user and space defaults)."""
    groups: list[str] = []
    for settings in ("DefaultUserSettings", "DefaultSpaceSettings"):
        for group in domain.get(settings, {}).get("SecurityGroups") or []:
            if group not in groups:
                groups.append(group)
    return groups


def primary_groups_from_stack(cloudformation: Any, stack_name: str) -> list[str]:
    stacks = cloudformation.describe_stacks(StackName=stack_name).get("Stacks", [])
    outputs = {o["OutputKey"]: o["OutputValue"]
               for s in stacks for o in s.get("Outputs", [])}
    return [outputs[key] for key in PRIMARY_OUTPUTS if key in outputs][:1]


def dns_finding(ec2: Any, vpc_id: str) -> Finding:
    def on(attribute: str, key: str) -> bool:
        answer = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute=attribute)
        return bool(answer.get(key, {}).get("Value"))

    support, hostnames = on("enableDnsSupport", "EnableDnsSupport"), on(
        "enableDnsHostnames", "EnableDnsHostnames")
    problems = vpc_dns_problems(support, hostnames)
    fixes = [f"aws ec2 modify-vpc-attribute --vpc-id {vpc_id} --{flag} '{{\"Value\":true}}'"
             for flag, ok in (("enable-dns-support", support),
                              ("enable-dns-hostnames", hostnames)) if not ok]
    return Finding("VPC DNS", vpc_id, not problems,
                   "; ".join(problems) or "DNS support and DNS hostnames on", "; ".join(fixes))


def path_findings(ec2: Any, *, vpc_id: str, domain_id: str, studio: list[str],
                  primaries: list[str], target: EmrPathTarget) -> list[Finding]:
    """Studio's egress to, and the primary group's ingress from, each pair of groups."""
    if not studio:
        return [Finding(
            "Studio → EMR egress", domain_id, False,
            "the domain gives its apps no security group",
            f"aws sagemaker update-domain --domain-id {domain_id} --default-user-settings "
            "'{\"SecurityGroups\":[\"<the Studio group>\"]}' (the stack's StudioSecurityGroup)")]
    vpc = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]
    groups = {g["GroupId"]: g for g in aws.items(
        ec2, "describe_security_groups", "SecurityGroups",
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])}
    findings = []
    for group in [*studio, *primaries]:
        if group not in groups:
            findings.append(Finding("security group", group, False,
                                    f"{group} is not a security group of {vpc_id}",
                                    "name a group of the domain's VPC"))
    for source in (g for g in studio if g in groups):
        for primary in (p for p in primaries if p in groups):
            findings.append(_egress(groups[source], primary, vpc["CidrBlock"], target))
    for primary in (p for p in primaries if p in groups):
        for source in (g for g in studio if g in groups):
            findings.append(_ingress(groups[primary], source, target))
    return findings


def _egress(group: dict[str, Any], primary: str, vpc_cidr: str,
            target: EmrPathTarget) -> Finding:
    gid = group["GroupId"]
    missing = [(port, name) for port, name in target.ports
               if not opens_tcp_port(group.get("IpPermissionsEgress", []), port, primary,
                                     vpc_cidr)]
    fix = "; ".join(
        f"aws ec2 authorize-security-group-egress --group-id {gid} --ip-permissions "
        f"'IpProtocol=tcp,FromPort={port},ToPort={port},UserIdGroupPairs=[{{GroupId={primary}}}]'"
        for port, _ in missing)
    return Finding("Studio → EMR egress", gid, not missing,
                   "; ".join(f"sends no TCP {port} ({name}) to {primary}"
                             for port, name in missing)
                   or f"TCP {', '.join(str(p) for p, _ in target.ports)} to {primary}", fix)


def _ingress(group: dict[str, Any], source: str, target: EmrPathTarget) -> Finding:
    gid = group["GroupId"]
    # Only a rule naming Studio's group counts: a CIDR rule wide enough to let Studio in
    # lets the whole VPC in, and the stack's group never has one.
    missing = [(port, name) for port, name in target.ports
               if not opens_tcp_port(group.get("IpPermissions", []), port, source)]
    fix = "; ".join(
        f"aws ec2 authorize-security-group-ingress --group-id {gid} --protocol tcp "
        f"--port {port} --source-group {source}" for port, _ in missing)
    return Finding("EMR primary ingress", gid, not missing,
                   "; ".join(f"admits no TCP {port} ({name}) from {source}"
                             for port, name in missing)
                   or f"TCP {', '.join(str(p) for p, _ in target.ports)} from {source}", fix)
