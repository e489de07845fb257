"""Experiments: the team's SageMaker managed MLflow tracking server (issue 22).

Its artifacts go to the artefact bucket under ``mlflow/``, encrypted with the stack's key;
it runs as a role of its own that may touch only that prefix (and the model registry, for
MLflow's registration of models into SageMaker). Notebooks and the Experiments panel reach
it through the ``aws.sagemaker.<region>.experiments`` interface endpoint (endpoints.py).
"""

from __future__ import annotations

from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sagemaker as sagemaker
from constructs import Construct

from .role_policy import _arn

ARTIFACT_PREFIX = "mlflow"


class TrackingServer(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, name: str, size: str,
                 bucket: s3.IBucket, key: kms.IKey) -> None:
        super().__init__(scope, construct_id)
        self.role = iam.Role(
            self, "Role", assumed_by=iam.ServicePrincipal("sagemaker.amazonaws.com"),
            description="The MLflow tracking server: its artifacts in S3, registrations into "
                        "the model registry")
        policy = iam.Policy(self, "Policy", roles=[self.role], statements=[
            iam.PolicyStatement(sid="ArtifactBucket",
                                actions=["s3:ListBucket", "s3:GetBucketLocation"],
                                resources=[bucket.bucket_arn]),
            iam.PolicyStatement(sid="Artifacts",
                                actions=["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                                         "s3:AbortMultipartUpload"],
                                resources=[bucket.arn_for_objects(f"{ARTIFACT_PREFIX}/*")]),
            iam.PolicyStatement(sid="ArtifactKey",
                                actions=["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                                resources=[key.key_arn]),
            iam.PolicyStatement(
                sid="ModelRegistration",
                actions=["sagemaker:CreateModelPackageGroup", "sagemaker:CreateModelPackage",
                         "sagemaker:DescribeModelPackageGroup",
                         "sagemaker:DescribeModelPackage", "sagemaker:UpdateModelPackage",
                         "sagemaker:AddTags"],
                resources=[_arn("sagemaker", "model-package-group/*"),
                           _arn("sagemaker", "model-package/*")]),
        ])
        self.server = sagemaker.CfnMlflowTrackingServer(
            self, "Server", tracking_server_name=name, tracking_server_size=size,
            artifact_store_uri=f"s3://{bucket.bucket_name}/{ARTIFACT_PREFIX}",
            role_arn=self.role.role_arn,
            # The Experiments panel registers runs with their metrics (a model quality file
            # the Models panel reads); MLflow's own registration would add versions without.
            automatic_model_registration=False)
        # The server checks its artifact store when it is created: the policy must be there.
        self.server.node.add_dependency(policy)

    @property
    def arn(self) -> str:
        return self.server.attr_tracking_server_arn


def tracking_server_arn(name: str) -> str:
    """The ARN the tracking server ``name`` will have in the stack's account and region."""
    return _arn("sagemaker", f"mlflow-tracking-server/{name}")
