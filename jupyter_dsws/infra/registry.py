"""Code and models: the CodeCommit repository (C-3) and one model package group per feature
of the team's inventory, named by the slug rule the demo seed uses."""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_codecommit as codecommit
from aws_cdk import aws_sagemaker as sagemaker
from constructs import Construct


class CodeAndRegistry(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, repository_name: str | None,
                 model_package_groups: list[str]) -> None:
        super().__init__(scope, construct_id)
        self.repository: codecommit.Repository | None = None
        if repository_name:
            self.repository = codecommit.Repository(
                self, "Repository", repository_name=repository_name,
                description="The team's notebooks and code (jupyter_dsws)")
            self.repository.apply_removal_policy(RemovalPolicy.RETAIN)
        self.groups = [
            sagemaker.CfnModelPackageGroup(
                self, f"Group-{name}", model_package_group_name=name,
                model_package_group_description=f"Model versions of the feature '{name}'")
            for name in model_package_groups]

    @property
    def repository_arns(self) -> list[str]:
        return [self.repository.repository_arn] if self.repository else []
