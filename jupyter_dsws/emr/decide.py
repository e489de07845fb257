"""The EMR panel's decisions, as plain functions of what EMR and EC2 answered.

Which auth a cluster's Livy uses, which port it listens on, whether the primary node's
security groups admit the space, and what Livy's answer to ``GET /sessions`` means. No AWS
calls and no I/O here: tests/emr/test_emr_decide.py runs them without a server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: What the panel lists by default (``state=active``).
ACTIVE_STATES = ("STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING")
#: The header and body key a Livy stand-in may use to say it is still starting.
STARTING_HEADER = "X-Dsws-Livy-Starting"


# ---- the cluster's configuration ---------------------------------------------------------

def classification(configurations: Iterable[Mapping[str, Any]] | None,
                   name: str) -> dict[str, str]:
    """The properties of classification ``name`` (e.g. livy-conf) in EMR's Configurations."""
    found: dict[str, str] = {}
    for entry in configurations or ():
        if entry.get("Classification") == name:
            found.update({str(k): str(v) for k, v in (entry.get("Properties") or {}).items()})
    return found


def security_settings(text: str | None) -> dict[str, Any]:
    """The security configuration's JSON (DescribeSecurityConfiguration's string), or {}."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def cluster_auth(cluster: Mapping[str, Any], security: Mapping[str, Any] | None = None) -> str:
    """How the cluster's Livy authenticates: kerberos, ldap, runtime_role or none.

    Kerberos first (DescribeCluster's KerberosAttributes, or the security configuration's
    AuthenticationConfiguration.KerberosConfiguration), then LDAP (livy-conf
    ``livy.server.auth.type`` is ldap, as the %sm_analytics magic reads it, or the security
    configuration's AuthenticationConfiguration.LDAPConfiguration), then runtime roles
    (AuthorizationConfiguration.IAMConfiguration.EnableApplicationScopedIAMRole).
    """
    security = security or {}
    authentication = security.get("AuthenticationConfiguration") or {}
    if cluster.get("KerberosAttributes") or authentication.get("KerberosConfiguration"):
        return "kerberos"
    livy = classification(cluster.get("Configurations"), "livy-conf")
    if livy.get("livy.server.auth.type", "").lower() == "ldap" \
            or authentication.get("LDAPConfiguration"):
        return "ldap"
    iam = (security.get("AuthorizationConfiguration") or {}).get("IAMConfiguration") or {}
    if iam.get("EnableApplicationScopedIAMRole") is True:
        return "runtime_role"
    return "none"


def uses_tls(security: Mapping[str, Any] | None) -> bool:
    """Whether in-transit encryption is on, so that Livy answers HTTPS."""
    encryption = (security or {}).get("EncryptionConfiguration") or {}
    return encryption.get("EnableInTransitEncryption") is True


def livy_port(cluster_configurations: Iterable[Mapping[str, Any]] | None,
              primary_group_configurations: Iterable[Mapping[str, Any]] | None,
              default: int) -> int:
    """livy-conf ``livy.server.port`` of the cluster, else of its primary instance group, else
    ``default`` (the order the %sm_analytics magic reads them in)."""
    for configurations in (cluster_configurations, primary_group_configurations):
        value = classification(configurations, "livy-conf").get("livy.server.port", "")
        if value.isdigit() and 0 < int(value) < 65536:
            return int(value)
    return default


# ---- security groups ------------------------------------------------------------------------

def primary_groups(ec2_attributes: Mapping[str, Any]) -> list[str]:
    """The primary node's security groups: EMR's managed one, then the additional ones."""
    managed = ec2_attributes.get("EmrManagedMasterSecurityGroup")
    extra = list(ec2_attributes.get("AdditionalMasterSecurityGroups") or [])
    return list(dict.fromkeys([g for g in [managed, *extra] if g]))


@dataclass(frozen=True)
class Admission:
    """Whether a port is open to the space, and by which rule (``by``, for the detail)."""

    ok: bool
    by: str | None = None


def _covers(permission: Mapping[str, Any], port: int) -> bool:
    protocol = str(permission.get("IpProtocol", ""))
    if protocol == "-1":
        return True
    if protocol not in ("tcp", "6"):
        return False
    low, high = permission.get("FromPort"), permission.get("ToPort")
    return isinstance(low, int) and isinstance(high, int) and low <= port <= high


def admits(groups: Iterable[Mapping[str, Any]], port: int, sources: list[str],
           own: Iterable[str] = ()) -> Admission:
    """Whether any of ``groups`` (EC2 DescribeSecurityGroups' answers) admits TCP ``port``
    from one of the ``sources`` security groups.

    A rule naming a source group admits it; a CIDR rule (an address range) is taken as
    admitting the space too, since its address is not known here: the detail says so. With
    no ``sources`` known (outside Studio), a rule for the port from any group but the
    cluster's ``own`` (EMR's managed rules admit the cluster's nodes) admits.
    """
    own = set(own)
    cidr: str | None = None
    for group in groups:
        for permission in group.get("IpPermissions") or []:
            if not _covers(permission, port):
                continue
            for pair in permission.get("UserIdGroupPairs") or []:
                source = pair.get("GroupId")
                if source and (source in sources if sources else source not in own):
                    return Admission(True, f"{group.get('GroupId')} admits {source}")
            ranges = [r.get("CidrIp") for r in permission.get("IpRanges") or []] + [
                r.get("CidrIpv6") for r in permission.get("Ipv6Ranges") or []]
            ranges += [r.get("PrefixListId") for r in permission.get("PrefixListIds") or []]
            if cidr is None and any(ranges):
                cidr = f"{group.get('GroupId')} admits {', '.join(r for r in ranges if r)}"
    if cidr is not None:
        return Admission(True, cidr + " (an address range: not checked against the space's "
                                      "address)")
    return Admission(False)


def ingress_fix(primary: str, port: int, sources: list[str]) -> str:
    """The rule to add, in words and as the AWS CLI command, with both group ids."""
    source = sources[0] if sources else "<the space's security group>"
    return (f"Add an inbound rule to the primary node's security group {primary}: TCP {port} "
            f"from the space's security group {source}, e.g. `aws ec2 "
            f"authorize-security-group-ingress --group-id {primary} --protocol tcp --port "
            f"{port} --source-group {source}`.")


# ---- Livy's answer -----------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    ok: bool
    detail: str
    fix: str | None = None


def livy_answer(status: int, headers: Mapping[str, str], body: bytes, auth: str,
                where: str) -> Verdict:
    """What Livy's answer to ``GET /sessions`` at ``where`` says, for a cluster whose auth is
    ``auth``. A 401/403 is expected of a cluster that authenticates (ok); of one whose
    configuration says none, it means the cluster needs LDAP or Kerberos after all."""
    if status == 200:
        try:
            sessions = json.loads(body or b"{}").get("total")
        except (ValueError, AttributeError):
            sessions = None
        count = f" ({sessions} session{'s' if sessions != 1 else ''})" \
            if isinstance(sessions, int) else ""
        return Verdict(True, f"Livy at {where} answers GET /sessions{count}.")
    if status in (401, 403):
        if auth != "none":
            return Verdict(True, f"Livy at {where} asks for credentials (HTTP {status}), as a "
                                 f"{auth} cluster does: connect with auth {auth}.")
        return Verdict(False, f"Livy at {where} answered HTTP {status}: this cluster needs "
                              "LDAP/Kerberos auth, but its configuration does not say which.",
                       "Ask the cluster's admin which authentication Livy uses (livy-conf "
                       "livy.server.auth.type, or the security configuration) and connect "
                       "with it.")
    if status == 503 or _says_starting(headers, body):
        return Verdict(False, f"Livy at {where} is starting (HTTP {status}).",
                       "Livy is starting: try again in a minute.")
    return Verdict(False, f"Livy at {where} answered GET /sessions with HTTP {status}.",
                   "Look at Livy's log on the primary node (/var/log/livy/).")


def _says_starting(headers: Mapping[str, str], body: bytes) -> bool:
    if any(k.lower() == STARTING_HEADER.lower() for k in headers):
        return True
    try:
        return bool(json.loads(body or b"{}").get("starting"))
    except (ValueError, AttributeError):
        return False
