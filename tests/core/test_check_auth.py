"""The CI check that refuses handlers without @authenticated and @authorized."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[2] / "scripts" / "check_auth.py"


def run_check(*args: str, tmp_path: Path,
              env_path: Path | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "AWS_REGION": "eu-central-1"}
    if env_path is not None:
        env["PYTHONPATH"] = str(env_path)
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


@pytest.mark.timeout(180)
def test_our_extension_passes(tmp_path):
    result = run_check(tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "require authentication and authorization" in result.stdout


@pytest.mark.timeout(180)
def test_a_handler_without_authorized_fails(tmp_path):
    package = tmp_path / "leaky_ext"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent("""
        from jupyter_server.base.handlers import APIHandler
        from tornado import web

        class Leaky(APIHandler):
            @web.authenticated
            def get(self):
                self.finish("{}")

        def _jupyter_server_extension_points():
            return [{"module": "leaky_ext"}]

        def _load_jupyter_server_extension(app):
            app.web_app.add_handlers(".*$", [("/leaky", Leaky)])
    """))
    result = run_check("--extension", "leaky_ext", env_path=tmp_path, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "GET of Leaky (/leaky$) lacks @authorized" in result.stdout
