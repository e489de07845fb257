"""The connect cell: the code the panel inserts into a notebook and runs.

A real cluster gets AWS's ``%sm_analytics emr connect`` (the magic the Studio image ships):
it looks the primary node and the Livy port up in EMR itself, and drives sparkmagic. A
cluster that ``EMRConnect.livy_endpoints`` maps to a Livy URL (the demo's, the tests')
cannot use it, since the magic always connects to the primary node's private DNS name; its
cell calls sparkmagic's ``%spark add`` with the URL instead. A cell never holds a secret: an
LDAP password is asked for with getpass when the cell runs. Plain functions, no I/O.
"""

from __future__ import annotations

import re

#: The %sm_analytics --auth-type of each of our auth types. Runtime roles are Basic_Access
#: with --emr-execution-role-arn: the magic then asks EMR for the session's credentials
#: (GetClusterSessionCredentials) and logs in to Livy with them.
ANALYTICS_AUTH = {"none": "None", "ldap": "Basic_Access", "kerberos": "Kerberos",
                  "runtime_role": "Basic_Access"}
#: sparkmagic's -t of each auth type, for a mapped Livy.
SPARKMAGIC_AUTH = {"none": "None", "ldap": "Basic_Access", "kerberos": "Kerberos",
                   "runtime_role": "None"}
_SAFE = re.compile(r"[^A-Za-z0-9_]")


def session_name(cluster_id: str) -> str:
    """The sparkmagic session's name for a cluster: dsws_j_abc…, a Python identifier."""
    return "dsws_" + _SAFE.sub("_", cluster_id.lower())


def _about(name: str, cluster_id: str) -> str:
    # A name is EMR's, set by whoever made the cluster: one line, no comment breakout.
    shown = " ".join(name.split())[:80]
    return f"{shown} ({cluster_id})" if shown else cluster_id


def analytics_cell(*, cluster_id: str, name: str, auth: str, execution_role_arn: str | None,
                   verify_certificate: bool) -> str:
    """The %sm_analytics cell for a cluster in EMR."""
    why = {
        "none": "no authentication",
        "ldap": "LDAP: the magic asks for your user name and password",
        "kerberos": "Kerberos: the magic asks for your principal and password",
        "runtime_role": "a runtime role: Spark runs as the execution role below",
    }[auth]
    args = [f"--verify-certificate {verify_certificate}", f"--cluster-id {cluster_id}",
            f"--auth-type {ANALYTICS_AUTH[auth]}"]
    if auth == "runtime_role" and execution_role_arn:
        args.append(f"--emr-execution-role-arn {execution_role_arn}")
    args.append("--language python")
    return "\n".join([
        f"# EMR cluster {_about(name, cluster_id)}, {why}. AWS's %sm_analytics magic finds "
        "its primary node and Livy port in EMR;",
        "# then %%spark cells run on the cluster.",
        "%load_ext sagemaker_studio_analytics_extension.magics",
        "%sm_analytics emr connect " + " ".join(args),
    ])


def sparkmagic_cell(*, cluster_id: str, name: str, auth: str, url: str,
                    execution_role_arn: str | None, verify_certificate: bool) -> str:
    """The %spark add cell for a cluster mapped to a Livy URL by EMRConnect.livy_endpoints."""
    session = session_name(cluster_id)
    lines = [
        f"# EMR cluster {_about(name, cluster_id)}: EMRConnect.livy_endpoints maps it to the "
        f"Livy at {url},",
        "# so sparkmagic connects to that URL directly (%sm_analytics would look for the "
        "primary node's DNS name). Then %%spark cells run there.",
    ]
    options = f"-s {session} -l python -u {url} -t {SPARKMAGIC_AUTH[auth]}"
    if auth == "ldap":
        lines += ["from getpass import getpass",
                  f'dsws_livy_user = input("LDAP user for {cluster_id}: ")',
                  'dsws_livy_password = getpass("LDAP password: ")  # never written in the '
                  "notebook"]
        options += " -a $dsws_livy_user -p $dsws_livy_password"
    elif auth == "kerberos":
        lines.append("# Kerberos: run kinit with your principal in a terminal first; sparkmagic "
                     "uses that ticket.")
    elif auth == "runtime_role":
        lines.append(f"# Runtime role {execution_role_arn}: the mapped Livy does not check "
                     "runtime roles; on EMR the role is passed with --emr-execution-role-arn.")
    if url.startswith("https:") and not verify_certificate:
        lines += ["from sparkmagic.utils import configuration as _sparkmagic_conf",
                  '_sparkmagic_conf.override("ignore_ssl_errors", True)  '
                  "# EMRConnect.verify_certificate is off"]
    lines += ["%load_ext sparkmagic.magics", f"%spark add {options} -k"]
    return "\n".join(lines)
