"""The infra config file: defaults, names derived from it, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_dsws.infra.config import ConfigError, load_config

EXAMPLE = Path(__file__).parents[2] / "infra" / "dsws-infra.example.toml"


def _load(tmp_path: Path, text: str):
    path = tmp_path / "c.toml"
    path.write_text(text)
    return load_config(path)


def test_defaults_are_safe(tmp_path):
    config = load_config(None)
    assert (config.region, config.az_count, config.shared_space) == ("eu-central-1", 2, True)
    assert config.codecommit_repository and config.repository_name == "sagemaker-repository"
    assert config.data_bucket == "dsws-data-eu-central-1"
    assert not config.budget.enabled
    assert config.model_package_groups()[0] == "sorting-hat-algorithm"


def test_emr_switches_name_the_endpoints_and_secrets_they_turn_on(tmp_path):
    assert load_config(None).endpoint_switches == {"emr_serverless"}  # LDAP off by default
    assert load_config(None).emr_ldap_secret_prefix == ""
    config = _load(tmp_path, 'emr_ldap = true\nemr_serverless = false\nname_prefix = "team"\n'
                             'emr_execution_role_arns = ["arn:aws:iam::123456789012:role/r"]\n')
    assert config.endpoint_switches == {"emr_ldap"}
    assert config.emr_ldap_secret_prefix == "team/emr-ldap/"
    assert config.emr_execution_role_arns == ("arn:aws:iam::123456789012:role/r",)


def test_the_example_file_loads_and_documents_every_key():
    config = load_config(EXAMPLE)
    text = EXAMPLE.read_text()
    for key in config.__dataclass_fields__:
        assert f"{key} =" in text or f"[{key}]" in text, key
    for section in ("idle", "budget", "identity_center"):
        for key in getattr(config, section).__dataclass_fields__:
            if key not in ("users", "groups"):
                assert f"{key} =" in text, f"{section}.{key}"


def test_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "inv.csv").write_text("User,Feature\nA,Churn Model\nB,Churn model\n")
    config = _load(tmp_path, 'inventory = "inv.csv"\nlifecycle_script = "s.sh"\n')
    assert config.lifecycle_script == tmp_path / "s.sh"
    assert config.model_package_groups() == ["churn-model"]
    with pytest.raises(ConfigError, match="dsws lifecycle build"):
        config.lifecycle_script_bytes()


@pytest.mark.parametrize(("text", "message"), [
    ('regoin = "eu-west-1"', "Unknown config keys: regoin"),
    ("az_count = 1", "az_count must be at least 2"),
    ("az_count = 3", "needs `availability_zones`"),
    ('vpc_cidr = "10.0.0.0/8"', "prefix must be /16 to /24"),
    ('admin_role_arn = "arn:aws:iam::1:user/x"', "not an IAM role ARN"),
    ("[idle]\nidle_timeout_minutes = 30", "60 <= min_idle_timeout_minutes"),
    ('[identity_center]\nregion = "us-east-1"', "must live in the Identity Center region"),
    ('[[identity_center.users]]\nuser_name = "a"', "needs identity_center.instance_arn"),
    ("[budget]\namount_usd = 10", "needs alert_email"),
    ('emr_execution_role_arns = ["emr-runtime"]', "'emr-runtime' is not an IAM role ARN"),
    ("emr_livy_port = 80", "emr_livy_port 80: a TCP port"),
    ("region = [", "not valid TOML"),
])
def test_mistakes_are_refused_with_what_to_fix(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        _load(tmp_path, text)
