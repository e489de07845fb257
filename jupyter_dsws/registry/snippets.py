"""Ready-to-run notebook code for a version: boto3 only.

SageMaker Distribution 4.x ships the SageMaker Python SDK v3, whose API differs from v2's
``ModelPackage(...).deploy()``; plain boto3 works on every image. The deploy snippet puts
the endpoint's model in the Studio domain's VPC, so its traffic uses the domain's VPC
endpoints (a VPC-only domain has no other way out).
"""

from __future__ import annotations

import re

_NON_NAME = re.compile(r"[^a-zA-Z0-9-]+")


def _name(group: str, version: int) -> str:
    base = _NON_NAME.sub("-", group).strip("-")[:50] or "model"
    return f"{base}-v{version}"


def load_snippet(arn: str, region: str | None) -> str:
    return f'''import os
import tarfile

import boto3

MODEL_PACKAGE_ARN = {arn!r}

session = boto3.session.Session(region_name={region!r})
sagemaker = session.client("sagemaker")
s3 = session.client("s3")

package = sagemaker.describe_model_package(ModelPackageName=MODEL_PACKAGE_ARN)
container = package["InferenceSpecification"]["Containers"][0]
print(package["ModelPackageGroupName"], "version", package["ModelPackageVersion"],
      package["ModelApprovalStatus"])
print("image:", container["Image"])

bucket, key = container["ModelDataUrl"].removeprefix("s3://").split("/", 1)
os.makedirs("model", exist_ok=True)
s3.download_file(bucket, key, os.path.join("model", os.path.basename(key)))
if key.endswith((".tar.gz", ".tgz")):
    with tarfile.open(os.path.join("model", os.path.basename(key))) as archive:
        archive.extractall("model", filter="data")
print("model files:", sorted(os.listdir("model")))
'''


def deploy_snippet(arn: str, region: str | None, group: str, version: int,
                   instance_type: str = "ml.m5.large") -> str:
    name = _name(group, version)
    return f'''import json

import boto3

MODEL_PACKAGE_ARN = {arn!r}
NAME = {name!r}
INSTANCE_TYPE = {instance_type!r}

session = boto3.session.Session(region_name={region!r})
sagemaker = session.client("sagemaker")

# The Studio domain's network: the endpoint then reaches S3 and ECR through the
# domain's VPC endpoints, as a VPC-only domain requires.
with open("/opt/ml/metadata/resource-metadata.json") as file:
    domain_id = json.load(file)["DomainId"]
domain = sagemaker.describe_domain(DomainId=domain_id)
vpc_config = {{
    "Subnets": domain["SubnetIds"],
    "SecurityGroupIds": domain["DefaultUserSettings"]["SecurityGroups"],
}}
# The role of this notebook; replace it with a role SageMaker may assume for hosting.
role = domain["DefaultUserSettings"]["ExecutionRole"]

sagemaker.create_model(
    ModelName=NAME,
    Containers=[{{"ModelPackageName": MODEL_PACKAGE_ARN}}],
    ExecutionRoleArn=role,
    VpcConfig=vpc_config,
)
sagemaker.create_endpoint_config(
    EndpointConfigName=NAME,
    ProductionVariants=[{{"VariantName": "AllTraffic", "ModelName": NAME,
                          "InstanceType": INSTANCE_TYPE, "InitialInstanceCount": 1}}],
)
sagemaker.create_endpoint(EndpointName=NAME, EndpointConfigName=NAME)
sagemaker.get_waiter("endpoint_in_service").wait(EndpointName=NAME)
print("endpoint", NAME, "is in service")
'''
