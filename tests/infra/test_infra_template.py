"""CDK assertions on the synthesized template: each requirement of issue 16, by property.

Resources are found by type and properties, never by CDK's hashed logical ids.
"""

from __future__ import annotations

import base64
import json

import pytest

from jupyter_dsws.infra.endpoints import INTERFACE_ENDPOINTS, interface_endpoints
from jupyter_dsws.lifecycle.naming import lcc_name

EMR_RUNTIME_ROLE = "arn:aws:iam::123456789012:role/emr-runtime-analysts"  # conftest.FULL_CONFIG

assertions = pytest.importorskip("aws_cdk.assertions")

REGION = "eu-central-1"


@pytest.fixture(scope="module")
def template(full_stack):
    return assertions.Template.from_json(full_stack.template)


def _text(value) -> str:
    return json.dumps(value)


# -- network: NFR-1 / NFR-2 ---------------------------------------------------------------

def test_no_internet_gateway_nat_or_public_subnet(template, minimal_stack):
    for stack in (template, assertions.Template.from_json(minimal_stack.template)):
        for kind in ("AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment",
                     "AWS::EC2::NatGateway", "AWS::EC2::EIP", "AWS::EC2::EgressOnlyInternetGateway",
                     "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::VPCPeeringConnection"):
            stack.resource_count_is(kind, 0)
        stack.all_resources_properties("AWS::EC2::Subnet", {"MapPublicIpOnLaunch": False})


def test_routes_only_local_and_the_s3_gateway(full_stack):
    # The only AWS::EC2::Route resources would be to an IGW/NAT; the S3 endpoint adds its
    # prefix-list routes itself through RouteTableIds.
    assert full_stack.resources("AWS::EC2::Route") == {}
    tables = full_stack.resources("AWS::EC2::RouteTable")
    gateway = next(e for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
                   if e["Properties"].get("VpcEndpointType") == "Gateway")
    assert {t["Ref"] for t in gateway["Properties"]["RouteTableIds"]} == set(tables)


def test_two_private_subnets_in_different_azs(full_stack):
    subnets = list(full_stack.resources("AWS::EC2::Subnet").values())
    assert len(subnets) == 2
    zones = [_text(s["Properties"]["AvailabilityZone"]) for s in subnets]
    assert len(set(zones)) == 2


def test_every_required_interface_endpoint_with_private_dns(template, full_stack):
    endpoints = [e["Properties"] for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
                 if e["Properties"].get("VpcEndpointType") == "Interface"]
    names = sorted(e["ServiceName"] for e in endpoints)
    # The full config turns every switched endpoint on (EMR Serverless, LDAP's secrets).
    expected = sorted(e.service_name(REGION) for e in INTERFACE_ENDPOINTS)
    assert names == expected
    for must in ("sagemaker.api", "sagemaker.runtime", "sts", "servicecatalog", "codecommit",
                 "git-codecommit", "logs", "ecr.api", "ecr.dkr", "elasticmapreduce", "ec2",
                 "emr-serverless", "emr-serverless-services.livy", "emr-serverless.dashboard",
                 "secretsmanager"):
        assert f"com.amazonaws.{REGION}.{must}" in names
    assert f"aws.sagemaker.{REGION}.studio" in names
    assert all(e["PrivateDnsEnabled"] is True for e in endpoints)
    template.resource_properties_count_is(
        "AWS::EC2::VPCEndpoint", {"VpcEndpointType": "Gateway"}, 1)


def test_emr_serverless_and_secrets_manager_endpoints_follow_their_switches(minimal_stack):
    # emr_serverless = false and emr_ldap left at its default (false): none of the four
    # switched endpoints, every other one.
    names = sorted(e["Properties"]["ServiceName"]
                   for e in minimal_stack.resources("AWS::EC2::VPCEndpoint").values()
                   if e["Properties"].get("VpcEndpointType") == "Interface")
    assert names == sorted(e.service_name(REGION) for e in interface_endpoints())
    assert not any("emr-serverless" in n or "secretsmanager" in n for n in names)
    assert f"com.amazonaws.{REGION}.elasticmapreduce" in names
    assert {e.switch for e in INTERFACE_ENDPOINTS} == {"", "emr_serverless", "emr_ldap"}


def test_endpoint_policies_only_for_this_account(full_stack):
    by_name = {e["Properties"]["ServiceName"]: e["Properties"]
               for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
               if e["Properties"].get("VpcEndpointType") == "Interface"}
    for spec in INTERFACE_ENDPOINTS:
        endpoint = by_name[spec.service_name(REGION)]
        if spec.policy_prefix is None:
            assert "PolicyDocument" not in endpoint
            continue
        (statement,) = endpoint["PolicyDocument"]["Statement"]
        assert statement["Action"] == f"{spec.policy_prefix}:*"
        assert statement["Condition"] == {
            "StringEquals": {"aws:PrincipalAccount": {"Ref": "AWS::AccountId"}}}


def test_s3_endpoint_policy_is_a_data_perimeter(full_stack):
    gateway = next(e["Properties"] for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()
                   if e["Properties"].get("VpcEndpointType") == "Gateway")
    statements = {s["Sid"]: s for s in gateway["PolicyDocument"]["Statement"]}
    own = statements["OwnAccountBuckets"]
    assert own["Condition"]["StringEquals"]["aws:ResourceAccount"] == {"Ref": "AWS::AccountId"}
    assert "s3:*" not in own["Action"]
    assert statements["EcrImageLayers"]["Resource"] == (
        f"arn:aws:s3:::prod-{REGION}-starport-layer-bucket/*")


def _groups(stack) -> dict[str, str]:
    """Security group logical id by the start of its description."""
    groups = stack.resources("AWS::EC2::SecurityGroup")
    found = {}
    for start in ("SageMaker Studio", "Interface endpoints", "EMR primary", "EMR core",
                  "EMR service access"):
        (found[start],) = [k for k, v in groups.items()
                           if v["Properties"]["GroupDescription"].startswith(start)]
    return found


def _rules(stack, kind: str, owner: str) -> list[tuple]:
    """(protocol, from, to, peer) of the separate ingress or egress rules of ``owner``."""
    return sorted(
        (r["IpProtocol"], r.get("FromPort"), r.get("ToPort"),
         _text(r.get("SourceSecurityGroupId") or r.get("DestinationSecurityGroupId")
               or r.get("CidrIp")))
        for r in (x["Properties"] for x in stack.resources(kind).values())
        if r["GroupId"] == {"Fn::GetAtt": [owner, "GroupId"]})


def test_security_groups_have_exactly_the_studio_rules(full_stack):
    groups = full_stack.resources("AWS::EC2::SecurityGroup")
    ids = _groups(full_stack)
    studio, endpoint = ids["SageMaker Studio"], ids["Interface endpoints"]
    emr, core = ids["EMR primary"], ids["EMR core"]
    ref = {k: _text({"Fn::GetAtt": [v, "GroupId"]}) for k, v in ids.items()}
    ingress, egress = "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"
    studio_ref, emr_ref = ref["SageMaker Studio"], ref["EMR primary"]
    assert _rules(full_stack, ingress, studio) == [("tcp", 0, 65535, studio_ref)]
    assert _rules(full_stack, ingress, endpoint) == sorted(
        [("tcp", 443, 443, studio_ref), ("tcp", 443, 443, emr_ref),
         ("tcp", 443, 443, ref["EMR core"])])
    # Livy and HiveServer2 from Studio, and nothing else: EMR adds its own rules at launch.
    assert _rules(full_stack, ingress, emr) == [("tcp", 8998, 8998, studio_ref),
                                                ("tcp", 10000, 10000, studio_ref)]
    assert _rules(full_stack, ingress, core) == []
    assert _rules(full_stack, egress, studio) == sorted(
        [("tcp", 0, 65535, studio_ref), ("tcp", 443, 443, ref["Interface endpoints"]),
         ("tcp", 8998, 8998, emr_ref), ("tcp", 10000, 10000, emr_ref)])
    # Inline rules of the studio group: NFS to the VPC and HTTPS to S3, nothing else.
    inline = groups[studio]["Properties"]["SecurityGroupEgress"]
    assert sorted((r["FromPort"], r["CidrIp"]) for r in inline) == [
        (443, "0.0.0.0/0"), (2049, "10.42.0.0/16")]
    assert "SecurityGroupIngress" not in groups[endpoint]["Properties"]
    assert groups[studio]["Properties"].get("SecurityGroupIngress") is None


def test_emr_service_access_group_for_private_subnets(full_stack):
    # AWS's "Working with Amazon EMR-managed security groups": service access takes 9443
    # from the primary and sends 8443 to every node (5.30 to 7.x); from 8.0 it takes HTTPS
    # from the cluster's instances. EMR adds no outbound rule to custom groups: the nodes'
    # egress is all here.
    ids = _groups(full_stack)
    ref = {k: _text({"Fn::GetAtt": [v, "GroupId"]}) for k, v in ids.items()}
    service, emr, core = ids["EMR service access"], ids["EMR primary"], ids["EMR core"]
    ingress, egress = "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"
    assert _rules(full_stack, ingress, service) == sorted(
        [("tcp", 9443, 9443, ref["EMR primary"]), ("tcp", 443, 443, ref["EMR primary"]),
         ("tcp", 443, 443, ref["EMR core"])])
    assert _rules(full_stack, egress, service) == sorted(
        [("tcp", 8443, 8443, ref["EMR primary"]), ("tcp", 8443, 8443, ref["EMR core"])])
    node_egress = [("-1", None, None, ref["EMR primary"]), ("-1", None, None, ref["EMR core"]),
                   ("tcp", 443, 443, ref["Interface endpoints"]),
                   ("tcp", 443, 443, ref["EMR service access"])]
    assert _rules(full_stack, egress, emr) == sorted(
        [*node_egress, ("tcp", 9443, 9443, ref["EMR service access"])])
    assert _rules(full_stack, egress, core) == sorted(node_egress)
    groups = full_stack.resources("AWS::EC2::SecurityGroup")
    for node in (emr, core):  # HTTPS to S3, inline like Studio's
        assert [(r["FromPort"], r["CidrIp"]) for r in
                groups[node]["Properties"]["SecurityGroupEgress"]] == [(443, "0.0.0.0/0")]


def test_emr_groups_are_stack_outputs_named_as_emr_takes_them(full_stack, minimal_stack):
    outputs = full_stack.template["Outputs"]
    ids = _groups(full_stack)
    for key, group in (("EmrManagedMasterSecurityGroup", "EMR primary"),
                       ("EmrManagedSlaveSecurityGroup", "EMR core"),
                       ("ServiceAccessSecurityGroup", "EMR service access")):
        assert outputs[key]["Value"] == {"Fn::GetAtt": [ids[group], "GroupId"]}
    attributes = _text(outputs["EmrEc2Attributes"]["Value"])
    for part in ("SubnetId=", ",EmrManagedMasterSecurityGroup=",
                 ",EmrManagedSlaveSecurityGroup=", ",ServiceAccessSecurityGroup="):
        assert part in attributes
    assert not {"EmrManagedMasterSecurityGroup", "EmrEc2Attributes"} & set(
        minimal_stack.template["Outputs"])
    assert len(minimal_stack.resources("AWS::EC2::SecurityGroup")) == 2


def test_flow_logs_capture_all_traffic(template):
    template.has_resource_properties("AWS::EC2::FlowLog", {
        "ResourceType": "VPC", "TrafficType": "ALL", "LogDestinationType": "s3"})


def test_flow_log_delivery_is_granted_in_the_template(full_stack):
    # Left to AWS, the grant is added outside CloudFormation and a later stack update of
    # the bucket policy silently stops the flow logs.
    granted = [
        statement
        for policy in full_stack.resources("AWS::S3::BucketPolicy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement.get("Principal") == {"Service": "delivery.logs.amazonaws.com"}
    ]
    assert any(s["Effect"] == "Allow" and s["Action"] == "s3:PutObject" for s in granted)


# -- storage and keys ---------------------------------------------------------------------

def test_key_rotates_and_is_kept(template):
    template.has_resource("AWS::KMS::Key", {
        "Properties": {"EnableKeyRotation": True}, "DeletionPolicy": "Retain"})


def test_every_bucket_blocks_public_access_and_is_encrypted(full_stack):
    buckets = full_stack.resources("AWS::S3::Bucket")
    assert len(buckets) == 3
    names = set()
    for bucket in buckets.values():
        props = bucket["Properties"]
        names.add(props["BucketName"])
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True,
            "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
        assert props["VersioningConfiguration"] == {"Status": "Enabled"}
        assert bucket["DeletionPolicy"] == "Retain"
        rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        algorithm = rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"]
        if props["BucketName"].startswith("team-logs-"):
            assert algorithm == "AES256"  # the one justified exception: access-log target
            skips = [s["id"] for s in bucket["Metadata"]["checkov"]["skip"]]
            assert skips == ["CKV_AWS_18"]
        else:
            assert algorithm == "aws:kms"
            assert "KMSMasterKeyID" in rule["ServerSideEncryptionByDefault"]
            assert props["LoggingConfiguration"]["DestinationBucketName"]
    assert names == {f"team-{kind}-{REGION}-123456789012"
                     for kind in ("data", "artefacts", "logs")}


def test_buckets_deny_plain_http(full_stack):
    policies = full_stack.resources("AWS::S3::BucketPolicy")
    assert len(policies) == 3
    for policy in policies.values():
        assert any(s["Effect"] == "Deny" and s["Action"] == "s3:*"
                   and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
                   for s in policy["Properties"]["PolicyDocument"]["Statement"])


def test_data_buckets_deny_access_outside_the_endpoint_except_break_glass(full_stack):
    gateway_id = next(k for k, e in full_stack.resources("AWS::EC2::VPCEndpoint").items()
                      if e["Properties"].get("VpcEndpointType") == "Gateway")
    buckets = {k: v["Properties"]["BucketName"]
               for k, v in full_stack.resources("AWS::S3::Bucket").items()}
    guarded = set()
    for policy in full_stack.resources("AWS::S3::BucketPolicy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if statement.get("Sid") != "DenyOutsideVpcEndpoint":
                continue
            assert statement["Effect"] == "Deny" and statement["Principal"] == {"AWS": "*"}
            assert statement["Condition"]["StringNotEquals"] == {
                "aws:SourceVpce": {"Ref": gateway_id}}
            assert statement["Condition"]["ArnNotLike"]["aws:PrincipalArn"] == [
                "arn:aws:iam::123456789012:role/dsws-admin",
                "arn:aws:iam::123456789012:role/cdk-*-cfn-exec-role-123456789012-eu-central-1"]
            guarded.add(buckets[policy["Properties"]["Bucket"]["Ref"]])
    assert guarded == {f"team-data-{REGION}-123456789012",
                       f"team-artefacts-{REGION}-123456789012"}


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
                assert "mlflow-tracking-server" in _text(statement["Resource"]) or \
                    "Fn::GetAtt" in _text(statement["Resource"])
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
    own = _text(by_sid["OwnStudioAppsAndSpaces"]["Resource"])
    assert "sagemaker:DeleteApp" in by_sid["OwnStudioAppsAndSpaces"]["Action"]
    assert f'"Fn::GetAtt": ["{domain_id}", "DomainId"]' in own and ":app/" in own
    assert ":space/" in own
    # Studio's UI: each person starts apps only in their own private spaces.
    private_apps = by_sid["StudioOwnPrivateApps"]
    assert private_apps["Action"] == ["sagemaker:CreateApp", "sagemaker:DeleteApp"]
    owner = _text(private_apps["Condition"]["ArnLike"]["sagemaker:OwnerUserProfileArn"])
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
    assert _text(by_sid["OurRepositories"]["Resource"]).count("Fn::GetAtt") == 1
    objects = _text(by_sid["OurObjects"]["Resource"])
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
    assert _text(clusters["Resource"]).endswith(':cluster/*"]]}')
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
    assert _text(serverless["Resource"]).endswith(':/applications/*"]]}')
    assert by_sid["EmrServerlessList"]["Action"] == "emr-serverless:ListApplications"
    passed = by_sid["EmrServerlessSessionRoles"]
    assert passed["Resource"] in (EMR_RUNTIME_ROLE, [EMR_RUNTIME_ROLE])
    assert passed["Condition"] == {
        "StringEquals": {"iam:PassedToService": "emr-serverless.amazonaws.com"}}
    ldap = by_sid["EmrLdapSecrets"]
    assert ldap["Action"] == "secretsmanager:GetSecretValue"
    assert _text(ldap["Resource"]).endswith(':secret:team/emr-ldap/*"]]}')
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
    assert "StorageArtefactBucket" in _text(server["ArtifactStoreUri"]) and \
        _text(server["ArtifactStoreUri"]).endswith('/mlflow"]]}')
    assert server["AutomaticModelRegistration"] is False
    by_sid = {s["Sid"]: s for s in _role_statements(full_stack)}
    runs = _text(by_sid["LogAndReadRuns"]["Resource"])
    assert "mlflow-tracking-server/team-mlflow" in runs
    assert "sagemaker:CreatePresignedMlflowTrackingServerUrl" in \
        by_sid["OurTrackingServer"]["Action"]
    # The server's own role writes only under mlflow/ of the artefact bucket.
    artifacts = by_sid["Artifacts"]
    assert _text(artifacts["Resource"]).endswith('/mlflow/*"]]}')
    assert minimal_stack.resources("AWS::SageMaker::MlflowTrackingServer") == {}
    assert "LogAndReadRuns" not in {s["Sid"] for s in _role_statements(minimal_stack)}


def test_the_experiments_endpoint_is_there_for_mlflow(full_stack):
    names = [_text(e["Properties"]["ServiceName"])
             for e in full_stack.resources("AWS::EC2::VPCEndpoint").values()]
    assert any("aws.sagemaker." in n and ".experiments" in n for n in names), names
