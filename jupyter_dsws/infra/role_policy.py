"""The execution role's permissions: exactly what our panels and the seed's work call.

No ``*`` action (one exception: ``sagemaker-mlflow:*``, MLflow's own API, whose actions grow
with each MLflow version, held to our one tracking server), no ``NotAction``, no AWS-managed
FullAccess policy. Every action that IAM
lets us scope to a resource is scoped to ours: the domain's own spaces and apps, our
buckets, repositories and key. The actions with resource ``*`` below are the ones IAM does
not scope (List* calls, pricing, ECR's token, the describes EC2 needs for VPC jobs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aws_cdk import Aws
from aws_cdk import aws_iam as iam


def _arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:{Aws.REGION}:{Aws.ACCOUNT_ID}:{resource}"


@dataclass(frozen=True)
class EmrAccess:
    """What the EMR panel and the ``%sm_analytics`` magic may reach beyond listing clusters."""
    #: Runtime roles people may connect to clusters with (GetClusterSessionCredentials),
    #: and pass to EMR Serverless as a session's execution role. Empty: neither.
    execution_role_arns: list[str] = field(default_factory=list)
    serverless: bool = True
    #: Secrets with LDAP credentials, ``<prefix>*`` by name; "" when LDAP is off.
    ldap_secret_prefix: str = ""


def execution_role_statements(*, domain_id: str, role_arn: str, subnet_ids: list[str],
                              security_group_id: str, bucket_arns: list[str],
                              repository_arns: list[str], key_arn: str,
                              tracking_server_arns: list[str] | None = None,
                              emr: EmrAccess | None = None) -> list[iam.PolicyStatement]:
    statements = [
        iam.PolicyStatement(
            sid="OwnStudioAppsAndSpaces",
            actions=["sagemaker:DescribeApp", "sagemaker:DeleteApp", "sagemaker:DescribeSpace",
                     "sagemaker:UpdateSpace", "sagemaker:DescribeDomain",
                     "sagemaker:DescribeUserProfile"],
            resources=[_arn("sagemaker", f"app/{domain_id}/*"),
                       _arn("sagemaker", f"space/{domain_id}/*"),
                       _arn("sagemaker", f"domain/{domain_id}"),
                       _arn("sagemaker", f"user-profile/{domain_id}/*")]),
        *_studio_ui_statements(domain_id),
        iam.PolicyStatement(
            sid="ModelRegistry",
            actions=["sagemaker:CreateModelPackageGroup", "sagemaker:DescribeModelPackageGroup",
                     "sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage",
                     "sagemaker:UpdateModelPackage", "sagemaker:AddTags"],
            resources=[_arn("sagemaker", "model-package-group/*"),
                       _arn("sagemaker", "model-package/*")]),
        iam.PolicyStatement(
            sid="TrainingJobsInTheVpc",
            actions=["sagemaker:CreateTrainingJob"],
            resources=[_arn("sagemaker", "training-job/*")],
            conditions={"Null": {"sagemaker:VpcSubnets": "false"},
                        "ForAllValues:StringEquals": {
                            "sagemaker:VpcSubnets": subnet_ids,
                            "sagemaker:VpcSecurityGroupIds": [security_group_id]}}),
        iam.PolicyStatement(
            sid="TrainingJobs",
            actions=["sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
                     "sagemaker:AddTags"],
            resources=[_arn("sagemaker", "training-job/*")]),
        iam.PolicyStatement(
            sid="Lists",
            actions=["sagemaker:ListApps", "sagemaker:ListSpaces", "sagemaker:ListDomains",
                     "sagemaker:ListUserProfiles",
                     "sagemaker:ListModelPackageGroups", "sagemaker:ListModelPackages",
                     "sagemaker:ListTrainingJobs", "codecommit:ListRepositories",
                     "servicequotas:ListServiceQuotas",
                     "servicequotas:ListAWSDefaultServiceQuotas", "pricing:GetProducts",
                     "elasticmapreduce:ListClusters", "ecr:GetAuthorizationToken",
                     # IAM has no resource type for security configurations.
                     "elasticmapreduce:DescribeSecurityConfiguration",
                     "sagemaker:ListMlflowTrackingServers", "sagemaker:ListMlflowApps"],
            resources=["*"]),
        iam.PolicyStatement(
            sid="ServiceQuotasOfSageMaker", actions=["servicequotas:GetServiceQuota"],
            resources=[_arn("servicequotas", "sagemaker/*")]),
        iam.PolicyStatement(
            sid="OurBuckets", actions=["s3:ListBucket", "s3:GetBucketLocation"],
            resources=bucket_arns),
        iam.PolicyStatement(
            sid="OurObjects",
            actions=["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"],
            resources=[f"{arn}/*" for arn in bucket_arns]),
        iam.PolicyStatement(
            sid="OurKey",
            actions=["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
            resources=[key_arn]),
        iam.PolicyStatement(
            sid="Logs",
            actions=["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                     "logs:DescribeLogStreams", "logs:GetLogEvents"],
            resources=[_arn("logs", "log-group:/aws/sagemaker/*"),
                       _arn("logs", "log-group:/aws/sagemaker/*:log-stream:*")]),
        iam.PolicyStatement(
            sid="PassOwnRoleToSageMaker", actions=["iam:PassRole"], resources=[role_arn],
            conditions={"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}),
        # A job in the VPC gets its network interfaces through the role it runs as.
        iam.PolicyStatement(
            sid="VpcJobNetworkInterfaces",
            actions=["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
                     "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"],
            resources=[_arn("ec2", "network-interface/*"),
                       *[_arn("ec2", f"subnet/{subnet}") for subnet in subnet_ids],
                       _arn("ec2", f"security-group/{security_group_id}")]),
        iam.PolicyStatement(
            sid="VpcJobDescribes",
            actions=["ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
                     "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets",
                     "ec2:DescribeSecurityGroups"],
            resources=["*"]),
        iam.PolicyStatement(
            sid="TrainingImages",
            actions=["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                     "ecr:BatchCheckLayerAvailability"],
            resources=[f"arn:aws:ecr:{Aws.REGION}:*:repository/*"]),
        iam.PolicyStatement(
            sid="EmrClusters",
            actions=["elasticmapreduce:DescribeCluster", "elasticmapreduce:ListInstances",
                     "elasticmapreduce:ListInstanceGroups"],
            resources=[_arn("elasticmapreduce", "cluster/*")]),
        *_emr_statements(emr or EmrAccess()),
    ]
    statements.append(iam.PolicyStatement(
        sid="MlflowAppsOfTheAccount", actions=["sagemaker:DescribeMlflowApp"],
        resources=[_arn("sagemaker", "mlflow-app/*")]))
    if tracking_server_arns:
        statements += [
            iam.PolicyStatement(
                sid="OurTrackingServer",
                actions=["sagemaker:DescribeMlflowTrackingServer",
                         "sagemaker:CreatePresignedMlflowTrackingServerUrl"],
                resources=list(tracking_server_arns)),
            # MLflow's REST API, signed as sagemaker-mlflow: log, search, read runs.
            iam.PolicyStatement(sid="LogAndReadRuns", actions=["sagemaker-mlflow:*"],
                                resources=list(tracking_server_arns)),
        ]
    if repository_arns:
        statements.append(iam.PolicyStatement(
            sid="OurRepositories",
            actions=["codecommit:BatchGetRepositories", "codecommit:GetRepository",
                     "codecommit:GitPull", "codecommit:GitPush"],
            resources=repository_arns))
    return statements


def _emr_statements(emr: EmrAccess) -> list[iam.PolicyStatement]:
    statements = []
    roles = list(emr.execution_role_arns)
    if roles:
        statements.append(iam.PolicyStatement(
            sid="EmrRuntimeRoles", actions=["elasticmapreduce:GetClusterSessionCredentials"],
            resources=[_arn("elasticmapreduce", "cluster/*")],
            conditions={"StringEquals": {"elasticmapreduce:ExecutionRoleArn": roles}}))
    if emr.serverless:
        # AWS's own Studio policy for EMR Serverless ("Configure EMR Serverless"): the list on
        # the account's emr-serverless resources, the rest on its applications.
        statements += [
            iam.PolicyStatement(
                sid="EmrServerlessList", actions=["emr-serverless:ListApplications"],
                resources=[_arn("emr-serverless", "/*")]),
            iam.PolicyStatement(
                sid="EmrServerlessApplications",
                actions=["emr-serverless:GetApplication", "emr-serverless:StartApplication",
                         "emr-serverless:AccessLivyEndpoints",
                         "emr-serverless:GetDashboardForJobRun"],
                resources=[_arn("emr-serverless", "/applications/*")]),
        ]
        if roles:
            statements.append(iam.PolicyStatement(
                sid="EmrServerlessSessionRoles", actions=["iam:PassRole"], resources=roles,
                conditions={"StringEquals": {
                    "iam:PassedToService": "emr-serverless.amazonaws.com"}}))
    if emr.ldap_secret_prefix:
        statements.append(iam.PolicyStatement(
            sid="EmrLdapSecrets", actions=["secretsmanager:GetSecretValue"],
            resources=[_arn("secretsmanager", f"secret:{emr.ldap_secret_prefix}*")]))
    return statements


def _studio_ui_statements(domain_id: str) -> list[iam.PolicyStatement]:
    """What Studio's own UI does with the role in an SSO domain: start and stop apps, create
    spaces, each person only in their own private spaces (AWS's "Give your users access to
    spaces" policy, scoped to this domain). ``${sagemaker:UserProfileName}`` is the profile
    of the person whose Studio session makes the call."""
    own_profile = _arn("sagemaker", f"user-profile/{domain_id}/${{sagemaker:UserProfileName}}")
    apps, spaces = _arn("sagemaker", f"app/{domain_id}/*"), _arn("sagemaker",
                                                                 f"space/{domain_id}/*")
    space_actions = ["sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace"]
    app_actions = ["sagemaker:CreateApp", "sagemaker:DeleteApp"]
    return [
        iam.PolicyStatement(
            sid="StudioSharedSpaces", actions=space_actions, resources=[spaces],
            conditions={"Null": {"sagemaker:OwnerUserProfileArn": "true"}}),
        iam.PolicyStatement(
            sid="StudioOwnSpaces", actions=space_actions, resources=[spaces],
            conditions={"ArnLike": {"sagemaker:OwnerUserProfileArn": own_profile},
                        "StringEquals": {"sagemaker:SpaceSharingType": ["Private", "Shared"]}}),
        iam.PolicyStatement(
            sid="StudioSharedSpaceApps", actions=app_actions, resources=[apps],
            conditions={"Null": {"sagemaker:OwnerUserProfileArn": "true"}}),
        iam.PolicyStatement(
            sid="StudioOwnPrivateApps", actions=app_actions, resources=[apps],
            conditions={"ArnLike": {"sagemaker:OwnerUserProfileArn": own_profile},
                        "StringEquals": {"sagemaker:SpaceSharingType": "Private"}}),
        iam.PolicyStatement(
            sid="StudioTagOnCreate", actions=["sagemaker:AddTags", "sagemaker:ListTags"],
            resources=[apps, spaces]),
    ]
