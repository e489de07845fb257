"""Keys and buckets: one KMS key, the data and artefact buckets, the log bucket (C-1).

Every bucket blocks public access, refuses plain HTTP, is versioned and encrypted. The data
and artefact buckets use the stack's KMS key and deny every request that does not come
through the VPC's S3 endpoint, except from the break-glass roles (the admin's, for
`dsws lifecycle publish`, and CDK's CloudFormation execution role, so deployments work).
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .metadata import skip_checks

# CDK's bootstrap names its CloudFormation execution role this way in every account.
CDK_EXEC_ROLE_PATTERN = "arn:aws:iam::{account}:role/cdk-*-cfn-exec-role-{account}-{region}"


class Storage(Construct):
    """The KMS key and the stack's three buckets."""

    def __init__(self, scope: Construct, construct_id: str, *, data_bucket_name: str,
                 artefact_bucket_name: str, log_bucket_name: str) -> None:
        super().__init__(scope, construct_id)
        self.key = kms.Key(
            self, "Key", enable_key_rotation=True, removal_policy=RemovalPolicy.RETAIN,
            description="jupyter_dsws: S3 buckets and the Studio domain's EFS")
        self.log_bucket = s3.Bucket(
            self, "LogBucket", bucket_name=log_bucket_name,
            # S3 server access logging can only write to a bucket with S3-managed keys.
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL, enforce_ssl=True,
            versioned=True, object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            removal_policy=RemovalPolicy.RETAIN,
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(400),
                                              noncurrent_version_expiration=Duration.days(30))])
        skip_checks(self.log_bucket.node.default_child, [
            ("CKV_AWS_18", "This is the access-log bucket; logging it into itself would loop.")])
        self.data_bucket = self._bucket("DataBucket", data_bucket_name, "data/")
        self.artefact_bucket = self._bucket("ArtefactBucket", artefact_bucket_name, "artefacts/")

    def _bucket(self, construct_id: str, name: str, log_prefix: str) -> s3.Bucket:
        bucket = s3.Bucket(
            self, construct_id, bucket_name=name,
            encryption=s3.BucketEncryption.KMS, encryption_key=self.key, bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL, enforce_ssl=True,
            versioned=True, server_access_logs_bucket=self.log_bucket,
            server_access_logs_prefix=log_prefix, removal_policy=RemovalPolicy.RETAIN)
        return bucket

    @property
    def private_buckets(self) -> list[s3.Bucket]:
        return [self.data_bucket, self.artefact_bucket]

    def deny_outside_endpoint(self, *, endpoint_id: str, account: str, region: str,
                              admin_role_arn: str) -> None:
        """Deny any access to the data and artefact buckets that does not come through the
        S3 gateway endpoint, except from the break-glass roles."""
        exempt = [CDK_EXEC_ROLE_PATTERN.format(account=account, region=region)]
        if admin_role_arn:
            exempt.insert(0, admin_role_arn)
        for bucket in self.private_buckets:
            bucket.add_to_resource_policy(iam.PolicyStatement(
                sid="DenyOutsideVpcEndpoint", effect=iam.Effect.DENY,
                principals=[iam.AnyPrincipal()], actions=["s3:*"],
                resources=[bucket.bucket_arn, bucket.arn_for_objects("*")],
                conditions={"StringNotEquals": {"aws:SourceVpce": endpoint_id},
                            "ArnNotLike": {"aws:PrincipalArn": exempt}}))
