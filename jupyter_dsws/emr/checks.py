"""The path check: from this space to the cluster's Livy, one step at a time.

endpoint (EMR's API answers DescribeCluster), dns (the primary node's name resolves),
security_group (the primary node's groups admit the Livy port from the space's group), tcp
(a connection opens), livy (``GET /sessions`` answers). dns and security_group run side by
side; a step whose input an earlier one could not give is listed as failed, saying why.
Each step has ``EMRConnect.check_timeout_seconds``; the whole check at most
``TOTAL_SECONDS``. For a cluster in ``EMRConnect.livy_endpoints`` the dns, tcp and livy steps
use that URL's host, port and scheme. No tornado.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import DSWSError, NotFound
from . import decide, probes
from .clusters import Clusters, Described, security_groups
from .config import EMRConnect
from .models import EmrCheckStep, EmrPathCheck
from .roles import StudioSettings

#: The most a whole check takes, in seconds.
TOTAL_SECONDS = 10.0


@dataclass(frozen=True)
class Target:
    """Where Livy is: the primary node (host found in the dns step) or a mapped URL."""

    scheme: str
    host: str | None
    port: int
    path: str
    mapped: bool


class PathCheck:
    def __init__(self, clusters: Clusters, settings: StudioSettings, config: EMRConnect,
                 aws: Any, *, clock: Any = time.monotonic) -> None:
        self.clusters = clusters
        self.settings = settings
        self.config = config
        self.aws = aws
        self.clock = clock

    async def run(self, cluster_id: str) -> EmrPathCheck:
        run = _Run(self, cluster_id)
        steps = await run.steps()
        return EmrPathCheck(ok=all(s.ok for s in steps), checks=steps)


class _Run:
    def __init__(self, check: PathCheck, cluster_id: str) -> None:
        self.c = check
        self.cluster_id = cluster_id
        self.ends = check.clock() + TOTAL_SECONDS

    def timeout(self) -> float:
        return max(0.0, min(self.c.config.check_timeout_seconds, self.ends - self.c.clock()))

    def step(self, name: str, ok: bool, detail: str, fix: str | None,
             started: float) -> EmrCheckStep:
        return EmrCheckStep(name=name, ok=ok, detail=detail,  # type: ignore[arg-type]
                            fix=None if ok else fix,
                            seconds=round(max(0.0, self.c.clock() - started), 3))

    def skipped(self, name: str, why: str) -> EmrCheckStep:
        return EmrCheckStep(name=name, ok=False, detail=f"Not run: {why}.",  # type: ignore[arg-type]
                            fix=None, seconds=0.0)

    async def steps(self) -> list[EmrCheckStep]:
        endpoint, found = await self.endpoint()
        if found is None:
            why = "EMR's API did not answer DescribeCluster"
            return [endpoint, *(self.skipped(n, why) for n in
                                ("dns", "security_group", "tcp", "livy"))]
        port = found.livy_port(self.c.config.livy_port)
        target = self.target(port)
        (dns, host, addresses), group = await asyncio.gather(
            self.dns(found, target), self.security_group(found, port))
        if not dns.ok:
            return [endpoint, dns, group, self.skipped("tcp", "the name did not resolve"),
                    self.skipped("livy", "the name did not resolve")]
        tcp = await self.tcp(addresses[0], target.port, group.ok)
        if not tcp.ok:
            return [endpoint, dns, group, tcp,
                    self.skipped("livy", "no TCP connection to Livy's port")]
        return [endpoint, dns, group, tcp, await self.livy(found, target, host)]

    def target(self, port: int) -> Target:
        url = self.c.config.livy_endpoints.get(self.cluster_id)
        if url is None:
            # The primary node's name comes with the dns step; its scheme with the livy step
            # (HTTPS when the security configuration turns in-transit encryption on).
            return Target("http", None, port, "", False)
        parts = urlsplit(url)
        return Target(parts.scheme, parts.hostname, parts.port or (
            443 if parts.scheme == "https" else 80), parts.path.rstrip("/"), True)

    # ---- the steps -------------------------------------------------------------------------

    async def endpoint(self) -> tuple[EmrCheckStep, Described | None]:
        started, timeout = self.c.clock(), self.timeout()
        try:
            found = await asyncio.wait_for(self.c.clusters.described(self.cluster_id),
                                           timeout + 0.5)
        except NotFound:
            raise
        except asyncio.TimeoutError:
            return self.step("endpoint", False, (
                f"EMR's API did not answer DescribeCluster within {timeout:g} s."),
                self._endpoint_fix(), started), None
        except DSWSError as exc:
            fix = self._endpoint_fix() if exc.code == "endpoint_unreachable" else exc.message
            return self.step("endpoint", False, f"DescribeCluster failed: {exc.message}",
                             fix, started), None
        state = (found.cluster.get("Status") or {}).get("State", "?")
        where = self.c.aws.endpoint_of("emr") or "EMR"
        return self.step("endpoint", True, (
            f"EMR's API ({where}) describes {self.cluster_id}: {state}."), None,
            started), found

    def _endpoint_fix(self) -> str:
        region = self.c.aws.region or "<region>"
        return (f"An admin adds the VPC interface endpoint com.amazonaws.{region}."
                "elasticmapreduce with private DNS to the space's VPC, its security group "
                "admitting HTTPS (443) from the space's security group.")

    async def dns(self, found: Described, target: Target
                  ) -> tuple[EmrCheckStep, str, tuple[str, ...]]:
        """The step, the name it resolved and its addresses (none on failure)."""
        started = self.c.clock()
        host = target.host
        if host is None:
            try:
                host = await asyncio.wait_for(self.c.clusters.primary_dns(found),
                                              self.timeout() + 0.5)
            except (DSWSError, asyncio.TimeoutError) as exc:
                message = getattr(exc, "message", "no answer in time")
                return self.step("dns", False, f"ListInstances failed: {message}",
                                 self._endpoint_fix(), started), "", ()
            if host is None:
                state = (found.cluster.get("Status") or {}).get("State", "?")
                return self.step("dns", False, (
                    f"The cluster ({state}) has no primary node DNS name yet."),
                    "Wait until the cluster is WAITING or RUNNING, then check again.",
                    started), "", ()
        outcome = await probes.resolve(host, self.timeout())
        if outcome.error:
            if target.mapped:
                return self.step("dns", False, f"{host} does not resolve: {outcome.detail}.",
                                 "Correct the host of this cluster's URL in "
                                 "EMRConnect.livy_endpoints.", started), host, ()
            subnet, vpc = await self._network(found)
            return self.step("dns", False, f"{host} does not resolve: {outcome.detail}.", (
                f"An admin turns on DNS hostnames and DNS resolution in the cluster's VPC "
                f"{vpc or '<vpc>'}{f' (subnet {subnet})' if subnet else ''}: `aws ec2 "
                f"modify-vpc-attribute --vpc-id {vpc or '<vpc>'} --enable-dns-hostnames "
                "'{\"Value\":true}'` (and --enable-dns-support likewise); the space must use "
                "that VPC's resolver."), started), host, ()
        via = " (EMRConnect.livy_endpoints)" if target.mapped else ""
        return self.step("dns", True, (
            f"{host}{via} resolves to {', '.join(outcome.addresses[:3])}."), None,
            started), host, outcome.addresses

    async def _network(self, found: Described) -> tuple[str | None, str | None]:
        """The cluster's subnet and, when EC2 says it in time, its VPC."""
        subnet = (found.cluster.get("Ec2InstanceAttributes") or {}).get("Ec2SubnetId")
        if not subnet or self.timeout() <= 0:
            return subnet, None
        try:
            answer = await self.c.aws.call("ec2", "describe_subnets", SubnetIds=[subnet],
                                           budget=max(self.timeout(), 0.1))
        except DSWSError:
            return subnet, None
        return subnet, next((s.get("VpcId") for s in answer.get("Subnets") or []), None)

    async def security_group(self, found: Described, port: int) -> EmrCheckStep:
        started = self.c.clock()
        attributes = found.cluster.get("Ec2InstanceAttributes") or {}
        primary = decide.primary_groups(attributes)
        if not primary:
            return self.step("security_group", False,
                             "DescribeCluster names no security group of the primary node.",
                             "Look at the cluster's EC2 attributes in the EMR console.", started)
        sources = list(self.c.config.space_security_groups) or list(
            (await self.c.settings.access()).security_groups)
        try:
            answer = await self.c.aws.call("ec2", "describe_security_groups", GroupIds=primary,
                                           budget=max(self.timeout(), 0.1))
        except DSWSError as exc:
            return self.step("security_group", False,
                             f"DescribeSecurityGroups failed: {exc.message}",
                             exc.message, started)
        own = [g.id for g in security_groups(attributes)]
        verdict = decide.admits(answer.get("SecurityGroups") or [], port, sources, own)
        if verdict.ok:
            return self.step("security_group", True,
                             f"TCP {port} is open to the space: {verdict.by}.", None, started)
        source = ", ".join(sources) if sources else "the space"
        return self.step("security_group", False, (
            f"No rule of the primary node's groups ({', '.join(primary)}) admits TCP {port} "
            f"from {source}."), decide.ingress_fix(primary[0], port, sources), started)

    async def tcp(self, address: str, port: int, group_ok: bool) -> EmrCheckStep:
        started = self.c.clock()
        outcome = await probes.connect(address, port, self.timeout())
        where = f"{address}:{port}"
        if outcome.error is None:
            return self.step("tcp", True, f"A TCP connection to {where} opens.", None, started)
        if outcome.error == "refused":
            return self.step("tcp", False, f"Nothing listens on {where} (connection refused).",
                             _NOT_LISTENING, started)
        fix = ("Add the security group rule the security_group step names." if not group_ok
               else "Check the network ACLs of the space's and the cluster's subnets and the "
                    "route between them.")
        return self.step("tcp", False, f"No TCP connection to {where}: {outcome.detail}.",
                         fix, started)

    async def livy(self, found: Described, target: Target, host: str) -> EmrCheckStep:
        started = self.c.clock()
        scheme = target.scheme if target.mapped else (
            "https" if decide.uses_tls(found.security) else "http")
        where = f"{scheme}://{host}:{target.port}{target.path}"
        verify = self.c.config.verify_certificate
        try:
            outcome = await probes.get(scheme, host, target.port, f"{target.path}/sessions",
                                       max(self.timeout(), 0.1), verify=verify)
        except asyncio.TimeoutError:
            outcome = probes.Outcome("timeout", "no answer in time")
        if outcome.error == "refused":
            return self.step("livy", False, f"Nothing answers at {where}.", _NOT_LISTENING,
                             started)
        if outcome.error == "tls":
            return self.step("livy", False, f"TLS with {where} failed: {outcome.detail}.", (
                "Livy's certificate is not one this space trusts: install the cluster's CA "
                "certificate, or an admin sets EMRConnect.verify_certificate = False."), started)
        if outcome.error:
            return self.step("livy", False, (
                f"Livy at {where} did not answer GET /sessions: {outcome.detail}."),
                "Look at Livy's log on the primary node (/var/log/livy/); restart it with "
                "`sudo systemctl restart livy-server`.", started)
        verdict = decide.livy_answer(outcome.status, dict(outcome.headers), outcome.body,
                                     found.auth(), where)
        return self.step("livy", verdict.ok, verdict.detail, verdict.fix, started)


_NOT_LISTENING = ("Livy is not installed or not started: the cluster needs Livy among its "
                  "applications, and `sudo systemctl start livy-server` on the primary node "
                  "starts it.")

