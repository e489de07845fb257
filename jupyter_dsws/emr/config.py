"""What an admin can configure about the EMR panel (``c.EMRConnect.<trait>``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from traitlets import Bool, Dict, Float, Int, List, TraitError, Unicode, validate
from traitlets.config import Configurable

from ..config_bounds import within, zero_or_more

#: An EMR cluster id as EMR writes it (j- and 13 letters or digits; moto's too).
CLUSTER_ID = re.compile(r"^j-[0-9A-Z]{1,32}$")
#: An EC2 security group id.
SECURITY_GROUP_ID = re.compile(r"^sg-[0-9a-f]{1,32}$")


class EMRConnect(Configurable):
    """The EMR panel: the Livy port, the path check's time, TLS and local Livy endpoints."""

    livy_port = Int(
        8998,
        config=True,
        help=(
            "The TCP port Livy listens on, used when the cluster's configuration (livy-conf "
            "livy.server.port, on the cluster or its primary instance group) does not say. "
            "Default: 8998 (EMR's)."
        ),
    )

    check_timeout_seconds = Float(
        3.0,
        config=True,
        help=(
            "Seconds each step of the path check (endpoint, dns, security_group, tcp, livy) "
            "may take before it is reported as failed; the whole check never takes more than "
            "10 seconds. Default: 3 seconds."
        ),
    )

    verify_certificate = Bool(
        True,
        config=True,
        help=(
            "Verify Livy's TLS certificate: the connect cell passes --verify-certificate "
            "True (False when off), and the path check's HTTPS request to Livy verifies it. "
            "Turn off only for clusters with self-signed certificates. Default: True."
        ),
    )

    livy_endpoints = Dict(
        value_trait=Unicode(),
        default_value={},
        config=True,
        help=(
            "Livy URLs by cluster id ({'j-ABC…': 'http://127.0.0.1:8998'}), for the demo and "
            "tests, where the cluster's primary DNS name cannot resolve: the path check's "
            "dns, tcp and livy steps use the URL's host, port and scheme, and the connect "
            "cell uses sparkmagic's %spark add with the URL instead of %sm_analytics (which "
            "always looks the primary node up in EMR). Default: {} (none)."
        ),
    )

    list_ttl_seconds = Float(
        30.0,
        config=True,
        help=(
            "Seconds the clusters list and the EMR Serverless applications list are kept "
            "and shared by every tab and person of this server before EMR is asked again "
            "(a person's Refresh, and starting an application for its list, read afresh at "
            "once). Longer saves EMR calls; shorter shows others' clusters sooner. "
            "Default: 30 s. 0 keeps nothing (identical reads in flight are still shared)."
        ),
    )

    space_security_groups = List(
        Unicode(),
        default_value=[],
        config=True,
        help=(
            "The security groups the space's traffic comes from, for the path check's "
            "security_group step. Default: [] (empty): the Studio user profile's "
            "UserSettings.SecurityGroups, else the domain's DefaultUserSettings.SecurityGroups; "
            "outside Studio, any source the rules admit."
        ),
    )

    _port = within(1, 65535, "livy_port", why="a TCP port")
    _check_timeout = within(0.1, 10, "check_timeout_seconds", why="seconds")
    _zero_or_more = zero_or_more("list_ttl_seconds")

    @validate("livy_endpoints")
    def _validate_endpoints(self, proposal: dict) -> dict[str, str]:
        found: dict[str, str] = {}
        for cluster, url in proposal["value"].items():
            parts = urlsplit(url)
            if not CLUSTER_ID.match(cluster) or parts.scheme not in ("http", "https") \
                    or not parts.hostname:
                raise TraitError(
                    "EMRConnect.livy_endpoints maps cluster ids (j-…) to http(s):// URLs, "
                    f"not {cluster[:40]!r}: {url[:200]!r}")
            found[cluster] = url.rstrip("/")
        return found

    @validate("space_security_groups")
    def _validate_groups(self, proposal: dict) -> list[str]:
        for group in proposal["value"]:
            if not SECURITY_GROUP_ID.match(group):
                raise TraitError("EMRConnect.space_security_groups takes security group ids "
                                 f"(sg-…), not {group[:60]!r}")
        return list(proposal["value"])
