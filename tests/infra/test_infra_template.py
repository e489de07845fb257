"""CDK assertions on the synthesized template: the identity, Studio, code, cost and
experiments requirements of issue 16, by property (the network and the data perimeter:
test_infra_template_network.py).

Resources are found by type and properties, never by CDK's hashed logical ids.
"""

from __future__ import annotations

import base64
import json

import pytest

from jupyter_dsws.lifecycle.naming import lcc_name

EMR_RUNTIME_ROLE = "arn:aws:iam::123456789012:role/emr-runtime-analysts"  # conftest.FULL_CONFIG

assertions = pytest.importorskip("aws_cdk.assertions")

REGION = "eu-central-1"





# -- identity and Studio ------------------------------------------------------------------

def test_domain_is_vpc_only_sso_with_our_lcc_and_idle_defaults(template, full_stack):
    domain = full_stack.one("AWS::SageMaker::Domain")["Properties"]
    assert domain["AuthMode"] == "SSO"
    assert domain["AppNetworkAccessType"] == "VpcOnly"
    assert domain["DomainName"] == "team-domain"
    assert len(domain["SubnetIds"]) == 2
    lcc_id = next(iter(full_stack.resources("AWS::SageMaker::StudioLifecycleConfig")))
    for settings in (domain["DefaultUserSettings"], domain["DefaultSpaceSettings"]):
        lab = settings["JupyterLabAppSettings"]
        assert lab["BuiltInLifecycleConfigArn"] == {
            "Fn::GetAtt": [lcc_id, "StudioLifecycleConfigArn"]}
        assert "LifecycleConfigArns" not in lab  # built-in only: never run twice
        assert lab["AppLifecycleManagement"]["IdleSettings"] == {
            "LifecycleManagement": "ENABLED", "IdleTimeoutInMinutes": 90,
            "MinIdleTimeoutInMinutes": 60, "MaxIdleTimeoutInMinutes": 240}
        assert "ExecutionRole" in settings and len(settings["SecurityGroups"]) == 1


def test_lifecycle_config_is_named_and_tagged_like_dsws_lifecycle(full_stack):
    from jupyter_dsws import __version__

    script = (full_stack.config.lifecycle_script).read_bytes()
    lcc = full_stack.one("AWS::SageMaker::StudioLifecycleConfig")["Properties"]
    assert lcc["StudioLifecycleConfigName"] == lcc_name(script, __version__)
    assert lcc["StudioLifecycleConfigAppType"] == "JupyterLab"
    assert base64.b64decode(lcc["StudioLifecycleConfigContent"]) == script
    assert {"Key": "dsws:managed", "Value": "true"} in lcc["Tags"]


def test_shared_space_and_sso_assignments(full_stack, minimal_stack):
    space = full_stack.one("AWS::SageMaker::Space")["Properties"]
    assert space["SpaceSharingSettings"] == {"SharingType": "Shared"}
    assert space["SpaceSettings"]["AppType"] == "JupyterLab"
    profile = full_stack.one("AWS::SageMaker::UserProfile")["Properties"]
    assert space["OwnershipSettings"]["OwnerUserProfileName"] == profile["UserProfileName"]
    assert profile["SingleSignOnUserIdentifier"] == "UserName"
    assert profile["SingleSignOnUserValue"] == "harry.potter@example.com"
    assignments = sorted(
        (a["Properties"]["PrincipalType"], a["Properties"]["PrincipalId"])
        for a in full_stack.resources("AWS::SSO::ApplicationAssignment").values())
    assert assignments == [("GROUP", "66666666-7777-8888-9999-000000000000"),
                           ("USER", "11111111-2222-3333-4444-555555555555")]
    domain_id = next(iter(full_stack.resources("AWS::SageMaker::Domain")))
    for a in full_stack.resources("AWS::SSO::ApplicationAssignment").values():
        assert a["Properties"]["ApplicationArn"] == {
            "Fn::GetAtt": [domain_id, "SingleSignOnApplicationArn"]}
    # Without users nobody can own a shared space: none is made (the synth warns).
    assert minimal_stack.resources("AWS::SageMaker::Space") == {}


def _role_statements(stack) -> list[dict]:
    policies = stack.resources("AWS::IAM::Policy")
    managed = stack.resources("AWS::IAM::ManagedPolicy")
    roles = stack.resources("AWS::IAM::Role")
    statements = []
    for p in [*policies.values(), *managed.values()]:
        statements += p["Properties"]["PolicyDocument"]["Statement"]
    for r in roles.values():
        for p in r["Properties"].get("Policies", []):
            statements += p["PolicyDocument"]["Statement"]
    return statements


def test_no_iam_policy_has_a_wildcard_action_or_not_action(full_stack, minimal_stack):
    for stack in (full_stack, minimal_stack):
        statements = _role_statements(stack)
        assert statements
        for statement in statements:
            assert "NotAction" not in statement
            actions = statement["Action"] if isinstance(statement["Action"], list) else [
                statement["Action"]]
            if statement.get("Sid") == "LogAndReadRuns":
                # The one wildcard: MLflow's actions grow with its versions (3.x added
                # logged models); it is held to our own tracking server.
                assert actions == ["sagemaker-mlflow:*"]
                assert "mlflow-tracking-server" in json.dumps(statement["Resource"]) or \
                    "Fn::GetAtt" in json.dumps(statement["Resource"])
                continue
            assert all("*" not in a for a in actions), statement
        for role in stack.resources("AWS::IAM::Role").values():
            assert "ManagedPolicyArns" not in role["Properties"]


def test_execution_role_is_scoped_to_the_domain_and_our_resources(full_stack):
    role_id, role = next(iter(full_stack.resources("AWS::IAM::Role").items()))
    assert role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "sagemaker.amazonaws.com"}
    domain_id = next(iter(full_stack.resources("AWS::SageMaker::Domain")))
    by_sid = {s["Sid"]: s for s in _role_statements(full_stack)}
    own = json.dumps(by_sid["OwnStudioAppsAndSpaces"]["Resource"])
    assert "sagemaker:DeleteApp" in by_sid["OwnStudioAppsAndSpaces"]["Action"]
    assert f'"Fn::GetAtt": ["{domain_id}", "DomainId"]' in own and ":app/" in own
    assert ":space/" in own
    # Studio's UI: each person starts apps only in their own private spaces.
    private_apps = by_sid["StudioOwnPrivateApps"]
    assert private_apps["Action"] == ["sagemaker:CreateApp", "sagemaker:DeleteApp"]
    owner = json.dumps(private_apps["Condition"]["ArnLike"]["sagemaker:OwnerUserProfileArn"])
    assert owner.endswith('"/${sagemaker:UserProfileName}"]]}')
    assert private_apps["Condition"]["StringEquals"] == {"sagemaker:SpaceSharingType": "Private"}
    training = by_sid["TrainingJobsInTheVpc"]
    assert training["Action"] == "sagemaker:CreateTrainingJob"
    assert training["Condition"]["Null"] == {"sagemaker:VpcSubnets": "false"}
    assert len(training["Condition"]["ForAllValues:StringEquals"]["sagemaker:VpcSubnets"]) == 2
    pass_role = by_sid["PassOwnRoleToSageMaker"]
    assert pass_role["Resource"] == {"Fn::GetAtt": [role_id, "Arn"]}
    assert pass_role["Condition"] == {
        "StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}
    assert json.dumps(by_sid["OurRepositories"]["Resource"]).count("Fn::GetAtt") == 1
    objects = json.dumps(by_sid["OurObjects"]["Resource"])
    assert objects.count("/*") == 2  # the data and artefact buckets, nothing else
    # Only actions IAM cannot scope are left on "*".
    unscoped = [s for s in by_sid.values() if s["Resource"] == "*"]
    assert {s["Sid"] for s in unscoped} == {"Lists", "VpcJobDescribes"}
    for statement in unscoped:
        for action in statement["Action"]:
            verb = action.split(":")[1]
            assert verb.startswith(("List", "Describe", "Get")), action


def test_the_role_reaches_what_the_emr_panel_calls_and_no_more(full_stack, minimal_stack):
    by_sid = {s["Sid"]: s for s in _role_statements(full_stack)}
    clusters = by_sid["EmrClusters"]
    assert sorted(clusters["Action"]) == ["elasticmapreduce:DescribeCluster",
                                          "elasticmapreduce:ListInstanceGroups",
                                          "elasticmapreduce:ListInstances"]
    assert json.dumps(clusters["Resource"]).endswith(':cluster/*"]]}')
    assert {"elasticmapreduce:ListClusters", "elasticmapreduce:DescribeSecurityConfiguration",
            "ec2:DescribeSecurityGroups"} <= set(
        by_sid["Lists"]["Action"] + by_sid["VpcJobDescribes"]["Action"])
    assert {"sagemaker:DescribeDomain", "sagemaker:DescribeUserProfile",
            "sagemaker:DescribeSpace"} <= set(by_sid["OwnStudioAppsAndSpaces"]["Action"])
    # Session credentials only for the configured runtime roles.
    runtime = by_sid["EmrRuntimeRoles"]
    assert runtime["Action"] == "elasticmapreduce:GetClusterSessionCredentials"
    assert runtime["Condition"] == {"StringEquals": {
        "elasticmapreduce:ExecutionRoleArn": [EMR_RUNTIME_ROLE]}}
    serverless = by_sid["EmrServerlessApplications"]
    assert {"emr-serverless:GetApplication", "emr-serverless:StartApplication"} <= set(
        serverless["Action"])
    assert json.dumps(serverless["Resource"]).endswith(':/applications/*"]]}')
    assert by_sid["EmrServerlessList"]["Action"] == "emr-serverless:ListApplications"
    passed = by_sid["EmrServerlessSessionRoles"]
    assert passed["Resource"] in (EMR_RUNTIME_ROLE, [EMR_RUNTIME_ROLE])
    assert passed["Condition"] == {
        "StringEquals": {"iam:PassedToService": "emr-serverless.amazonaws.com"}}
    ldap = by_sid["EmrLdapSecrets"]
    assert ldap["Action"] == "secretsmanager:GetSecretValue"
    assert json.dumps(ldap["Resource"]).endswith(':secret:team/emr-ldap/*"]]}')
    # Nothing of it without runtime roles, EMR Serverless or LDAP.
    minimal = {s["Sid"] for s in _role_statements(minimal_stack)}
    assert not {"EmrRuntimeRoles", "EmrServerlessList", "EmrServerlessApplications",
                "EmrServerlessSessionRoles", "EmrLdapSecrets"} & minimal
    assert "EmrClusters" in minimal


# -- code, registry, tags, budget ---------------------------------------------------------

def test_repository_and_one_group_per_inventory_feature(full_stack, minimal_stack):
    repository = full_stack.one("AWS::CodeCommit::Repository")
    assert repository["Properties"]["RepositoryName"] == "sagemaker-repository"
    groups = sorted(g["Properties"]["ModelPackageGroupName"]
                    for g in full_stack.resources("AWS::SageMaker::ModelPackageGroup").values())
    assert groups == sorted([
        "sorting-hat-algorithm", "generate-summaries-for-inquiries-for-hogwarts",
        "forecast-number-of-owls-needed-to-deliver-school-letters",
        "access-to-restricted-section-in-hogwarts-library"])
    assert minimal_stack.resources("AWS::CodeCommit::Repository") == {}


def test_cost_tags_on_every_taggable_resource(full_stack):
    untagged = []
    for logical_id, resource in full_stack.template["Resources"].items():
        tags = resource["Properties"].get("Tags")
        if tags is None:
            continue
        pairs = {t["Key"]: t["Value"] for t in tags} if isinstance(tags, list) else tags
        if pairs.get("Project") != "dsws" or pairs.get("CostCenter") != "ml-42":
            untagged.append(logical_id)
    assert untagged == []
    for kind in ("AWS::SageMaker::Domain", "AWS::EC2::VPC", "AWS::S3::Bucket",
                 "AWS::KMS::Key", "AWS::EC2::VPCEndpoint", "AWS::SageMaker::Space"):
        for resource in full_stack.resources(kind).values():
            assert "Tags" in resource["Properties"], kind


def test_budget_alerts_the_address_and_is_optional(full_stack, minimal_stack):
    budget = full_stack.one("AWS::Budgets::Budget")["Properties"]
    assert budget["Budget"]["BudgetLimit"] == {"Amount": 400, "Unit": "USD"}
    assert budget["Budget"]["CostFilters"] == {
        "TagKeyValue": ["user:Project$dsws", "user:CostCenter$ml-42"]}
    addresses = {s["Address"] for n in budget["NotificationsWithSubscribers"]
                 for s in n["Subscribers"]}
    assert addresses == {"admin@example.com"}
    assert minimal_stack.resources("AWS::Budgets::Budget") == {}


# -- experiments: the team's MLflow tracking server (issue 22) ---------------------------

def test_the_tracking_server_keeps_its_artifacts_in_our_bucket_and_the_role_reaches_only_it(
        full_stack, minimal_stack):
    server = full_stack.one("AWS::SageMaker::MlflowTrackingServer")["Properties"]
    assert server["TrackingServerName"] == "team-mlflow"
    assert server["TrackingServerSize"] == "Small"
    assert "StorageArtefactBucket" in json.dumps(server["ArtifactStoreUri"]) and \
        json.dumps(server["ArtifactStoreUri"]).endswith('/mlflow"]]}')
    assert server["AutomaticModelRegistration"] is False
    by_sid = {s["Sid"]: s for s in _role_statements(full_stack)}
    runs = json.dumps(by_sid["LogAndReadRuns"]["Resource"])
    assert "mlflow-tracking-server/team-mlflow" in runs
    assert "sagemaker:CreatePresignedMlflowTrackingServerUrl" in \
        by_sid["OurTrackingServer"]["Action"]
    # The server's own role writes only under mlflow/ of the artefact bucket.
    artifacts = by_sid["Artifacts"]
    assert json.dumps(artifacts["Resource"]).endswith('/mlflow/*"]]}')
    assert minimal_stack.resources("AWS::SageMaker::MlflowTrackingServer") == {}
    assert "LogAndReadRuns" not in {s["Sid"] for s in _role_statements(minimal_stack)}


def test_the_experiments_endpoint_is_there_for_mlflow(full_stack):
    names = [json.dumps(e["Properties"]["ServiceName"])
             for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()]
    assert any("aws.sagemaker." in n and ".experiments" in n for n in names), names
