"""Identity and Studio: the execution role, our lifecycle config, the SSO VPC-only domain,
user profiles and Identity Center assignments, and the team's shared space (FR-1, C-2)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from aws_cdk import Annotations, CfnTag
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sagemaker as sagemaker
from aws_cdk import aws_sso as sso
from constructs import Construct

from .. import __version__
from ..lifecycle.naming import MANAGED_TAG, lcc_name
from .config import IdentityCenter, IdleDefaults
from .role_policy import EmrAccess, execution_role_statements

LCC_CONTENT_LIMIT = 16384  # characters of base64, CreateStudioLifecycleConfig's limit
SHARED_SPACE_INSTANCE = "ml.t3.medium"


@dataclass(frozen=True)
class StudioResources:
    """What the execution role may touch besides the domain's own spaces and apps."""
    bucket_arns: list[str]
    repository_arns: list[str]
    key_arn: str
    #: The MLflow tracking servers the team logs to (Experiments).
    tracking_server_arns: list[str] = field(default_factory=list)
    #: The EMR panel's reach: runtime roles, EMR Serverless, LDAP secrets.
    emr: EmrAccess = field(default_factory=EmrAccess)


class Studio(Construct):
    """The domain and everything that hangs on it."""

    def __init__(self, scope: Construct, construct_id: str, *, domain_name: str,
                 vpc: ec2.IVpc, subnet_ids: list[str], security_group: ec2.ISecurityGroup,
                 key: kms.IKey, lifecycle_script: bytes, idle: IdleDefaults,
                 identity_center: IdentityCenter, shared_space: bool, shared_space_name: str,
                 resources: StudioResources) -> None:
        super().__init__(scope, construct_id)
        self.role = iam.Role(
            self, "ExecutionRole",
            assumed_by=iam.ServicePrincipal("sagemaker.amazonaws.com"),
            description="Studio execution role: exactly what jupyter_dsws and the team's "
                        "notebooks need")
        self.lifecycle_config = self._lifecycle_config(lifecycle_script)
        lcc_arn = self.lifecycle_config.attr_studio_lifecycle_config_arn
        jupyterlab = sagemaker.CfnDomain.JupyterLabAppSettingsProperty(
            # Built-in only: it always runs at app start, before any default LCC, so
            # listing it for users to pick as well would run our install twice.
            built_in_lifecycle_config_arn=lcc_arn,
            app_lifecycle_management=sagemaker.CfnDomain.AppLifecycleManagementProperty(
                idle_settings=sagemaker.CfnDomain.IdleSettingsProperty(
                    lifecycle_management="ENABLED",
                    idle_timeout_in_minutes=idle.idle_timeout_minutes,
                    min_idle_timeout_in_minutes=idle.min_idle_timeout_minutes,
                    max_idle_timeout_in_minutes=idle.max_idle_timeout_minutes)))
        self.domain = sagemaker.CfnDomain(
            self, "Domain", domain_name=domain_name,
            auth_mode="SSO", app_network_access_type="VpcOnly",
            vpc_id=vpc.vpc_id, subnet_ids=subnet_ids, kms_key_id=key.key_arn,
            default_user_settings=sagemaker.CfnDomain.UserSettingsProperty(
                execution_role=self.role.role_arn,
                security_groups=[security_group.security_group_id],
                jupyter_lab_app_settings=jupyterlab,
                studio_web_portal="ENABLED",
                default_landing_uri="studio::"),
            default_space_settings=sagemaker.CfnDomain.DefaultSpaceSettingsProperty(
                execution_role=self.role.role_arn,
                security_groups=[security_group.security_group_id],
                jupyter_lab_app_settings=jupyterlab))
        self.domain_id = self.domain.attr_domain_id

        self.policy = iam.Policy(
            self, "ExecutionPolicy", roles=[self.role],
            statements=execution_role_statements(
                domain_id=self.domain_id, role_arn=self.role.role_arn, subnet_ids=subnet_ids,
                security_group_id=security_group.security_group_id,
                bucket_arns=resources.bucket_arns, repository_arns=resources.repository_arns,
                key_arn=resources.key_arn,
                tracking_server_arns=resources.tracking_server_arns, emr=resources.emr))

        self.user_profiles = self._users(identity_center)
        self.shared_space: sagemaker.CfnSpace | None = None
        if shared_space:
            if self.user_profiles:
                self.shared_space = self._shared_space(shared_space_name)
            else:
                Annotations.of(self).add_warning(
                    "shared_space is on but no Identity Center user is configured: a shared "
                    "space needs an owner profile, so none is created.")

    def _lifecycle_config(self, script: bytes) -> sagemaker.CfnStudioLifecycleConfig:
        content = base64.b64encode(script).decode("ascii")
        if len(content) > LCC_CONTENT_LIMIT:
            raise ValueError(f"The lifecycle script is {len(content)} characters in base64; "
                             f"Studio accepts at most {LCC_CONTENT_LIMIT}.")
        return sagemaker.CfnStudioLifecycleConfig(
            self, "LifecycleConfig",
            studio_lifecycle_config_name=lcc_name(script, __version__),
            studio_lifecycle_config_app_type="JupyterLab",
            studio_lifecycle_config_content=content,
            tags=[CfnTag(key=MANAGED_TAG["Key"], value=MANAGED_TAG["Value"])])

    def _users(self, identity_center: IdentityCenter) -> list[sagemaker.CfnUserProfile]:
        app_arn = self.domain.attr_single_sign_on_application_arn
        profiles = []
        for user in identity_center.users:
            profile = sagemaker.CfnUserProfile(
                self, f"User-{user.user_name}", domain_id=self.domain_id,
                user_profile_name=_profile_name(user.user_name),
                single_sign_on_user_identifier="UserName",
                single_sign_on_user_value=user.user_name)
            sso.CfnApplicationAssignment(
                self, f"Assign-{user.user_name}", application_arn=app_arn,
                principal_id=user.user_id, principal_type="USER")
            profiles.append(profile)
        for group in identity_center.groups:
            # Members of an assigned group get their profile from SageMaker at first login.
            sso.CfnApplicationAssignment(
                self, f"AssignGroup-{group.group_id}", application_arn=app_arn,
                principal_id=group.group_id, principal_type="GROUP")
        return profiles

    def _shared_space(self, name: str) -> sagemaker.CfnSpace:
        owner = self.user_profiles[0]
        space = sagemaker.CfnSpace(
            self, "SharedSpace", domain_id=self.domain_id, space_name=name,
            space_display_name="Team space",
            ownership_settings=sagemaker.CfnSpace.OwnershipSettingsProperty(
                owner_user_profile_name=owner.user_profile_name),
            space_sharing_settings=sagemaker.CfnSpace.SpaceSharingSettingsProperty(
                sharing_type="Shared"),
            space_settings=sagemaker.CfnSpace.SpaceSettingsProperty(
                app_type="JupyterLab",
                jupyter_lab_app_settings=sagemaker.CfnSpace.SpaceJupyterLabAppSettingsProperty(
                    default_resource_spec=sagemaker.CfnSpace.ResourceSpecProperty(
                        instance_type=SHARED_SPACE_INSTANCE))))
        space.add_resource_dependency(owner)
        return space


def _profile_name(user_name: str) -> str:
    """A user name (often an e-mail address) made into a valid profile name."""
    cleaned = "".join(c if c.isalnum() else "-" for c in user_name).strip("-")
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned[:63].rstrip("-")
