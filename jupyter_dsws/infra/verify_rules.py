"""The audit's decisions, as plain functions on what AWS's describe calls return.

Each answers "what is wrong with this thing" as a list of sentences (empty = compliant), so
it can be tested on plain data, and the audit can quote the sentences as its evidence.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import Any

# Route targets and what they mean, for a message a person understands.
_ROUTE_TARGETS = (
    ("GatewayId", "gateway"), ("NatGatewayId", "NAT gateway"),
    ("TransitGatewayId", "transit gateway"), ("VpcPeeringConnectionId", "peering connection"),
    ("EgressOnlyInternetGatewayId", "egress-only internet gateway"),
    ("NetworkInterfaceId", "network interface"), ("InstanceId", "instance"),
    ("CarrierGatewayId", "carrier gateway"), ("LocalGatewayId", "local gateway"),
    ("CoreNetworkArn", "core network"), ("VpcEndpointId", "VPC endpoint"),
)

# AWS-managed policies that hand out far more than a Studio user should have.
BROAD_MANAGED_POLICIES = ("AdministratorAccess", "PowerUserAccess", "IAMFullAccess")


def route_problem(route: dict[str, Any], s3_prefix_list_ids: Iterable[str]) -> str | None:
    """Only ``local`` and the S3 prefix list through a gateway endpoint may be routed."""
    target_key, target_kind = next(
        ((key, kind) for key, kind in _ROUTE_TARGETS if route.get(key)), (None, "nothing"))
    target = route.get(target_key) if target_key else None
    if target == "local":
        return None
    destination = (route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock")
                   or route.get("DestinationPrefixListId") or "?")
    if (route.get("DestinationPrefixListId") in set(s3_prefix_list_ids)
            and str(target).startswith("vpce-")):
        return None
    kind = ("internet gateway" if str(target).startswith("igw-") else target_kind)
    return f"routes {destination} to {kind} {target}"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _covers_all_of_s3(statement: dict[str, Any]) -> bool:
    actions = _as_list(statement.get("Action"))
    principal = statement.get("Principal")
    everyone = principal == "*" or (isinstance(principal, dict)
                                    and "*" in _as_list(principal.get("AWS")))
    return everyone and any(a in ("*", "s3:*") for a in actions)


def bucket_policy_problems(policy_text: str | None, endpoint_ids: Iterable[str],
                           *, need_endpoint: bool = True) -> list[str]:
    """A bucket's policy must deny plain HTTP and, for data buckets, any request that does
    not come through one of the VPC's S3 endpoints."""
    if not policy_text:
        return ["has no bucket policy"]
    try:
        statements = _as_list(json.loads(policy_text).get("Statement"))
    except (ValueError, AttributeError):
        return ["has a bucket policy that is not JSON"]
    denies = [s for s in statements if s.get("Effect") == "Deny" and _covers_all_of_s3(s)]
    problems = []
    if not any(str((s.get("Condition") or {}).get("Bool", {}).get("aws:SecureTransport"))
               .lower() == "false" for s in denies):
        problems.append("does not deny requests without TLS (aws:SecureTransport false)")
    if need_endpoint:
        endpoints = set(endpoint_ids)
        found = []
        for statement in denies:
            condition = statement.get("Condition") or {}
            for operator in ("StringNotEquals", "StringNotEqualsIfExists"):
                values = _as_list((condition.get(operator) or {}).get("aws:SourceVpce"))
                if values:
                    found.extend(values)
        if not found:
            problems.append("does not deny access from outside the VPC endpoint "
                            "(no Deny with StringNotEquals aws:SourceVpce)")
        elif endpoints and not set(found) & endpoints:
            problems.append(f"denies access outside {', '.join(sorted(found))}, which is not "
                            f"an S3 endpoint of the domain's VPC ({', '.join(sorted(endpoints))})")
    return problems


def policy_document_problems(document: Any, where: str) -> list[str]:
    """Wildcard admin in an identity policy: ``*`` or a whole service, or NotAction."""
    if isinstance(document, str):
        document = json.loads(document)
    problems = []
    for index, statement in enumerate(_as_list((document or {}).get("Statement"))):
        if statement.get("Effect") != "Allow":
            continue
        label = f"{where} statement {statement.get('Sid') or index}"
        if "NotAction" in statement:
            problems.append(f"{label} allows NotAction {statement['NotAction']}")
        for action in _as_list(statement.get("Action")):
            if action == "*" or str(action).endswith(":*"):
                problems.append(f"{label} allows {action}")
    return problems


def managed_policy_problem(policy_arn: str) -> str | None:
    name = policy_arn.rsplit("/", 1)[-1]
    if policy_arn.startswith("arn:aws:iam::aws:policy/") and (
            name in BROAD_MANAGED_POLICIES or name.endswith("FullAccess")):
        return f"has the AWS-managed policy {name} attached"
    return None


def tables_for_subnets(tables: list[dict[str, Any]],
                       subnets: list[str]) -> list[dict[str, Any]]:
    """The route tables the domain's ``subnets`` use: their own, else the VPC's main one."""
    chosen, covered = [], set()
    for table in tables:
        mine = {a.get("SubnetId") for a in table.get("Associations", [])} & set(subnets)
        if mine:
            chosen.append(table)
            covered |= mine
    if set(subnets) - covered:  # those subnets use the VPC's main table
        chosen += [t for t in tables if any(a.get("Main") for a in t.get("Associations", []))
                   and t not in chosen]
    return chosen


def endpoint_problems(endpoint: dict[str, Any], zones: set[str],
                      needed_zones: set[str]) -> list[str]:
    """What is wrong with an interface endpoint in ``zones``: private DNS off, or no subnet
    in one of the domain's ``needed_zones``."""
    problems = []
    if not endpoint.get("PrivateDnsEnabled"):
        problems.append(f"{endpoint['VpcEndpointId']} has private DNS off")
    if needed_zones - zones:
        problems.append(f"{endpoint['VpcEndpointId']} has no subnet in "
                        f"{', '.join(sorted(needed_zones - zones))}")
    return problems


def opens_tcp_port(permissions: list[dict[str, Any]], port: int, peer_group: str,
                   vpc_cidr: str | None = None) -> bool:
    """Whether a security group's ``IpPermissions`` (ingress) or ``IpPermissionsEgress``
    let TCP ``port`` through to or from ``peer_group``: a rule naming that group or, when
    ``vpc_cidr`` is given, an IPv4 range holding the whole VPC (the group's members are in
    it)."""
    for rule in permissions:
        protocol = str(rule.get("IpProtocol"))
        if protocol not in ("-1", "tcp", "6"):
            continue
        if protocol != "-1" and not (rule.get("FromPort", 0) <= port <= rule.get("ToPort", -1)):
            continue
        if any(pair.get("GroupId") == peer_group for pair in rule.get("UserIdGroupPairs", [])):
            return True
        if vpc_cidr and any(_holds(r.get("CidrIp", ""), vpc_cidr)
                            for r in rule.get("IpRanges", [])):
            return True
    return False


def _holds(cidr: str, vpc_cidr: str) -> bool:
    try:
        outer = ipaddress.ip_network(cidr, strict=False)
        inner = ipaddress.ip_network(vpc_cidr, strict=False)
    except ValueError:
        return False
    return outer.version == inner.version and inner.subnet_of(outer)  # type: ignore[arg-type]


def vpc_dns_problems(support: bool, hostnames: bool) -> list[str]:
    """Studio resolves the EMR primary's private DNS name only with both attributes on."""
    problems = []
    if not support:
        problems.append("DNS resolution (enableDnsSupport) is off")
    if not hostnames:
        problems.append("DNS hostnames (enableDnsHostnames) are off: Studio cannot resolve "
                        "the EMR primary node's private DNS name")
    return problems


def create_endpoint_fix(vpc_id: str, service: str, subnets: list[str], group: str) -> str:
    return (f"aws ec2 create-vpc-endpoint --vpc-id {vpc_id} --vpc-endpoint-type Interface "
            f"--service-name {service} --subnet-ids {' '.join(subnets)} "
            f"--security-group-ids {group} --private-dns-enabled")


def modify_endpoint_fix(endpoint: dict[str, Any], add_subnets: list[str]) -> str:
    """The one command that turns private DNS on and adds the missing AZs' subnets."""
    return (f"aws ec2 modify-vpc-endpoint --vpc-endpoint-id {endpoint['VpcEndpointId']}"
            + ("" if endpoint.get("PrivateDnsEnabled") else " --private-dns-enabled")
            + (f" --add-subnet-ids {' '.join(add_subnets)}" if add_subnets else ""))
