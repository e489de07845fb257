"""``dsws infra synth|diff|deploy|destroy|verify``.

``synth`` runs the CDK app in-process (node, no AWS account, no CDK CLI). ``diff``,
``deploy`` and ``destroy`` synthesize, then hand the assembly to the CDK CLI, which must
already be installed: nothing is downloaded. ``verify`` is the read-only audit.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .config import ConfigError, InfraConfig, load_config

TAKES_EXTRA_ARGS = True

DEFAULT_OUT = Path("build/infra/cdk.out")
CDK_ACTIONS = ("diff", "deploy", "destroy")

NO_CDK_CLI = """The AWS CDK CLI (`cdk`) is not on PATH, and dsws never downloads it.
Either install it from the npm registry (`npm install -g aws-cdk@2`, then `cdk bootstrap`
once per account and region) and run this again, or deploy the synthesized template with
the AWS CLI:
  aws cloudformation deploy --template-file {template} --stack-name {stack} \\
    --capabilities CAPABILITY_IAM --region {region}
(add `--s3-bucket <a bucket of yours>` when the template is over 51,200 bytes)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="infra_action", metavar="ACTION", required=True)
    for name, text in (
            ("synth", "write the CloudFormation template (no AWS account needed)"),
            ("diff", "compare with the deployed stack (CDK CLI)"),
            ("deploy", "deploy the stack (CDK CLI); arguments after -- go to cdk"),
            ("destroy", "delete the stack (CDK CLI); buckets, the key and the EFS stay"),
            ("verify", "audit a live account against the requirements (read-only)")):
        sub = actions.add_parser(name, help=text, description=text)
        sub.add_argument("--config", type=Path, default=None,
                         help="the TOML config (infra/dsws-infra.example.toml lists every "
                              "key); every default when omitted")
        if name == "verify":
            sub.add_argument("--format", choices=("table", "json"), default="table")
            sub.add_argument("--domain-id", default="",
                             help="the domain to audit; by default the one the config names")
            sub.add_argument("--emr-security-group", action="append", default=[],
                             metavar="SG_ID",
                             help="an EMR primary node's security group to check the Studio "
                                  "→ EMR path to (repeatable); by default the stack's "
                                  "EmrManagedMasterSecurityGroup output when the config has "
                                  "emr_security_groups = true")
        else:
            sub.add_argument("--out", type=Path, default=DEFAULT_OUT,
                             help=f"where the cloud assembly goes (default {DEFAULT_OUT})")


def run(args: argparse.Namespace, extra: list[str]) -> int:
    action = args.infra_action
    if extra and action not in CDK_ACTIONS:
        print(f"dsws infra {action} takes no arguments after --", file=sys.stderr)
        return 2
    try:
        config = load_config(args.config)
        if action == "verify":
            return _verify(config, args.format, args.domain_id, args.emr_security_group)
        synthesis = _synth(config, args.out)
        for warning in synthesis.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        template = synthesis.template
        if action == "synth":
            print(f"Wrote {template}")
            return 0
        return _cdk(action, config, args.out, template, extra)
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return 2


def _synth(config: InfraConfig, out: Path) -> Any:
    try:
        from .synth import synthesize
    except ImportError as error:  # pragma: no cover - depends on the install
        raise ConfigError(f"The CDK app needs the infra extra: pip install "
                          f"'jupyter_dsws[infra]' ({error}).") from None
    return synthesize(config, out)


def _cdk(action: str, config: InfraConfig, out: Path, template: Path, extra: list[str]) -> int:
    cdk = shutil.which("cdk")
    if cdk is None:
        print(NO_CDK_CLI.format(template=template, stack=config.stack_name,
                                region=config.region), file=sys.stderr)
        return 2
    command = [cdk, action, "--app", str(out), *extra, config.stack_name]
    return subprocess.run(command, check=False).returncode


def _verify(config: InfraConfig, fmt: str, domain_id: str,
            emr_groups: list[str] | None = None) -> int:
    from .. import aws
    from .verify import Audit, AuditClients, AuditTarget
    from .verify_emr import EmrPathTarget
    from .verify_report import render

    session = aws.make_session(config.region)
    clients = AuditClients(**{name: aws.make_client(name, config.region, session=session,
                                                    agent="jupyter_dsws-infra")
                              for name in ("ec2", "s3", "iam", "sagemaker",
                                           "cloudformation")})
    emr = (EmrPathTarget(livy_port=config.emr_livy_port, primary_groups=list(emr_groups or []),
                         stack_name=config.stack_name)
           if emr_groups or config.emr_security_groups else None)
    target = AuditTarget(
        region=config.region, domain_name=config.domain_name, domain_id=domain_id,
        data_buckets=[config.data_bucket, config.artefact_bucket],
        other_buckets=[config.log_bucket],
        shared_space=(config.shared_space_name
                      if config.shared_space and config.identity_center.users else ""),
        endpoint_switches=config.endpoint_switches, emr=emr)
    try:
        findings = Audit(clients, target).run()
    except aws.BOTO_ERRORS as error:
        print(f"The audit could not read the account: {aws.redact(str(error))}",
              file=sys.stderr)
        return 2
    print(render(findings, fmt))
    return 0 if all(f.passed for f in findings) else 1
