"""`dsws infra verify`: the domain's network, in its VPC.

The domain's subnets route only within the VPC and to S3's prefix list, and no internet
gateway is attached; every interface endpoint the enabled panels need (``endpoints.py``) is
there in each of the domain's zones with private DNS on, and S3 has its gateway endpoint.
Each check adds its findings through ``add`` (``Audit._add``) as it reads: a read that
fails midway keeps what was found before it.
"""

from __future__ import annotations

from typing import Any

from .endpoints import required_service_names, s3_service_name
from .verify_report import Add, every_page
from .verify_rules import (
    create_endpoint_fix,
    endpoint_problems,
    modify_endpoint_fix,
    route_problem,
    tables_for_subnets,
)


def check_routes(ec2: Any, add: Add, *, region: str, vpc_id: str, subnets: list[str]) -> None:
    """Local routes and S3's prefix list only; no internet gateway."""
    # Every EC2 Describe here pages: a big account has more than one page of each.
    s3_lists = [p["PrefixListId"] for p in every_page(
        ec2, "describe_prefix_lists", "PrefixLists",
        Filters=[{"Name": "prefix-list-name", "Values": [s3_service_name(region)]}])]
    tables = list(every_page(ec2, "describe_route_tables", "RouteTables",
                             Filters=[{"Name": "vpc-id", "Values": [vpc_id]}]))
    for table in tables_for_subnets(tables, subnets):
        routes = table.get("Routes", [])
        problems = [p for p in (route_problem(r, s3_lists) for r in routes) if p]
        targets = sorted({str(r.get("GatewayId") or r.get("NatGatewayId") or "?")
                          for r in routes})
        add("routes", table["RouteTableId"], problems,
            f"{len(routes)} routes, targets {', '.join(targets)}")
    gateways = list(every_page(ec2, "describe_internet_gateways", "InternetGateways",
                               Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}]))
    add("no internet gateway", vpc_id,
        [f"internet gateway {g['InternetGatewayId']} is attached" for g in gateways],
        "no internet gateway attached")


def check_endpoints(ec2: Any, add: Add, *, region: str, switches: set[str], vpc_id: str,
                    subnets: list[str]) -> list[str]:
    """Every required interface endpoint in the domain's zones with private DNS, and S3's
    gateway endpoint; returns the gateway endpoints' ids (the buckets' policies name them)."""
    endpoints = list(every_page(ec2, "describe_vpc_endpoints", "VpcEndpoints",
                                Filters=[{"Name": "vpc-id", "Values": [vpc_id]}]))
    zone_of = {s["SubnetId"]: s["AvailabilityZone"] for s in every_page(
        ec2, "describe_subnets", "Subnets",
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])}
    needed_zones = {zone_of.get(s, s) for s in subnets}
    # The group the VPC's other interface endpoints use, for the fix of a missing one.
    group = next((g["GroupId"] for e in endpoints for g in e.get("Groups", [])),
                 "<the endpoints' security group>")
    for service in required_service_names(region, switches):
        found = [e for e in endpoints if e.get("ServiceName") == service
                 and e.get("VpcEndpointType") == "Interface"]
        if not found:
            add("interface endpoint", service,
                [f"no interface endpoint for {service} in {vpc_id}"], "",
                create_endpoint_fix(vpc_id, service, subnets, group))
            continue
        endpoint = found[0]
        zones = {zone_of.get(s, s) for s in endpoint.get("SubnetIds", [])}
        problems = endpoint_problems(endpoint, zones, needed_zones)
        add("interface endpoint", service, problems,
            f"{endpoint['VpcEndpointId']} in {', '.join(sorted(zones))}, private DNS on",
            modify_endpoint_fix(endpoint, [s for s in subnets if zone_of.get(s, s) not in zones]))
    gateways = [e["VpcEndpointId"] for e in endpoints
                if e.get("ServiceName") == s3_service_name(region)
                and e.get("VpcEndpointType") == "Gateway"]
    add("S3 gateway endpoint", vpc_id,
        [] if gateways else [f"no S3 gateway endpoint in {vpc_id}"], ", ".join(gateways))
    return gateways
