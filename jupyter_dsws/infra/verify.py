"""`dsws infra verify`: prove on a live account that the requirements hold.

Read-only: only Describe/List/Get calls. Each requirement gives one finding per resource,
passed or failed, with the evidence (ids, values) a reviewer can check by hand. The
decisions are plain functions in ``verify_rules``; the report's shape is ``verify_report``;
the network's checks are ``verify_network``, the path to EMR's ``verify_emr``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .. import aws
from ..aws import call_sync
from ..lifecycle.naming import is_ours
from .verify_emr import (
    EmrPathTarget,
    dns_finding,
    path_findings,
    primary_groups_from_stack,
    studio_groups,
)
from .verify_network import check_endpoints, check_routes
from .verify_report import Finding, every_page, unreadable
from .verify_rules import (
    bucket_policy_problems,
    managed_policy_problem,
    policy_document_problems,
)


@dataclass
class AuditClients:
    """boto3 clients. ``studio`` answers the user-profile, space and lifecycle-config calls;
    it is the SageMaker client itself unless a caller hands another one."""
    ec2: Any
    s3: Any
    iam: Any
    sagemaker: Any
    studio: Any = None
    cloudformation: Any = None  # the stack's outputs, for the EMR path

    def __post_init__(self) -> None:
        if self.studio is None:
            self.studio = self.sagemaker


@dataclass
class AuditTarget:
    region: str
    domain_name: str
    domain_id: str = ""
    data_buckets: list[str] = field(default_factory=list)  # TLS and endpoint-only
    other_buckets: list[str] = field(default_factory=list)  # TLS only
    shared_space: str = ""
    endpoint_switches: set[str] = field(default_factory=set)  # endpoints.py's switches on
    emr: EmrPathTarget | None = None  # None: the Studio → EMR path is not checked


_T = TypeVar("_T")


class Audit:
    def __init__(self, clients: AuditClients, target: AuditTarget) -> None:
        self.c = clients
        self.t = target
        self.findings: list[Finding] = []

    def _add(self, requirement: str, resource: str, problems: list[str], ok: str,
             fix: str = "") -> None:
        self.findings.append(Finding(requirement, resource, not problems,
                                     "; ".join(problems) if problems else ok,
                                     fix if problems else ""))

    def run(self) -> list[Finding]:
        # A check that cannot read what it needs fails alone, naming the refused action;
        # the others still run, so one missing permission never hides the whole report.
        domain = self._guarded("domain", self.t.domain_id or self.t.domain_name, "sagemaker",
                               self._domain)
        s3_endpoints: list[str] = []
        if domain is not None:
            subnets = list(domain.get("SubnetIds") or [])
            vpc_id = domain.get("VpcId", "")
            domain_id = domain.get("DomainId", self.t.domain_id)
            self._guarded("routes", vpc_id, "ec2", check_routes, self.c.ec2, self._add,
                          region=self.t.region, vpc_id=vpc_id, subnets=subnets)
            s3_endpoints = self._guarded(
                "interface endpoints", vpc_id, "ec2", check_endpoints, self.c.ec2, self._add,
                region=self.t.region, switches=self.t.endpoint_switches, vpc_id=vpc_id,
                subnets=subnets) or []
            if self.t.emr is not None:
                self._guarded("VPC DNS", vpc_id, "ec2",
                              lambda: self.findings.append(dns_finding(self.c.ec2, vpc_id)))
                self._emr_path(domain, vpc_id, self.t.emr)
            self._guarded("lifecycle config", domain_id, "sagemaker",
                          self._lifecycle, domain)
            self._guarded("execution role", domain_id, "iam", self._roles, domain)
        self._guarded("buckets", ", ".join(self.t.data_buckets + self.t.other_buckets), "s3",
                      self._buckets, s3_endpoints)
        return self.findings

    def _guarded(self, requirement: str, resource: str, prefix: str,
                 check: Callable[..., _T], *args: Any, **kwargs: Any) -> _T | None:
        try:
            return check(*args, **kwargs)
        except aws.BOTO_ERRORS as error:
            self._add(requirement, resource, [f"could not check: {unreadable(error, prefix)}"],
                      "")
            return None

    # -- the domain: VPC-only with SSO -----------------------------------------------------
    def _domain(self) -> dict[str, Any] | None:
        domain_id = self.t.domain_id or next(
            (d["DomainId"] for d in every_page(self.c.sagemaker, "list_domains", "Domains")
             if d.get("DomainName") == self.t.domain_name), "")
        if not domain_id:
            self._add("domain", self.t.domain_name,
                      [f"no Studio domain named {self.t.domain_name} in {self.t.region}"], "")
            return None
        domain = self.c.sagemaker.describe_domain(DomainId=domain_id)
        network, auth = domain.get("AppNetworkAccessType"), domain.get("AuthMode")
        self._add("domain VPC-only", domain_id,
                  [] if network == "VpcOnly" else [f"AppNetworkAccessType is {network}"],
                  "AppNetworkAccessType VpcOnly")
        self._add("domain SSO", domain_id,
                  [] if auth == "SSO" else [f"AuthMode is {auth}, not SSO"], "AuthMode SSO")
        return domain

    # -- the Studio → EMR path (verify_emr) ----------------------------------------------------
    def _emr_path(self, domain: dict[str, Any], vpc_id: str, target: EmrPathTarget) -> None:
        primaries = list(target.primary_groups)
        if not primaries and target.stack_name and self.c.cloudformation is not None:
            before = len(self.findings)
            primaries = self._guarded("EMR primary group", target.stack_name,
                                      "cloudformation", primary_groups_from_stack,
                                      self.c.cloudformation, target.stack_name) or []
            if not primaries and len(self.findings) == before:  # read, but no such output
                self._add("EMR primary group", target.stack_name,
                          [f"the stack {target.stack_name} has no output "
                           "EmrManagedMasterSecurityGroup"], "",
                          "set emr_security_groups = true and run `dsws infra deploy`, or name "
                          "the cluster's group: dsws infra verify --emr-security-group sg-…")
        domain_id = domain.get("DomainId", self.t.domain_id)
        self._guarded("EMR path", vpc_id, "ec2", lambda: self.findings.extend(path_findings(
            self.c.ec2, vpc_id=vpc_id, domain_id=domain_id, studio=studio_groups(domain),
            primaries=primaries, target=target)))

    # -- buckets: TLS only, and only through the endpoint ----------------------------------
    def _buckets(self, s3_endpoints: list[str]) -> None:
        for name, need_endpoint in ([(b, True) for b in self.t.data_buckets]
                                    + [(b, False) for b in self.t.other_buckets]):
            try:
                answer = call_sync(self.c.s3, "get_bucket_policy",
                                   ok_codes=("NoSuchBucketPolicy",), Bucket=name)
            except aws.BOTO_ERRORS as error:
                code = aws.error_code(error)
                if code is None:
                    raise  # the endpoint, not the bucket: the whole check says so
                self._add("bucket policy", name, [f"cannot read its policy: {code}"], "")
                continue
            policy = answer["Policy"] if answer else None
            problems = bucket_policy_problems(policy, s3_endpoints, need_endpoint=need_endpoint)
            self._add("bucket policy", name, problems,
                      "denies non-TLS" + (" and non-endpoint access" if need_endpoint else ""))

    # -- our lifecycle config is the built-in one, nobody overrides it ---------------------
    def _lifecycle(self, domain: dict[str, Any]) -> None:
        domain_id = domain["DomainId"]
        settings = domain.get("DefaultUserSettings", {}).get("JupyterLabAppSettings", {})
        arn = settings.get("BuiltInLifecycleConfigArn", "")
        name = arn.rsplit("/", 1)[-1]
        self._add("lifecycle config", domain_id, self._built_in_problems(arn),
                  f"built-in {name}")
        for profile in every_page(self.c.studio, "list_user_profiles", "UserProfiles",
                              DomainIdEquals=domain_id):
            name = profile["UserProfileName"]
            detail = self.c.studio.describe_user_profile(DomainId=domain_id,
                                                         UserProfileName=name)
            own = (detail.get("UserSettings", {}).get("JupyterLabAppSettings", {})
                   .get("BuiltInLifecycleConfigArn"))
            self._add("lifecycle config", f"user profile {name}",
                      [f"overrides the built-in LCC with {own}"] if own and own != arn else [],
                      "uses the domain's built-in LCC")
        if self.t.shared_space:
            spaces = {s["SpaceName"]: s for s in every_page(
                self.c.studio, "list_spaces", "Spaces", DomainIdEquals=domain_id)}
            space = spaces.get(self.t.shared_space)
            shared = (space or {}).get("SpaceSharingSettingsSummary", {}).get("SharingType")
            self._add("shared space", self.t.shared_space,
                      [] if shared == "Shared" else
                      [f"no shared space {self.t.shared_space} in {domain_id}"],
                      "sharing type Shared")

    def _built_in_problems(self, arn: str) -> list[str]:
        if not arn:
            return ["the domain has no BuiltInLifecycleConfigArn for JupyterLab"]
        name = arn.rsplit("/", 1)[-1]
        try:
            described = self.c.studio.describe_studio_lifecycle_config(
                StudioLifecycleConfigName=name)
            tags = self.c.studio.list_tags(ResourceArn=arn).get("Tags", [])
        except aws.BOTO_ERRORS as error:
            code = aws.error_code(error)
            if code is None:
                raise
            return [f"its built-in LCC {name} cannot be read: {code}"]
        problems = []
        if described.get("StudioLifecycleConfigAppType") != "JupyterLab":
            problems.append(f"{name} is for {described.get('StudioLifecycleConfigAppType')}")
        if not is_ours(tags):
            problems.append(f"{name} is not tagged dsws:managed=true")
        return problems

    # -- the execution roles: no wildcard admin --------------------------------------------
    def _roles(self, domain: dict[str, Any]) -> None:
        arns = {domain.get("DefaultUserSettings", {}).get("ExecutionRole"),
                domain.get("DefaultSpaceSettings", {}).get("ExecutionRole")} - {None, ""}
        for arn in sorted(arns):
            role = arn.rsplit("/", 1)[-1]
            problems = []
            for attached in every_page(self.c.iam, "list_attached_role_policies",
                                   "AttachedPolicies", RoleName=role):
                policy_arn = attached["PolicyArn"]
                broad = managed_policy_problem(policy_arn)
                if broad:
                    problems.append(broad)
                elif not policy_arn.startswith("arn:aws:iam::aws:"):
                    version = self.c.iam.get_policy(PolicyArn=policy_arn)["Policy"][
                        "DefaultVersionId"]
                    document = self.c.iam.get_policy_version(
                        PolicyArn=policy_arn, VersionId=version)["PolicyVersion"]["Document"]
                    problems += policy_document_problems(document, attached["PolicyName"])
            names = list(every_page(self.c.iam, "list_role_policies", "PolicyNames",
                                RoleName=role))
            for name in names:
                document = self.c.iam.get_role_policy(RoleName=role,
                                                      PolicyName=name)["PolicyDocument"]
                problems += policy_document_problems(document, name)
            self._add("execution role", arn, problems,
                      f"no wildcard action in {len(names)} inline policies")
