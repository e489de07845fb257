"""The wire format of ``{base_url}dsws/emr/…`` (the spec's Emr* schemas).

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``). Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from ..wire import Fetched, RefreshQuery, WireModel

Auth = Literal["none", "ldap", "kerberos", "runtime_role"]
StepName = Literal["endpoint", "dns", "security_group", "tcp", "livy"]
Next = str | None
_NEXT = "The opaque cursor of the previous page's next; absent for the first page."


class EmrClustersQuery(RefreshQuery):
    state: Literal["active", "all"] = Field(default="active", description=(
        "active: starting, bootstrapping, running or waiting clusters; all: also those "
        "terminating or terminated (EMR lists the last two months)."))
    next: Next = Field(default=None, description=_NEXT)


class EmrCluster(WireModel):
    id: str = Field(description="The cluster id, j-….")
    name: str
    state: str = Field(description="EMR's state: STARTING, BOOTSTRAPPING, RUNNING, WAITING, "
                                   "TERMINATING, TERMINATED or TERMINATED_WITH_ERRORS.")
    release: str | None = Field(default=None, description="The release label, e.g. emr-7.5.0.")
    applications: list[str] = Field(description="Installed applications, e.g. Spark 3.5.2.")
    auth: Auth = Field(description=(
        "How Livy authenticates: kerberos (KerberosAttributes or the security "
        "configuration's KerberosConfiguration), ldap (livy-conf livy.server.auth.type or "
        "the security configuration's LDAPConfiguration), runtime_role (the security "
        "configuration enables application-scoped IAM roles), else none."))
    livy_port: int = Field(description=(
        "livy-conf livy.server.port of the cluster, else of its primary instance group, "
        "else EMRConnect.livy_port."))
    created: str | None = Field(default=None, description="ISO 8601, UTC.")
    primary_dns: str | None = Field(default=None, description=(
        "The primary node's DNS name (private in a private subnet); null before it runs."))


class EmrClusterList(Fetched):
    clusters: list[EmrCluster]
    next: Next = Field(default=None, description="The cursor of the next page; null on the last.")


class EmrInstanceGroup(WireModel):
    id: str
    name: str | None = None
    role: str = Field(description="MASTER (the primary node), CORE or TASK.")
    instance_type: str
    requested: int
    running: int
    state: str


class EmrSecurityGroup(WireModel):
    id: str = Field(description="sg-….")
    role: Literal["primary", "primary_additional", "core", "core_additional",
                  "service_access"] = Field(description=(
        "Which of the cluster's groups: EMR's managed group of the primary node or of the "
        "core and task nodes, an additional one, or the service-access group."))


class EmrClusterDetail(EmrCluster):
    instance_groups: list[EmrInstanceGroup]
    security_groups: list[EmrSecurityGroup]
    subnet: str | None = Field(default=None, description="The subnet of the primary node.")
    security_configuration: str | None = Field(default=None, description=(
        "The name of the cluster's EMR security configuration; null when it has none."))
    runtime_roles: list[str] = Field(description=(
        "The execution role ARNs the person may pass to a runtime-role cluster: the user "
        "profile's JupyterLabAppSettings.EmrSettings.ExecutionRoleArns, else the domain's "
        "default; empty outside Studio."))
    livy_endpoint: str | None = Field(default=None, description=(
        "The Livy URL EMRConnect.livy_endpoints maps this cluster to; null for none."))


class EmrCheckStep(WireModel):
    name: StepName
    ok: bool
    detail: str = Field(description="What was found, or why the step did not run.")
    fix: str | None = Field(default=None, description="What to change, in plain words; null "
                                                      "when the step passed.")
    seconds: float = Field(description="How long the step took.")


class EmrPathCheck(WireModel):
    ok: bool = Field(description="Every step passed.")
    checks: list[EmrCheckStep] = Field(description=(
        "endpoint, dns, security_group, tcp, livy, in that order; a step that cannot run "
        "after an earlier failure is ok: false and says why."))


class EmrConnectRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    auth: Auth = Field(description="The auth type to connect with: the cluster's own.")
    execution_role_arn: str | None = Field(default=None, max_length=2048, description=(
        "For a runtime_role cluster: the IAM role Spark runs as (one of runtime_roles)."),
        pattern=r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+$")


class EmrConnectCell(WireModel):
    cell: str = Field(description="The code cell to insert and run; it holds no secret.")


class EmrServerlessApplication(WireModel):
    id: str
    name: str | None = None
    state: str = Field(description="CREATING, CREATED, STARTING, STARTED, STOPPING, STOPPED "
                                   "or TERMINATED.")
    type: str = Field(description="Spark or Hive.")
    release: str | None = None
    created: str | None = Field(default=None, description="ISO 8601, UTC.")


class EmrServerlessApplicationList(Fetched):
    applications: list[EmrServerlessApplication]


class EmrServerlessStarted(WireModel):
    application: EmrServerlessApplication
