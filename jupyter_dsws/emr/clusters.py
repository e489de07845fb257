"""The clusters a person can use: EMR's list, each cluster described, and one in detail.

ListClusters gives one page (EMR's 50) of ids; each is described (DescribeCluster, eight at
a time) for its release, applications and configuration, its security configuration read
once per name for the auth type, and an active cluster's instance groups for a Livy port
set on the primary group. No tornado.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any

from ..errors import DSWSError, NotFound, echo
from ..registry import cursor
from . import decide
from .config import CLUSTER_ID, EMRConnect
from .models import (
    EmrCluster,
    EmrClusterDetail,
    EmrClusterList,
    EmrInstanceGroup,
    EmrSecurityGroup,
)

#: DescribeCluster calls at once for one page.
PARALLEL = 8


def _not_found(cluster_id: str) -> Any:
    def refine(failure: Any) -> DSWSError | None:
        if failure.code in ("InvalidRequestException", "NoSuchCluster",
                            "ResourceNotFoundException") and (
                "not valid" in failure.message or "not found" in failure.message.lower()):
            return NotFound(f"EMR has no cluster {echo(cluster_id)} in this account and "
                            "region.", code="cluster_not_found")
        return None
    return refine


def iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    return str(value) if value else None


class Described:
    """One cluster as the panel reads it: DescribeCluster's answer, its security
    configuration's settings and its instance groups (when read)."""

    def __init__(self, cluster: dict[str, Any], security: dict[str, Any],
                 groups: list[dict[str, Any]] | None) -> None:
        self.cluster = cluster
        self.security = security
        self.groups = groups or []

    @property
    def primary_group_configurations(self) -> list[dict[str, Any]]:
        return [c for g in self.groups if g.get("InstanceGroupType") == "MASTER"
                for c in g.get("Configurations") or []]

    def auth(self) -> str:
        return decide.cluster_auth(self.cluster, self.security)

    def livy_port(self, default: int) -> int:
        return decide.livy_port(self.cluster.get("Configurations"),
                                self.primary_group_configurations, default)


class Clusters:
    def __init__(self, aws: Any, config: EMRConnect) -> None:
        self.aws = aws
        self.config = config

    async def page(self, state: str, next_: str | None) -> EmrClusterList:
        params: dict[str, Any] = {}
        if state == "active":
            params["ClusterStates"] = list(decide.ACTIVE_STATES)
        token = cursor.decode(next_)
        if token:
            params["Marker"] = token
        answer = await self.aws.call("emr", "list_clusters", **params)
        ids = [c["Id"] for c in answer.get("Clusters") or []]
        limit = asyncio.Semaphore(PARALLEL)
        securities: dict[str, asyncio.Task[dict[str, Any]]] = {}

        async def one(cluster_id: str) -> EmrCluster:
            async with limit:
                found = await self.described(cluster_id, securities)
            return self.summary(found)

        clusters = await asyncio.gather(*(one(i) for i in ids))
        return EmrClusterList(clusters=list(clusters), next=cursor.encode(answer.get("Marker")))

    async def describe(self, cluster_id: str) -> dict[str, Any]:
        if not CLUSTER_ID.match(cluster_id):
            raise NotFound(f"{echo(cluster_id)} is not an EMR cluster id (j-…).",
                           code="cluster_not_found")
        answer = await self.aws.call("emr", "describe_cluster", ClusterId=cluster_id,
                                     refine=_not_found(cluster_id))
        return answer["Cluster"]

    async def described(self, cluster_id: str,
                        securities: dict[str, asyncio.Task[dict[str, Any]]] | None = None,
                        *, all_groups: bool = False) -> Described:
        """The cluster, its security configuration's settings and, when it is active (or
        ``all_groups``), its instance groups."""
        cluster = await self.describe(cluster_id)
        name = cluster.get("SecurityConfiguration")
        security: dict[str, Any] = {}
        if name:
            securities = {} if securities is None else securities
            if name not in securities:  # one call per name, whoever asks first
                securities[name] = asyncio.ensure_future(self._security(name))
            security = await securities[name]
        active = (cluster.get("Status") or {}).get("State") in decide.ACTIVE_STATES
        groups = await self.instance_groups(cluster_id) if active or all_groups else None
        return Described(cluster, security, groups)

    async def _security(self, name: str) -> dict[str, Any]:
        answer = await self.aws.call("emr", "describe_security_configuration", Name=name)
        return decide.security_settings(answer.get("SecurityConfiguration"))

    async def instance_groups(self, cluster_id: str) -> list[dict[str, Any]]:
        return await self.aws.items("emr", "list_instance_groups", "InstanceGroups",
                                    max_pages=5, ClusterId=cluster_id)

    async def primary_dns(self, found: Described) -> str | None:
        """The primary node's private DNS name (ListInstances of the MASTER group, as the
        %sm_analytics magic reads it), else DescribeCluster's MasterPublicDnsName."""
        cluster = found.cluster
        instances = await self.aws.items(
            "emr", "list_instances", "Instances", max_pages=2, ClusterId=cluster["Id"],
            InstanceGroupTypes=["MASTER"])
        for instance in instances:
            if (instance.get("Status") or {}).get("State") in ("RUNNING", None) \
                    and instance.get("PrivateDnsName"):
                return str(instance["PrivateDnsName"])
        return cluster.get("MasterPublicDnsName") or None

    def summary(self, found: Described) -> EmrCluster:
        cluster = found.cluster
        status = cluster.get("Status") or {}
        return EmrCluster(
            id=cluster["Id"], name=cluster.get("Name") or "",
            state=status.get("State") or "UNKNOWN",
            release=cluster.get("ReleaseLabel"),
            applications=[" ".join(p for p in (a.get("Name"), a.get("Version")) if p)
                          for a in cluster.get("Applications") or []],
            auth=found.auth(),  # type: ignore[arg-type]
            livy_port=found.livy_port(self.config.livy_port),
            created=iso((status.get("Timeline") or {}).get("CreationDateTime")),
            primary_dns=cluster.get("MasterPublicDnsName") or None)

    def detail(self, found: Described, *, primary_dns: str | None,
               runtime_roles: list[str]) -> EmrClusterDetail:
        attributes = found.cluster.get("Ec2InstanceAttributes") or {}
        summary = self.summary(found).model_dump()
        summary["primary_dns"] = primary_dns or summary["primary_dns"]
        return EmrClusterDetail(
            **summary,
            instance_groups=[_group(g) for g in found.groups],
            security_groups=security_groups(attributes),
            subnet=attributes.get("Ec2SubnetId") or None,
            security_configuration=found.cluster.get("SecurityConfiguration") or None,
            runtime_roles=runtime_roles,
            livy_endpoint=self.config.livy_endpoints.get(found.cluster["Id"]))


def security_groups(attributes: dict[str, Any]) -> list[EmrSecurityGroup]:
    found: list[EmrSecurityGroup] = []
    for key, role in (("EmrManagedMasterSecurityGroup", "primary"),
                      ("AdditionalMasterSecurityGroups", "primary_additional"),
                      ("EmrManagedSlaveSecurityGroup", "core"),
                      ("AdditionalSlaveSecurityGroups", "core_additional"),
                      ("ServiceAccessSecurityGroup", "service_access")):
        value = attributes.get(key)
        for group in value if isinstance(value, list) else [value]:
            if group:
                found.append(EmrSecurityGroup(id=group, role=role))  # type: ignore[arg-type]
    return found


def _group(group: dict[str, Any]) -> EmrInstanceGroup:
    return EmrInstanceGroup(
        id=group.get("Id") or "", name=group.get("Name"),
        role=group.get("InstanceGroupType") or "",
        instance_type=group.get("InstanceType") or "",
        requested=int(group.get("RequestedInstanceCount") or 0),
        running=int(group.get("RunningInstanceCount") or 0),
        state=(group.get("Status") or {}).get("State") or "UNKNOWN")
