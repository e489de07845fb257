"""The rendered script's failure paths that need no wheel, no S3 and no real environment.

A stand-in prefix (a ``python`` that reports a version, a ``pip`` that records its calls)
drives the script into each branch in milliseconds; the sandbox tests run the real thing.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from jupyter_dsws.lifecycle.build import build
from jupyter_dsws.lifecycle.settings import Settings


def make_script(tmp_path: Path, *, strict: bool) -> Path:
    wheel = tmp_path / "jupyter_dsws-2.0.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("jupyter_dsws/__init__.py", "")
    out = tmp_path / ("strict" if strict else "lenient")
    return build(s3_uri="s3://bkt/p", out=out, wheel=wheel,
                 settings=Settings(panels=("idle",), strict=strict)).script


def fake_prefix(tmp_path: Path, installed: str) -> Path:
    prefix = tmp_path / "conda"
    (prefix / "bin").mkdir(parents=True)
    python = prefix / "bin" / "python"
    python.write_text(f"#!/bin/sh\n[ -n '{installed}' ] && echo '{installed}' || exit 1\n")
    pip = prefix / "bin" / "pip"
    pip.write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/pip-calls"\n')
    python.chmod(0o755)
    pip.chmod(0o755)
    return prefix


def run(script: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    return subprocess.run(["bash", str(script)], env={**base, **env}, capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.mark.parametrize("strict", [False, True])
def test_no_python_in_the_prefix_is_skipped(tmp_path: Path, strict: bool):
    done = run(make_script(tmp_path, strict=strict), tmp_path,
               DSWS_CONDA_PREFIX=str(tmp_path / "missing"))
    assert done.returncode == (1 if strict else 0)
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith(f"dsws-lcc: skipped: no python and pip in {tmp_path / 'missing'}")


def test_no_aws_cli_is_skipped_without_touching_pip(tmp_path: Path):
    assert shutil.which("aws", path="/usr/bin:/bin") is None
    prefix = fake_prefix(tmp_path, installed="")
    done = run(make_script(tmp_path, strict=False), tmp_path, DSWS_CONDA_PREFIX=str(prefix))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith(
        "dsws-lcc: skipped: no AWS CLI (aws) on PATH")
    assert not (tmp_path / "pip-calls").exists()


def test_already_installed_only_writes_the_settings_once(tmp_path: Path):
    prefix = fake_prefix(tmp_path, installed="2.0.0")
    script = make_script(tmp_path, strict=False)
    first = run(script, tmp_path, DSWS_CONDA_PREFIX=str(prefix),
                DSWS_RESTART_COMMAND=str(tmp_path / "never"))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1].startswith("dsws-lcc: configured: settings "
                                                           "written to")
    config = prefix / "etc" / "jupyter" / "jupyter_dsws_config.json"
    assert config.read_text() == '{"DSWSExtension":{"panels":["idle"]}}\n'
    second = run(script, tmp_path, DSWS_CONDA_PREFIX=str(prefix))
    assert second.stdout.strip().splitlines()[-1].startswith("dsws-lcc: unchanged:")
    assert not (tmp_path / "pip-calls").exists()  # nothing installed: no S3, no pip


@pytest.mark.parametrize("strict", [False, True])
def test_an_unexpected_failure_still_lets_the_space_start(tmp_path: Path, strict: bool):
    prefix = fake_prefix(tmp_path, installed="2.0.0")
    (prefix / "etc").write_text("a file where a folder should be")
    done = run(make_script(tmp_path, strict=strict), tmp_path, DSWS_CONDA_PREFIX=str(prefix))
    assert done.returncode == (1 if strict else 0)
    assert done.stdout.strip().splitlines()[-1].startswith(
        "dsws-lcc: skipped: cannot write the settings to")
