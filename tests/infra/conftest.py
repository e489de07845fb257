"""The infra tests' shared pieces: configs and a template synthesized once per session.

CDK synthesis starts node through jsii and takes seconds, so each config is synthesized
once and every assertion reads the same template.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ACCOUNT = "123456789012"
ADMIN_ROLE = f"arn:aws:iam::{ACCOUNT}:role/dsws-admin"
EMR_RUNTIME_ROLE = f"arn:aws:iam::{ACCOUNT}:role/emr-runtime-analysts"

FULL_CONFIG = f"""
region = "eu-central-1"
account = "{ACCOUNT}"
name_prefix = "team"
lifecycle_script = "{FIXTURES / 'on-start.sh'}"
admin_role_arn = "{ADMIN_ROLE}"
emr_ldap = true
emr_execution_role_arns = ["{EMR_RUNTIME_ROLE}"]

[tags]
Project = "dsws"
CostCenter = "ml-42"

[idle]
idle_timeout_minutes = 90
min_idle_timeout_minutes = 60
max_idle_timeout_minutes = 240

[identity_center]
instance_arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
identity_store_id = "d-1234567890"
region = "eu-central-1"

[[identity_center.users]]
user_name = "harry.potter@example.com"
user_id = "11111111-2222-3333-4444-555555555555"

[[identity_center.groups]]
group_id = "66666666-7777-8888-9999-000000000000"
display_name = "data-scientists"

[budget]
amount_usd = 400
alert_email = "admin@example.com"
"""

# Every switch off that can be: no users, no repository, no budget, no EMR groups, no EMR
# Serverless endpoints.
MINIMAL_CONFIG = f"""
lifecycle_script = "{FIXTURES / 'on-start.sh'}"
codecommit_repository = false
emr_security_groups = false
emr_serverless = false
mlflow_tracking_server = false
"""


@dataclass
class Synthesized:
    config: Any
    path: Path
    template: dict[str, Any]

    def resources(self, kind: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.template["Resources"].items() if v["Type"] == kind}

    def one(self, kind: str) -> dict[str, Any]:
        found = list(self.resources(kind).values())
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]


def _synthesize(tmp: Path, text: str) -> Synthesized:
    pytest.importorskip("aws_cdk", reason="the infra extra (aws-cdk-lib) is not installed")
    from jupyter_dsws.infra.config import load_config
    from jupyter_dsws.infra.synth import synthesize

    config_path = tmp / "dsws-infra.toml"
    config_path.write_text(text)
    config = load_config(config_path)
    path = synthesize(config, tmp / "cdk.out").template
    return Synthesized(config, path, json.loads(path.read_text()))


@pytest.fixture(scope="session")
def full_stack(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    return _synthesize(tmp_path_factory.mktemp("infra-full"), FULL_CONFIG)


@pytest.fixture(scope="session")
def minimal_stack(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    return _synthesize(tmp_path_factory.mktemp("infra-minimal"), MINIMAL_CONFIG)


@pytest.fixture(scope="session")
def template(full_stack: Synthesized) -> Any:
    """The full stack's template, for CDK's assertions (find_resources, has_resource...)."""
    assertions = pytest.importorskip("aws_cdk.assertions")
    return assertions.Template.from_json(full_stack.template)


@pytest.fixture
def minimal_config_text() -> str:
    return MINIMAL_CONFIG


@pytest.fixture
def fixture_script() -> Path:
    """A small stand-in for the script `dsws lifecycle build` renders."""
    return FIXTURES / "on-start.sh"
