"""The one deployable: the VPC-only SSO Studio domain that loads jupyter_dsws."""

from __future__ import annotations

from aws_cdk import Aws, CfnOutput, DefaultStackSynthesizer, Environment, Stack
from constructs import Construct

from .budget import CostBudget
from .config import InfraConfig
from .experiments import TrackingServer, tracking_server_arn
from .network import Network
from .registry import CodeAndRegistry
from .role_policy import EmrAccess
from .storage import Storage
from .studio import Studio, StudioResources


class StudioStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: InfraConfig) -> None:
        super().__init__(
            scope, construct_id, stack_name=config.stack_name,
            description="jupyter_dsws: VPC-only SSO SageMaker Studio domain (issue 16)",
            # The account stays a deploy-time value (AWS::AccountId): with a concrete one, CDK
            # would look the AZs up in that account, which synth must not need.
            env=Environment(region=config.region),
            # No bootstrap-version rule: the template also deploys with plain
            # `aws cloudformation deploy`, without a CDK bootstrap.
            synthesizer=DefaultStackSynthesizer(generate_bootstrap_version_rule=False))
        script = config.lifecycle_script_bytes()
        account = config.account or Aws.ACCOUNT_ID

        self.storage = Storage(
            self, "Storage", data_bucket_name=config.data_bucket,
            artefact_bucket_name=config.artefact_bucket, log_bucket_name=config.log_bucket)
        self.network = Network(
            self, "Network", region=config.region, cidr=config.vpc_cidr,
            az_count=config.az_count, availability_zones=config.availability_zones,
            s3_prefix_list_id=config.s3_prefix_list_id,
            flow_log_bucket=self.storage.log_bucket,
            emr_security_groups=config.emr_security_groups,
            endpoint_switches=tuple(sorted(config.endpoint_switches)),
            livy_port=config.emr_livy_port)
        self.storage.deny_outside_endpoint(
            endpoint_id=self.network.s3_endpoint.vpc_endpoint_id, account=account,
            region=config.region, admin_role_arn=config.admin_role_arn)
        self.code = CodeAndRegistry(
            self, "CodeAndRegistry",
            repository_name=config.repository_name if config.codecommit_repository else None,
            model_package_groups=config.model_package_groups())
        self.studio = Studio(
            self, "Studio", domain_name=config.domain_name, vpc=self.network.vpc,
            subnet_ids=self.network.subnets.subnet_ids,
            security_group=self.network.studio_sg, key=self.storage.key,
            lifecycle_script=script, idle=config.idle,
            identity_center=config.identity_center, shared_space=config.shared_space,
            shared_space_name=config.shared_space_name,
            resources=StudioResources(
                bucket_arns=[b.bucket_arn for b in self.storage.private_buckets],
                repository_arns=self.code.repository_arns, key_arn=self.storage.key.key_arn,
                # Known before the server exists: its name is ours.
                tracking_server_arns=[tracking_server_arn(config.tracking_server_name)]
                if config.mlflow_tracking_server else [],
                emr=EmrAccess(execution_role_arns=list(config.emr_execution_role_arns),
                              serverless=config.emr_serverless,
                              ldap_secret_prefix=config.emr_ldap_secret_prefix)))
        self.tracking: TrackingServer | None = None
        if config.mlflow_tracking_server:
            self.tracking = TrackingServer(
                self, "Experiments", name=config.tracking_server_name,
                size=config.mlflow_server_size, bucket=self.storage.artefact_bucket,
                key=self.storage.key)

        if config.budget.enabled:
            CostBudget(self, "Budget", name=f"{config.name_prefix}-studio",
                       amount_usd=config.budget.amount_usd,
                       alert_email=config.budget.alert_email, cost_tags=config.tags)
        self._outputs()

    def _outputs(self) -> None:
        outputs = {
            "DomainId": self.studio.domain_id,
            "DomainUrl": self.studio.domain.attr_url,
            "VpcId": self.network.vpc.vpc_id,
            "S3EndpointId": self.network.s3_endpoint.vpc_endpoint_id,
            "DataBucket": self.storage.data_bucket.bucket_name,
            "ArtefactBucket": self.storage.artefact_bucket.bucket_name,
            "ExecutionRoleArn": self.studio.role.role_arn,
            "LifecycleConfigArn":
                self.studio.lifecycle_config.attr_studio_lifecycle_config_arn,
            "StudioSecurityGroup": self.network.studio_sg.security_group_id,
        }
        if self.tracking is not None:
            outputs["TrackingServerArn"] = self.tracking.arn
        emr = self.network.emr
        if emr is not None:
            outputs.update(emr.outputs())
            # What `aws emr create-cluster --ec2-attributes` takes for a cluster Studio reaches.
            outputs["EmrEc2Attributes"] = ",".join(
                [f"SubnetId={self.network.subnets.subnet_ids[0]}",
                 *(f"{key}={value}" for key, value in emr.outputs().items())])
        for name, value in outputs.items():
            CfnOutput(self, name, value=value)
