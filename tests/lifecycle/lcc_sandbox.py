"""A SageMaker Distribution 4.x stand-in for running the lifecycle script for real.

- ``studio``: a virtual environment from requirements/lifecycle-sandbox.txt (jupyterlab
  4.5.10, jupyter_server 2.20.0, boto3, pydantic 2) playing ``/opt/conda``;
- ``awscli``: the AWS CLI in its own environment (apart from .venv's boto3), reached by
  the script through PATH only, as the image's ``aws``.

Both are cached under build/lifecycle-sandbox/ and rebuilt when their requirements change;
between tests the studio environment is put back as the image has it (our package
uninstalled, our settings file removed), which is what a fresh app start looks like.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SANDBOX = ROOT / "build" / "lifecycle-sandbox"
REQUIREMENTS = {"studio": ROOT / "requirements" / "lifecycle-sandbox.txt",
                "awscli": ROOT / "requirements" / "awscli.txt"}
SETTINGS_FILE = Path("etc/jupyter/jupyter_dsws_config.json")


def _stamp(requirements: Path) -> str:
    text = requirements.read_text()
    for line in text.splitlines():  # follow `-r other.txt`
        if line.startswith("-r "):
            text += (requirements.parent / line[3:].strip()).read_text()
    return hashlib.sha256(text.encode()).hexdigest()


def ensure_env(name: str) -> Path:
    env = SANDBOX / name
    stamp = env / ".dsws-stamp"
    wanted = _stamp(REQUIREMENTS[name])
    if stamp.is_file() and stamp.read_text() == wanted:
        return env
    shutil.rmtree(env, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    done = subprocess.run([str(env / "bin" / "pip"), "install", "-q",
                           "--disable-pip-version-check", "-r", str(REQUIREMENTS[name])],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Could not make the sandbox's {name} environment:\n{done.stderr}")
    stamp.write_text(wanted)
    return env


def reset_studio(env: Path) -> None:
    """Back to the image's state: our package and settings gone."""
    installed = subprocess.run(
        [str(env / "bin" / "python"), "-c",
         "import importlib.metadata as m; print(m.version('jupyter_dsws'))"],
        capture_output=True, text=True, check=False, cwd=env)
    if installed.returncode == 0:
        subprocess.run([str(env / "bin" / "pip"), "uninstall", "-y", "-q", "jupyter_dsws"],
                       check=True)
    (env / SETTINGS_FILE).unlink(missing_ok=True)


def freeze(env: Path) -> dict[str, str]:
    """Every distribution in the environment and its version (faster than pip freeze)."""
    out = subprocess.run(
        [str(env / "bin" / "python"), "-c",
         "import importlib.metadata as m\n"
         "for d in m.distributions(): print(d.metadata['Name'], d.version)"],
        capture_output=True, text=True, check=True, cwd=env).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


@dataclass
class Run:
    returncode: int
    output: str
    seconds: float

    @property
    def summary(self) -> str:
        lines = self.output.strip().splitlines()
        return lines[-1] if lines else ""


@dataclass
class Sandbox:
    prefix: Path
    home: Path
    aws_bin: Path
    endpoint: str
    restart_log: Path
    metadata: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def restarts(self) -> int:
        return len(self.restart_log.read_text().splitlines()) if self.restart_log.exists() else 0

    def env(self, **overrides: str) -> dict[str, str]:
        restart = self.restart_log.parent / "restart-jupyter-server"
        env = {
            "HOME": str(self.home),
            "PATH": f"{self.aws_bin}:/usr/bin:/bin",
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_CONFIG_FILE": str(self.home / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(self.home / "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "DSWS_CONDA_PREFIX": str(self.prefix),
            "DSWS_RESTART_COMMAND": str(restart),
            "DSWS_RESOURCE_METADATA_PATH": str(self.metadata),
        }
        env.update(self.extra_env)
        env.update(overrides)
        return env

    def run(self, script: Path, timeout: float = 200, **overrides: str) -> Run:
        start = time.monotonic()
        done = subprocess.run(["bash", str(script)], env=self.env(**overrides),
                              capture_output=True, text=True, timeout=timeout, check=False,
                              cwd=self.home)
        return Run(done.returncode, done.stdout + done.stderr, time.monotonic() - start)


if __name__ == "__main__":  # `make awscli-env`: the demo's spaces use the same AWS CLI
    for name in sys.argv[1:]:
        print(ensure_env(name))
