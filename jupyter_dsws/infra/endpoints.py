"""The VPC endpoints a VPC-only Studio domain needs: one list, read by the stack and the audit.

Sources: AWS "Connect Studio notebooks in a VPC to external resources" (VPC-only needs the
SageMaker API and runtime endpoints, S3 and every other service used), "Connect to SageMaker
Studio Classic through an interface VPC endpoint" (``aws.sagemaker.<region>.studio``), the
seed article (sagemaker.api, sagemaker.runtime, servicecatalog for Projects, git-codecommit)
and what our own panels call (docs/admin.md, "VPC endpoints and permissions"). The EMR
Serverless and Secrets Manager names are aws-cdk's ``InterfaceVpcEndpointAwsService``
constants EMR_SERVERLESS, EMR_SERVERLESS_LIVY, EMR_SERVERLESS_DASHBOARD and SECRETS_MANAGER
(and EC2 for ``ec2``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class InterfaceEndpoint:
    name: str
    why: str
    # The IAM service prefix the endpoint policy allows; None keeps AWS's default policy
    # (the service gets no narrower than that, see `policy_note`).
    policy_prefix: str | None
    aws_namespace: bool = False  # aws.sagemaker.<region>.<name> rather than com.amazonaws.…
    policy_note: str = ""
    # The config switch (an InfraConfig bool) that turns this endpoint on; "" = always.
    switch: str = ""

    def service_name(self, region: str) -> str:
        if self.aws_namespace:
            return f"aws.sagemaker.{region}.{self.name}"
        return f"com.amazonaws.{region}.{self.name}"


_EMR_SERVERLESS_NOTE = ("AWS's default policy: EMR Serverless documents no endpoint policy for "
                        "these endpoints; the execution role scopes what is called")

INTERFACE_ENDPOINTS: tuple[InterfaceEndpoint, ...] = (
    InterfaceEndpoint("sagemaker.api", "SageMaker API: Studio itself, our panels, training "
                      "jobs, the model registry", "sagemaker"),
    InterfaceEndpoint("sagemaker.runtime", "SageMaker runtime: notebooks and invoking endpoints",
                      "sagemaker"),
    InterfaceEndpoint("studio", "Studio UI from inside the VPC (CreatePresignedDomainUrl)", None,
                      aws_namespace=True,
                      policy_note="carries the browser's Studio session, which no IAM "
                                  "principal of ours signs: an account condition would break it"),
    InterfaceEndpoint("sts", "STS: credentials of the execution role, workspace status", "sts"),
    InterfaceEndpoint("servicecatalog", "Service Catalog: SageMaker Projects", "servicecatalog"),
    InterfaceEndpoint("codecommit", "CodeCommit API: the Repositories panel", "codecommit"),
    InterfaceEndpoint("git-codecommit", "git over HTTPS to CodeCommit", "codecommit"),
    InterfaceEndpoint("logs", "CloudWatch Logs: app, LCC and training job logs", "logs"),
    InterfaceEndpoint("ecr.api", "ECR API: training and processing images", "ecr"),
    InterfaceEndpoint("ecr.dkr", "ECR registry: pulling those images", "ecr"),
    InterfaceEndpoint("elasticmapreduce", "EMR API: finding and connecting to clusters (FR-2)",
                      "elasticmapreduce"),
    InterfaceEndpoint("ec2", "EC2 API: the EMR panel's path check reads the cluster's and "
                      "the space's security groups", "ec2"),
    InterfaceEndpoint("emr-serverless", "EMR Serverless API: listing and starting "
                      "applications from the EMR panel", None, switch="emr_serverless",
                      policy_note=_EMR_SERVERLESS_NOTE),
    InterfaceEndpoint("emr-serverless-services.livy", "EMR Serverless Livy: the notebook's "
                      "Spark session on an application (%sm_analytics)", None,
                      switch="emr_serverless", policy_note=_EMR_SERVERLESS_NOTE),
    InterfaceEndpoint("emr-serverless.dashboard", "EMR Serverless dashboard: the Spark UI "
                      "of an application's runs", None, switch="emr_serverless",
                      policy_note=_EMR_SERVERLESS_NOTE),
    InterfaceEndpoint("secretsmanager", "Secrets Manager: the LDAP credentials an EMR "
                      "connection reads (%sm_analytics --secret)", "secretsmanager",
                      switch="emr_ldap"),
    InterfaceEndpoint("experiments", "SageMaker managed MLflow: the Experiments panel and "
                      "notebooks logging runs (the tracking server's data plane)", None,
                      aws_namespace=True,
                      policy_note="AWS's default policy: MLflow requests are signed as "
                                  "sagemaker-mlflow, which an endpoint policy cannot narrow "
                                  "further than the role's own"),
    InterfaceEndpoint("servicequotas", "Service Quotas: the Instances panel", "servicequotas"),
    InterfaceEndpoint("kms", "KMS: the stack's key for S3 and the domain's EFS", "kms"),
    InterfaceEndpoint("ssm", "Systems Manager: parameters read by SageMaker tooling", "ssm"),
)

S3_GATEWAY = "s3"


def interface_endpoints(switches: Iterable[str] = ()) -> tuple[InterfaceEndpoint, ...]:
    """The endpoints always needed, plus those whose config switch is in ``switches``."""
    on = set(switches)
    return tuple(e for e in INTERFACE_ENDPOINTS if not e.switch or e.switch in on)


def required_service_names(region: str, switches: Iterable[str] = ()) -> list[str]:
    return [e.service_name(region) for e in interface_endpoints(switches)]


def s3_service_name(region: str) -> str:
    return f"com.amazonaws.{region}.{S3_GATEWAY}"


def ecr_layer_bucket(region: str) -> str:
    """Where ECR keeps image layers: pulls through the S3 gateway endpoint need it allowed."""
    return f"prod-{region}-starport-layer-bucket"
