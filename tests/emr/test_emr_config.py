"""``c.EMRConnect``: every setting says its default and unit, is in the README's table, and
refuses what cannot work with a sentence naming the setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from traitlets import TraitError

from jupyter_dsws.emr.config import EMRConnect

README = Path(__file__).parents[2] / "README.md"


def test_every_setting_says_its_default_and_is_in_the_readme():
    ours = set(EMRConnect.class_traits(config=True))
    documented = set(re.findall(r"^\| `EMRConnect\.(\w+)`", README.read_text(), re.M))
    assert documented == ours
    for name, trait in EMRConnect.class_traits(config=True).items():
        assert "Default" in trait.help, name


def test_the_defaults_are_the_issues():
    config = EMRConnect()
    assert (config.livy_port, config.check_timeout_seconds, config.verify_certificate,
            config.livy_endpoints, config.space_security_groups) == (8998, 3.0, True, {}, [])


def test_a_livy_endpoint_is_kept_without_its_trailing_slash():
    config = EMRConnect(livy_endpoints={"j-ABC123": "http://127.0.0.1:8998/"})
    assert config.livy_endpoints == {"j-ABC123": "http://127.0.0.1:8998"}


@pytest.mark.parametrize(("setting", "value"), [
    ("livy_port", 0), ("livy_port", 70000),
    ("check_timeout_seconds", 0.0), ("check_timeout_seconds", 60.0),
    ("livy_endpoints", {"cluster-1": "http://127.0.0.1:8998"}),
    ("livy_endpoints", {"j-ABC123": "ftp://127.0.0.1"}),
    ("livy_endpoints", {"j-ABC123": "127.0.0.1:8998"}),
    ("space_security_groups", ["default"]),
])
def test_what_cannot_work_is_refused_naming_the_setting(setting, value):
    with pytest.raises(TraitError, match=f"EMRConnect.{setting}"):
        EMRConnect(**{setting: value})
