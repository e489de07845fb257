"""Damaged or unusable local files: one clear line naming the file, exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jupyter_dsws.lifecycle import cli as lifecycle_cli
from jupyter_dsws.lifecycle.build import build
from jupyter_dsws.lifecycle.settings import Settings

URI = "s3://lcc-bad-files/dsws"
REGION = "eu-central-1"


@pytest.fixture
def built(tmp_path: Path, fake_wheel: Path) -> Path:
    out = tmp_path / "out"
    build(s3_uri=URI, out=out, wheel=fake_wheel, settings=Settings())
    return out


@pytest.fixture
def no_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad local file is found before any AWS call."""
    client = type("NoCalls", (), {"__getattr__": lambda self, name: pytest.fail(
        f"AWS was called: {name}")})()
    monkeypatch.setattr(lifecycle_cli, "make_client", lambda *a: client)


def publish(out: Path) -> list[str]:
    return ["publish", "--s3-uri", URI, "--out", str(out), "--region", REGION]


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]",
                                     json.dumps({"version": "1.2.3"}).encode(), b""])
def test_publish_with_a_damaged_lifecycle_json_says_to_build_again(
        built: Path, capsys, no_aws: None, content: bytes) -> None:
    (built / "lifecycle.json").write_bytes(content)
    assert lifecycle_cli.main(publish(built)) == 2
    line = one_line(capsys.readouterr().err)
    assert str(built / "lifecycle.json") in line
    assert "dsws lifecycle build" in line and "again" in line


@pytest.mark.parametrize("content", [b"\xff\xfe not text\n", b"0123  ../../etc/passwd\n"])
def test_publish_with_a_damaged_manifest_sends_nothing(
        built: Path, capsys, no_aws: None, content: bytes) -> None:
    (built / "wheelhouse" / "SHA256SUMS").write_bytes(content)
    assert lifecycle_cli.main(publish(built)) == 2
    line = one_line(capsys.readouterr().err)
    assert "SHA256SUMS is damaged" in line and "again" in line


def test_attach_with_a_script_that_is_not_text_exits_2(tmp_path: Path, capsys,
                                                       no_aws: None) -> None:
    script = tmp_path / "jupyterlab-on-start.sh"
    script.write_bytes(b"#!/bin/bash\n\xff\xfe\n")
    code = lifecycle_cli.main(["attach", "--script", str(script), "--domain", "d-1",
                               "--region", REGION])
    assert code == 2
    line = one_line(capsys.readouterr().err)
    assert f"--script {script}" in line and "build again" in line


def test_build_into_an_out_folder_that_is_a_file_exits_2_naming_it(
        built: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    wheel = next((tmp_path / "wheels").glob("*.whl"))
    code = lifecycle_cli.main(["build", "--s3-uri", URI, "--wheel", str(wheel),
                               "--out", str(blocker)])
    assert code == 2
    line = one_line(capsys.readouterr().err)
    assert str(blocker) in line
