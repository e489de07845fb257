"""``dsws lifecycle build`` and ``publish``: the wheelhouse, the manifest, the rendered script."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jupyter_dsws.app import DSWSExtension
from jupyter_dsws.experiments.config import Experiments
from jupyter_dsws.idle.config import IdleShutdown
from jupyter_dsws.lifecycle import cli as lifecycle_cli
from jupyter_dsws.lifecycle.awsapi import Calls, LifecycleError
from jupyter_dsws.lifecycle.build import (
    MAX_BASE64_CHARS,
    BuildError,
    build,
    check_size,
    parse_s3_uri,
    render_script,
    script_template,
    script_version,
)
from jupyter_dsws.lifecycle.publish import publish
from jupyter_dsws.lifecycle.settings import Settings, SettingsError

TEMPLATE = Path(__file__).parents[2] / "lifecycle" / "jupyterlab-on-start.sh"


def baked(script: str, name: str) -> str:
    """What bash sees in a variable of the rendered script (quoting checked by bash itself)."""
    block = "\n".join(line for line in script.splitlines()
                      if line.split("=", 1)[0] in {"S3_URI", "VERSION", "MANIFEST_SHA256",
                                                    "SETTINGS_JSON", "REGION", "STRICT"})
    done = subprocess.run(["bash", "-c", f'{block}\nprintf %s "${name}"'], capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_build_writes_a_verifiable_wheelhouse_and_a_script_with_everything_baked_in(
        tmp_path: Path, fake_wheel: Path):
    settings = Settings(region="eu-central-1", panels=("idle", "codecommit"),
                        idle_timeout_minutes=90, idle_min_minutes=30, idle_max_minutes=480,
                        strict=True)
    result = build(s3_uri="s3://team-bucket/dsws/1.2.3/", out=tmp_path / "out",
                   settings=settings, wheel=fake_wheel)
    wheelhouse = tmp_path / "out" / "wheelhouse"
    assert sorted(p.name for p in wheelhouse.iterdir()) == ["SHA256SUMS", fake_wheel.name]
    # The format the script checks with: sha256sum itself accepts it.
    subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=wheelhouse,
                   check=True, capture_output=True)

    script = result.script.read_text()
    assert result.version == "1.2.3"
    assert baked(script, "S3_URI") == "s3://team-bucket/dsws/1.2.3"
    assert baked(script, "VERSION") == "1.2.3"
    assert baked(script, "STRICT") == "1"
    assert baked(script, "REGION") == "eu-central-1"
    manifest_hash = subprocess.run(["sha256sum", str(wheelhouse / "SHA256SUMS")],
                                   capture_output=True, text=True).stdout.split()[0]
    assert baked(script, "MANIFEST_SHA256") == manifest_hash
    assert json.loads(baked(script, "SETTINGS_JSON")) == {
        "DSWSExtension": {"region": "eu-central-1", "panels": ["idle", "codecommit"]},
        "IdleShutdown": {"timeout_minutes": 90, "min_timeout_minutes": 30,
                         "max_timeout_minutes": 480}}
    assert script_version(script) == "1.2.3"
    assert result.base64_chars == len(base64.b64encode(script.encode())) <= MAX_BASE64_CHARS
    assert json.loads((tmp_path / "out" / "lifecycle.json").read_text())["s3_uri"] == \
        "s3://team-bucket/dsws/1.2.3"


def test_settings_keys_are_real_traits():
    config = Settings(region="eu-west-1", panels=(), idle_timeout_minutes=20,
                      idle_min_minutes=15, idle_max_minutes=600,
                      mlflow_tracking_uri="https://mlflow.internal").server_config()
    classes = {"DSWSExtension": DSWSExtension, "IdleShutdown": IdleShutdown,
               "Experiments": Experiments}
    assert set(config) == set(classes)
    for section, values in config.items():
        traits = classes[section].class_traits(config=True)
        assert set(values) <= set(traits), section
    assert Settings().server_config() == {}


@pytest.mark.parametrize("uri", ["mlflow.internal", "arn:aws:sagemaker:eu-west-1:1:foo/x"])
def test_a_tracking_uri_that_is_neither_url_nor_mlflow_arn_is_refused(uri):
    with pytest.raises(SettingsError, match="--mlflow-tracking-uri"):
        Settings(mlflow_tracking_uri=uri)


def test_settings_with_odd_characters_stay_one_shell_word(tmp_path: Path):
    script = render_script(script_template(), s3=parse_s3_uri("s3://bkt/p"), version="1.0",
                           manifest_sha256="0" * 64,
                           settings=Settings(panels=("idle",)))
    # No panel, region or prefix can carry a quote: the renderer quotes anyway.
    assert baked(script, "SETTINGS_JSON") == '{"DSWSExtension":{"panels":["idle"]}}'
    with pytest.raises(BuildError, match="prefix"):
        parse_s3_uri("s3://bucket/it's$(reboot)")


@pytest.mark.parametrize("kwargs, message", [
    ({"region": "Frankfurt"}, "not an AWS region"),
    ({"panels": ("idle", "spreadsheet")}, "unknown panel"),
    ({"idle_timeout_minutes": 5}, "min ≤ timeout ≤ max"),
    ({"idle_min_minutes": 120, "idle_max_minutes": 60}, "min ≤ timeout ≤ max"),
    ({"idle_timeout_minutes": -1}, "positive"),
    ({"budget_seconds": 400}, "300 s"),
])
def test_wrong_settings_say_what_to_fix(kwargs: dict[str, Any], message: str):
    with pytest.raises(SettingsError, match=message):
        Settings(**kwargs)


@pytest.mark.parametrize("uri", ["bucket/prefix", "s3://", "s3://UPPER/x", "https://b/p"])
def test_wrong_s3_uri(uri: str):
    with pytest.raises(BuildError, match="not an S3 location"):
        parse_s3_uri(uri)


def test_size_over_the_api_limit_fails_clearly():
    check_size("x" * 12288)  # 16,384 base64 characters exactly
    with pytest.raises(BuildError, match=r"16388 characters in base64; .* allows 16384"):
        check_size("x" * 12289)


def test_the_rendered_script_leaves_room(tmp_path: Path, fake_wheel: Path):
    result = build(s3_uri="s3://bkt/" + "p" * 200, out=tmp_path, wheel=fake_wheel,
                   settings=Settings(region="ap-southeast-2", panels=("idle", "registry",
                                     "codecommit", "instances"), idle_timeout_minutes=60))
    assert result.base64_chars < MAX_BASE64_CHARS * 0.8


def test_cli_build_errors(tmp_path: Path, capsys, fake_wheel: Path):
    assert lifecycle_cli.main(["build", "--s3-uri", "s3://bkt/p", "--wheel",
                               str(tmp_path / "missing.whl"), "--out", str(tmp_path)]) == 1
    assert "--wheel" in capsys.readouterr().err
    other = tmp_path / "requests-2.0-py3-none-any.whl"
    shutil.copy(fake_wheel, other)
    assert lifecycle_cli.main(["build", "--s3-uri", "s3://bkt/p", "--wheel", str(other),
                               "--out", str(tmp_path)]) == 1
    assert "is not a jupyter_dsws wheel" in capsys.readouterr().err
    assert lifecycle_cli.main(["build", "--s3-uri", "s3://bkt/p", "--wheel", str(fake_wheel),
                               "--panels", "idle,nope", "--out", str(tmp_path)]) == 2
    assert "unknown panel(s) nope" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("shellcheck") is None,
                    reason="shellcheck is not installed (make shellcheck installs it)")
def test_shellcheck_passes_on_the_template_and_a_rendered_script(tmp_path: Path,
                                                                  fake_wheel: Path):
    result = build(s3_uri="s3://bkt/p", out=tmp_path, wheel=fake_wheel,
                   settings=Settings(region="eu-central-1", panels=("idle",)))
    for path in (TEMPLATE, result.script):
        done = subprocess.run(["shellcheck", "--shell=bash", str(path)], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout


def test_publish_uploads_wheels_then_the_manifest(tmp_path: Path, fake_wheel: Path,
                                                  emulator_client: Callable[..., Any]):
    s3 = emulator_client("s3")
    s3.create_bucket(Bucket="lcc-publish",
                     CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    build(s3_uri="s3://lcc-publish/dsws", out=tmp_path, wheel=fake_wheel, settings=Settings())
    printed: list[str] = []

    publish(Calls(dry_run=True, out=printed.append), s3, s3_uri="s3://lcc-publish/dsws",
            out=tmp_path)
    assert [line.split(" {")[0] for line in printed] == ["(dry run) would call PutObject"] * 2
    assert s3.list_objects_v2(Bucket="lcc-publish").get("KeyCount") == 0

    keys = publish(Calls(out=printed.append), s3, s3_uri="s3://lcc-publish/dsws", out=tmp_path)
    assert keys == [f"s3://lcc-publish/dsws/{fake_wheel.name}", "s3://lcc-publish/dsws/SHA256SUMS"]
    body = s3.get_object(Bucket="lcc-publish", Key=f"dsws/{fake_wheel.name}")["Body"].read()
    assert body == fake_wheel.read_bytes()

    with pytest.raises(LifecycleError, match="was built for s3://lcc-publish/dsws"):
        publish(Calls(out=printed.append), s3, s3_uri="s3://lcc-publish/elsewhere", out=tmp_path)
