"""Synthesizing the CDK app in-process: no AWS account and no CDK CLI needed, only node."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import InfraConfig

# jsii prints a banner on every start when node is not its newest supported line. The
# end-of-life one is silenced only by a list that names the node major version in use.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION",
                      ",".join(str(major) for major in range(14, 40)))
for _variable in ("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION",
                  "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION"):
    os.environ.setdefault(_variable, "1")


# Behaviour the CDK CLI's `cdk init` would switch on; the in-process App must ask for it.
FEATURE_FLAGS = {
    # Access-log delivery through a bucket policy, not the legacy LogDeliveryWrite ACL.
    "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True,
    "@aws-cdk/aws-iam:minimizePolicies": True,
    # The flow logs' delivery grant in the log bucket's policy, in the template: left to AWS
    # it is added outside CloudFormation, and a later update of the policy drops it.
    "@aws-cdk/aws-s3:createDefaultLoggingPolicy": True,
}


def build_app(config: InfraConfig, outdir: Path | None = None) -> Any:
    """The CDK app with our one stack, tagged with the config's cost-allocation tags."""
    from aws_cdk import App, Tags

    from .stack import StudioStack

    app = App(outdir=str(outdir) if outdir else None, analytics_reporting=False,
              context=FEATURE_FLAGS)
    StudioStack(app, config.stack_name, config=config)
    for key, value in config.tags.items():
        Tags.of(app).add(key, value)
    return app


@dataclass(frozen=True)
class Synthesis:
    template: Path
    warnings: list[str]


def synthesize(config: InfraConfig, outdir: Path) -> Synthesis:
    """Writes the cloud assembly into ``outdir``: the template's path and CDK's warnings."""
    from aws_cdk.cx_api import SynthesisMessageLevel

    outdir.mkdir(parents=True, exist_ok=True)
    assembly = build_app(config, outdir).synth()
    stack = assembly.get_stack_by_name(config.stack_name)
    warnings = [f"{m.id}: {m.entry.data}" for m in stack.messages
                if m.level != SynthesisMessageLevel.INFO]
    return Synthesis(Path(assembly.directory) / stack.template_file, warnings)


def load_template(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))
