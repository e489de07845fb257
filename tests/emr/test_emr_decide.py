"""The EMR panel's decisions without a server: auth type, Livy port, the security group rule,
what Livy's answer means, and the connect cells."""

from __future__ import annotations

import json

import pytest

from jupyter_dsws.emr import cells, decide

LIVY_LDAP = [{"Classification": "livy-conf", "Properties": {"livy.server.auth.type": "ldap"}}]
RUNTIME_ROLES = {"AuthorizationConfiguration": {"IAMConfiguration": {
    "EnableApplicationScopedIAMRole": True}}}


# ---- auth type --------------------------------------------------------------------------

@pytest.mark.parametrize(("cluster", "security", "auth"), [
    ({}, None, "none"),
    ({"KerberosAttributes": {"Realm": "EC2.INTERNAL"}}, None, "kerberos"),
    ({}, {"AuthenticationConfiguration": {"KerberosConfiguration": {
        "Provider": "ClusterDedicatedKdc"}}}, "kerberos"),
    ({"Configurations": LIVY_LDAP}, None, "ldap"),
    ({"Configurations": [{"Classification": "livy-conf",
                          "Properties": {"livy.server.auth.type": "LDAP"}}]}, None, "ldap"),
    ({}, {"AuthenticationConfiguration": {"LDAPConfiguration": {"LDAPServerURL": "x"}}},
     "ldap"),
    ({}, RUNTIME_ROLES, "runtime_role"),
    # Kerberos wins over what Livy's own configuration says
    ({"KerberosAttributes": {"Realm": "R"}, "Configurations": LIVY_LDAP}, RUNTIME_ROLES,
     "kerberos"),
    ({"Configurations": LIVY_LDAP}, RUNTIME_ROLES, "ldap"),
    # runtime roles switched off, or only encryption configured
    ({}, {"AuthorizationConfiguration": {"IAMConfiguration": {
        "EnableApplicationScopedIAMRole": False}}}, "none"),
    ({}, {"EncryptionConfiguration": {"EnableInTransitEncryption": True}}, "none"),
    # another classification's auth.type is not Livy's
    ({"Configurations": [{"Classification": "spark-defaults",
                          "Properties": {"livy.server.auth.type": "ldap"}}]}, None, "none"),
])
def test_the_auth_type_of_a_cluster(cluster, security, auth):
    assert decide.cluster_auth(cluster, security) == auth


def test_a_security_configuration_that_is_not_json_says_nothing():
    assert decide.security_settings("{not json") == {}
    assert decide.security_settings(None) == {}
    assert decide.security_settings(json.dumps(RUNTIME_ROLES)) == RUNTIME_ROLES


def test_in_transit_encryption_means_https():
    assert decide.uses_tls({"EncryptionConfiguration": {"EnableInTransitEncryption": True}})
    assert not decide.uses_tls({})


# ---- Livy port --------------------------------------------------------------------------

def _livy(port: str) -> list[dict]:
    return [{"Classification": "livy-conf", "Properties": {"livy.server.port": port}}]


def test_the_livy_port_is_the_clusters_then_the_primary_groups_then_the_default():
    assert decide.livy_port(_livy("9000"), _livy("9001"), 8998) == 9000
    assert decide.livy_port(LIVY_LDAP, _livy("9001"), 8998) == 9001
    assert decide.livy_port(None, [], 8998) == 8998
    assert decide.livy_port(_livy("not a port"), _livy("70000"), 8998) == 8998


# ---- security groups --------------------------------------------------------------------

PRIMARY, CORE, SPACE, OTHER = "sg-0aaa", "sg-0bbb", "sg-0ccc", "sg-0ddd"


def _group(*permissions: dict) -> dict:
    return {"GroupId": PRIMARY, "IpPermissions": list(permissions)}


def _from_group(source: str, low: int = 8998, high: int = 8998, protocol: str = "tcp") -> dict:
    return {"IpProtocol": protocol, "FromPort": low, "ToPort": high,
            "UserIdGroupPairs": [{"GroupId": source}], "IpRanges": []}


def test_the_primary_groups_are_the_managed_one_then_the_additional_ones():
    attributes = {"EmrManagedMasterSecurityGroup": PRIMARY,
                  "AdditionalMasterSecurityGroups": [OTHER, PRIMARY],
                  "EmrManagedSlaveSecurityGroup": CORE}
    assert decide.primary_groups(attributes) == [PRIMARY, OTHER]


def test_a_rule_from_the_spaces_group_admits_it():
    verdict = decide.admits([_group(_from_group(SPACE))], 8998, [SPACE])
    assert verdict.ok and SPACE in (verdict.by or "")


@pytest.mark.parametrize("permission", [
    _from_group(OTHER),                              # another group
    _from_group(SPACE, 10000, 10000),                # HiveServer2's port, not Livy's
    _from_group(SPACE, protocol="udp"),
])
def test_a_rule_for_something_else_does_not_admit_the_space(permission):
    assert not decide.admits([_group(permission)], 8998, [SPACE]).ok


def test_a_port_range_or_all_traffic_admits():
    assert decide.admits([_group(_from_group(SPACE, 8000, 9000))], 8998, [SPACE]).ok
    assert decide.admits([_group(_from_group(SPACE, -1, -1, "-1"))], 8998, [SPACE]).ok


def test_an_address_range_admits_and_says_it_was_not_checked():
    permission = {"IpProtocol": "tcp", "FromPort": 8998, "ToPort": 8998,
                  "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}
    verdict = decide.admits([_group(permission)], 8998, [SPACE])
    assert verdict.ok and "10.0.0.0/16" in (verdict.by or "") and "not checked" in verdict.by


def test_without_the_spaces_groups_the_clusters_own_rules_do_not_count():
    # EMR's managed rules admit every port from the cluster's own groups.
    managed = _group(_from_group(PRIMARY, 0, 65535), _from_group(CORE, 0, 65535))
    assert not decide.admits([managed], 8998, [], own=[PRIMARY, CORE]).ok
    assert decide.admits([_group(_from_group(OTHER))], 8998, [], own=[PRIMARY, CORE]).ok


def test_the_fix_is_the_exact_rule_with_both_groups():
    fix = decide.ingress_fix(PRIMARY, 8998, [SPACE])
    assert (f"aws ec2 authorize-security-group-ingress --group-id {PRIMARY} --protocol tcp "
            f"--port 8998 --source-group {SPACE}") in fix
    assert "<the space's security group>" in decide.ingress_fix(PRIMARY, 8998, [])


# ---- Livy's answer ----------------------------------------------------------------------

def test_livy_answering_sessions_passes():
    verdict = decide.livy_answer(200, {}, b'{"from": 0, "total": 2, "sessions": []}', "none",
                                 "http://h:8998")
    assert verdict.ok and "2 sessions" in verdict.detail and verdict.fix is None


@pytest.mark.parametrize("auth", ["ldap", "kerberos", "runtime_role"])
def test_a_401_is_expected_of_a_cluster_that_authenticates(auth):
    verdict = decide.livy_answer(401, {}, b"", auth, "http://h:8998")
    assert verdict.ok and auth in verdict.detail


def test_a_401_from_a_cluster_without_auth_says_it_needs_ldap_or_kerberos():
    verdict = decide.livy_answer(401, {}, b"", "none", "http://h:8998")
    assert not verdict.ok and "needs LDAP/Kerberos auth" in verdict.detail


@pytest.mark.parametrize(("status", "headers", "body"), [
    (503, {}, b""),
    (503, {}, b'{"starting": true}'),
    (502, {"x-dsws-livy-starting": "1"}, b""),
    (500, {}, b'{"starting": true}'),
])
def test_a_starting_livy_says_try_again(status, headers, body):
    verdict = decide.livy_answer(status, headers, body, "none", "http://h:8998")
    assert not verdict.ok and "starting" in verdict.detail
    assert verdict.fix == "Livy is starting: try again in a minute."


def test_another_status_names_it():
    verdict = decide.livy_answer(404, {}, b"<html>", "none", "http://h:8998")
    assert not verdict.ok and "HTTP 404" in verdict.detail


# ---- connect cells ------------------------------------------------------------------------

@pytest.mark.parametrize(("auth", "flag"), [
    ("none", "--auth-type None"), ("ldap", "--auth-type Basic_Access"),
    ("kerberos", "--auth-type Kerberos"),
])
def test_the_analytics_cell_per_auth_type(auth, flag):
    cell = cells.analytics_cell(cluster_id="j-ABC", name="team", auth=auth,
                                execution_role_arn=None, verify_certificate=True)
    lines = cell.splitlines()
    assert lines[0].startswith("# EMR cluster team (j-ABC)")
    assert "%load_ext sagemaker_studio_analytics_extension.magics" in lines
    assert lines[-1] == (f"%sm_analytics emr connect --verify-certificate True --cluster-id "
                         f"j-ABC {flag} --language python")


def test_the_analytics_cell_of_a_runtime_role_cluster_passes_the_role():
    role = "arn:aws:iam::123456789012:role/spark-team"
    cell = cells.analytics_cell(cluster_id="j-ABC", name="rr", auth="runtime_role",
                                execution_role_arn=role, verify_certificate=False)
    assert cell.splitlines()[-1] == (
        "%sm_analytics emr connect --verify-certificate False --cluster-id j-ABC --auth-type "
        f"Basic_Access --emr-execution-role-arn {role} --language python")


def test_a_cluster_name_cannot_break_out_of_the_comment():
    cell = cells.analytics_cell(cluster_id="j-ABC", name="x\nimport os; os.system('id')",
                                auth="none", execution_role_arn=None, verify_certificate=True)
    assert next(line for line in cell.splitlines() if "import os" in line).startswith("#")


def test_the_sparkmagic_cell_of_a_mapped_cluster():
    cell = cells.sparkmagic_cell(cluster_id="j-ABC", name="demo", auth="none",
                                 url="http://127.0.0.1:8998", execution_role_arn=None,
                                 verify_certificate=True)
    lines = cell.splitlines()
    assert "EMRConnect.livy_endpoints" in lines[0]
    assert lines[-2:] == ["%load_ext sparkmagic.magics",
                          "%spark add -s dsws_j_abc -l python -u http://127.0.0.1:8998 -t None -k"]


def test_the_sparkmagic_cell_of_an_ldap_cluster_asks_for_the_password_when_it_runs():
    cell = cells.sparkmagic_cell(cluster_id="j-ABC", name="ldap", auth="ldap",
                                 url="https://livy.example:8998", execution_role_arn=None,
                                 verify_certificate=False)
    assert 'dsws_livy_password = getpass("LDAP password: ")' in cell
    assert cell.splitlines()[-1] == (
        "%spark add -s dsws_j_abc -l python -u https://livy.example:8998 -t Basic_Access "
        "-a $dsws_livy_user -p $dsws_livy_password -k")
    assert '_sparkmagic_conf.override("ignore_ssl_errors", True)' in cell


def test_the_sparkmagic_cell_of_a_kerberos_cluster_says_kinit():
    cell = cells.sparkmagic_cell(cluster_id="j-ABC", name="k", auth="kerberos",
                                 url="http://127.0.0.1:8998", execution_role_arn=None,
                                 verify_certificate=True)
    assert "kinit" in cell and cell.endswith("-t Kerberos -k")
