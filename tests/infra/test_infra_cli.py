"""`dsws infra …` as an admin runs it: synth, the hand-off to the CDK CLI, verify."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jupyter_dsws.infra import cli
from jupyter_dsws.infra.synth import Synthesis

INFRA = Path(__file__).parents[2] / "infra"


def _run(*argv: str, extra: tuple[str, ...] = ()) -> int:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return cli.run(parser.parse_args(list(argv)), list(extra))


@pytest.fixture
def config_file(tmp_path: Path, minimal_config_text: str) -> Path:
    path = tmp_path / "dsws-infra.toml"
    path.write_text(minimal_config_text)
    return path


def test_synth_writes_the_template_without_an_account(config_file, tmp_path, capsys,
                                                      fake_aws):
    pytest.importorskip("aws_cdk")
    out = tmp_path / "assembly"
    assert _run("synth", "--config", str(config_file), "--out", str(out)) == 0
    template = out / "dsws-studio.template.json"
    printed = capsys.readouterr()
    assert printed.out.strip() == f"Wrote {template}"
    # No user to own the shared space: said, not silently skipped.
    assert "a shared space needs an owner profile" in printed.err
    types = {r["Type"] for r in json.loads(template.read_text())["Resources"].values()}
    assert "AWS::SageMaker::Domain" in types


def test_synth_without_the_lifecycle_script_says_to_build_it(tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text('lifecycle_script = "missing.sh"\n')
    assert _run("synth", "--config", str(config), "--out", str(tmp_path / "o")) == 2
    assert "dsws lifecycle build" in capsys.readouterr().err


def test_a_bad_config_is_an_error_not_a_traceback(tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text("az_count = 1\n")
    assert _run("verify", "--config", str(config)) == 2
    assert "az_count must be at least 2" in capsys.readouterr().err


def test_deploy_without_the_cdk_cli_explains_both_ways(config_file, tmp_path, capsys,
                                                      monkeypatch):
    template = tmp_path / "t.json"
    monkeypatch.setattr(cli, "_synth", lambda config, out: Synthesis(template, []))
    monkeypatch.setattr(cli.shutil, "which", lambda name: None)
    assert _run("deploy", "--config", str(config_file)) == 2
    error = capsys.readouterr().err
    assert "npm install -g aws-cdk@2" in error
    assert f"aws cloudformation deploy --template-file {template} --stack-name dsws-studio" \
        in error


def test_deploy_hands_the_assembly_and_extra_arguments_to_cdk(config_file, tmp_path,
                                                             monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "args"
    fake = bin_dir / "cdk"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\nexit 3\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(cli, "_synth", lambda config, out: Synthesis(out / "t.json", []))
    out = tmp_path / "assembly"
    code = _run("deploy", "--config", str(config_file), "--out", str(out),
                extra=("--require-approval", "never"))
    assert code == 3  # cdk's own exit code
    assert record.read_text().split("\n")[:-1] == [
        "deploy", "--app", str(out), "--require-approval", "never", "dsws-studio"]


def test_extra_arguments_are_refused_where_nothing_takes_them(capsys):
    assert _run("verify", extra=("--x",)) == 2
    assert "takes no arguments after --" in capsys.readouterr().err


def test_verify_json_and_exit_code_against_an_empty_account(fresh_emulator, config_file,
                                                           capsys, monkeypatch, fake_aws):
    monkeypatch.setenv("AWS_ENDPOINT_URL", fresh_emulator.endpoint_url)
    assert _run("verify", "--config", str(config_file), "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    failed = {(f["requirement"], f["resource"]) for f in report["findings"] if not f["passed"]}
    assert ("domain", "dsws-domain") in failed
    assert ("bucket policy", "dsws-data-eu-central-1") in failed


def test_the_cdk_cli_entry_point_synthesizes(tmp_path, fixture_script):
    pytest.importorskip("aws_cdk")
    config = tmp_path / "c.toml"
    config.write_text(f'lifecycle_script = "{fixture_script}"\n')
    out = tmp_path / "cdk.out"
    # What `cdk synth` does in infra/: run app.py with CDK_OUTDIR set.
    env = {**os.environ, "DSWS_INFRA_CONFIG": str(config), "CDK_OUTDIR": str(out)}
    result = subprocess.run([sys.executable, "app.py"], cwd=INFRA, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "dsws-studio.template.json").is_file()


def test_verify_checks_the_emr_path_to_the_groups_it_is_given(config_file, monkeypatch,
                                                               fake_aws):
    # The config has emr_security_groups = false: without --emr-security-group no EMR path
    # is checked; with it, that group is, on the config's Livy port.
    from jupyter_dsws.infra import verify

    seen = []
    monkeypatch.setattr(verify.Audit, "run", lambda self: seen.append(self.t) or [])
    assert _run("verify", "--config", str(config_file)) == 0
    assert _run("verify", "--config", str(config_file), "--emr-security-group", "sg-1",
                "--emr-security-group", "sg-2") == 0
    assert seen[0].emr is None and seen[0].endpoint_switches == set()
    assert (seen[1].emr.primary_groups, seen[1].emr.livy_port) == (["sg-1", "sg-2"], 8998)
