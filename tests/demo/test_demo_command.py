"""``dsws demo`` end to end: a real JupyterLab, a real emulator, real signals."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from helpers import wait_until

from jupyter_dsws.demo.runner import DemoError, _free_port, lab_environment

START_TIMEOUT = 60.0
EXIT_TIMEOUT = 15.0
TOKEN = "d5e6f7a8b9c0d1e2f3a4b5c6"


@dataclass
class Demo:
    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text()

    def wait_until_ready(self) -> tuple[str, str, Path]:
        """The lab URL, the emulator endpoint and the state dir from the printed block."""
        def printed() -> tuple[str, str, Path] | None:
            text = self.output()
            lab = re.search(r"JupyterLab\s+(http://127\.0\.0\.1:\d+/lab\?token=\S+)", text)
            aws = re.search(r"AWS emulator\s+(http://127\.0\.0\.1:\d+)", text)
            state = re.search(r"State\s+(\S+)", text)
            if lab and aws and state:
                return lab.group(1), aws.group(1), Path(state.group(1))
            if self.process.poll() is not None:
                self.failed_to_start()
            return None

        try:
            return wait_until(printed, timeout=START_TIMEOUT, interval=0.2,
                              what="dsws demo's printed block")
        except AssertionError:
            self.failed_to_start()

    def failed_to_start(self) -> NoReturn:
        pytest.fail(f"dsws demo did not start:\n{self.output()}\n{self.stderr.read_text()}")

    def stop(self, sig: int) -> int:
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            pytest.fail(f"dsws demo did not stop within {EXIT_TIMEOUT} s of {sig}")


@pytest.fixture
def start_demo(tmp_path: Path):
    started: list[Demo] = []

    def start(*args: str, spark: bool = False) -> Demo:
        """``dsws demo`` with ``args``; without its Spark unless asked (a JVM per demo)."""
        stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
        options = ["--no-browser", "--studio-port", "0", *([] if spark else ["--no-spark"])]
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyter_dsws.cli", "demo", *options, *args],
                stdout=out, stderr=err, cwd=tmp_path)
        demo = Demo(process, stdout, stderr)
        started.append(demo)
        return demo

    yield start
    for demo in started:
        if demo.process.poll() is None:
            demo.process.kill()
            demo.process.wait()


def port_of(url: str) -> int:
    return int(re.search(r":(\d+)", url.removeprefix("http://")).group(1))


def refuses(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def get_json(lab_url: str, path: str) -> tuple[int, dict]:
    """GET ``path`` on the demo's JupyterLab with the token in the Authorization header."""
    connection = http.client.HTTPConnection("127.0.0.1", port_of(lab_url), timeout=20)
    try:
        connection.request("GET", path, headers={"Authorization": f"token {TOKEN}"})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


@pytest.mark.timeout(180)
def test_the_demo_serves_the_extension_against_the_emulator_and_stops_on_sigterm(
        start_demo, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    demo = start_demo("--port", "0", "--token", TOKEN, "--root-dir", str(workspace))
    lab_url, emulator_url, state_dir = demo.wait_until_ready()
    assert lab_url.endswith(f"/lab?token={TOKEN}")
    assert "sagemaker-repository" in demo.output()
    assert "Livy (EMR)    not started (--no-spark)" in demo.output()

    status, body = get_json(lab_url, "/dsws/status")
    assert status == 200
    assert body["aws"]["ok"] is True
    assert body["aws"]["account"] == "123456789012"
    assert body["aws"]["endpoint"] == emulator_url
    assert body["region"] == "eu-central-1"
    # The demo plays Studio: the app is the first person's space's, on the space's type.
    assert body["studio"]["domain_id"] == "d-dswsdemo0000"
    assert body["studio"]["space_name"] == "harry-potter-lab"
    assert body["studio"]["instance_type"] == "ml.t3.medium"
    assert "dsws demo" in (workspace / "README.md").read_text()
    assert state_dir.is_dir()

    assert demo.stop(signal.SIGTERM) == 0
    assert refuses(port_of(lab_url))
    assert refuses(port_of(emulator_url))
    assert not state_dir.exists()
    assert (workspace / "README.md").exists()


@pytest.mark.timeout(180)
def test_ctrl_c_stops_it_too_and_a_given_state_dir_is_kept(start_demo, tmp_path: Path) -> None:
    workspace, state = tmp_path / "ws", tmp_path / "state"
    workspace.mkdir()
    (workspace / "README.md").write_text("mine\n")
    demo = start_demo("--port", "0", "--token", TOKEN, "--root-dir", str(workspace),
                      "--region", "us-west-2", "--state-dir", str(state))
    lab_url, emulator_url, _ = demo.wait_until_ready()
    _, body = get_json(lab_url, "/dsws/status")
    assert body["region"] == "us-west-2"
    assert body["aws"]["ok"] is True

    assert demo.stop(signal.SIGINT) == 0
    assert refuses(port_of(lab_url))
    assert refuses(port_of(emulator_url))
    assert state.is_dir()
    assert (workspace / "README.md").read_text() == "mine\n"


@pytest.mark.timeout(180)
def test_when_the_space_cannot_start_studio_says_failed_and_the_demo_stays(
        start_demo, tmp_path: Path) -> None:
    # Arguments after `--` reach `jupyter lab`: this one makes it refuse to start.
    demo = start_demo("--port", "0", "--", f"--ServerApp.root_dir={tmp_path / 'missing'}")
    wait_until(lambda: "failed to start" in demo.stderr.read_text(), timeout=START_TIMEOUT,
               interval=0.2, what="the failed start's message")
    text = demo.stderr.read_text()
    assert "harry-potter-lab" in text
    assert "exited with code 1" in text
    assert demo.process.poll() is None  # the Studio page still shows it, and Run tries again
    assert demo.stop(signal.SIGTERM) == 0


def test_a_busy_port_is_a_clear_error(start_demo) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        demo = start_demo("--port", str(busy.getsockname()[1]))
        assert demo.process.wait(timeout=30) == 1
    assert "--port 0" in demo.stderr.read_text()


def test_a_port_left_only_in_time_wait_is_free_again() -> None:
    # What a demo that just stopped leaves: the server closed its connections first, so
    # they linger in TIME-WAIT on its port for a minute while nothing listens there.
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as tornado binds
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port), timeout=5)
        accepted, _ = listener.accept()
        accepted.close()  # the server's side closes first: its end goes to TIME-WAIT
        client.recv(1)  # the close reached the client
        client.close()
    assert _free_port(port, "--port") == port
    with socket.socket() as busy:  # a port something listens on is still refused
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(DemoError, match="in use"):
            _free_port(busy.getsockname()[1], "--port")


def test_the_lab_environment_keeps_real_aws_out(tmp_path: Path) -> None:
    real = {"AWS_PROFILE": "prod", "AWS_SESSION_TOKEN": "secret", "AWS_ROLE_ARN": "arn:x",
            "AWS_ACCESS_KEY_ID": "AKIAREAL", "AWS_ENDPOINT_URL_S3": "https://s3.example",
            "HTTP_PROXY": "http://proxy:3128", "PATH": os.environ["PATH"],
            "JUPYTER_TOKEN_FILE": "/somewhere"}
    env = lab_environment(real, region="eu-west-1", endpoint_url="http://127.0.0.1:5",
                          state_dir=tmp_path, token="t", clone_url="http://127.0.0.1:5/x")
    assert {k for k in env if k.startswith("AWS_")} == {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_EC2_METADATA_DISABLED"}
    assert env["AWS_ACCESS_KEY_ID"] == "testing"
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "eu-west-1"
    assert Path(env["AWS_CONFIG_FILE"]).read_text() == ""
    assert Path(env["AWS_SHARED_CREDENTIALS_FILE"]).read_text() == ""
    assert "127.0.0.1" in env["NO_PROXY"].split(",")
    assert env["JUPYTER_TOKEN"] == "t"
    assert "JUPYTER_TOKEN_FILE" not in env
    assert not Path(env["DSWS_RESOURCE_METADATA_PATH"]).exists()
    # git reads the demo's own configuration: CodeCommit's URLs lead to the emulator.
    gitconfig = Path(env["GIT_CONFIG_GLOBAL"]).read_text()
    assert gitconfig.startswith("#")
    assert '[url "http://127.0.0.1:5/codecommit-git/eu-west-1/v1/repos/"]' in gitconfig
    assert "insteadOf = https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/" in gitconfig
    assert Path(env["GIT_CONFIG_GLOBAL"]).parent == tmp_path


def test_the_demo_lab_never_offers_to_reach_the_internet(tmp_path: Path) -> None:
    # Like a VPC-only space, the demo has no internet: JupyterLab must not ask to fetch news
    # or check for updates, and the person's own lab settings stay untouched.
    env = lab_environment({"PATH": os.environ["PATH"]}, region="eu-west-1",
                          endpoint_url="http://127.0.0.1:5", state_dir=tmp_path, token="t",
                          clone_url="http://127.0.0.1:5/x")
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"])
    assert settings.is_relative_to(tmp_path)
    notification = json.loads((settings / "@jupyterlab" / "apputils-extension"
                               / "notification.jupyterlab-settings").read_text())
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    # A person's change in a kept --state-dir survives the next start.
    (settings / "@jupyterlab" / "apputils-extension"
     / "notification.jupyterlab-settings").write_text('{"fetchNews": "true"}')
    lab_environment({"PATH": os.environ["PATH"]}, region="eu-west-1",
                    endpoint_url="http://127.0.0.1:5", state_dir=tmp_path, token="t",
                    clone_url="http://127.0.0.1:5/x")
    assert "true" in (settings / "@jupyterlab" / "apputils-extension"
                      / "notification.jupyterlab-settings").read_text()


@pytest.mark.timeout(300)
def test_the_demo_runs_a_livy_for_its_emr_clusters_and_opens_notebooks_on_the_kernel_env(
        start_demo, tmp_path: Path) -> None:
    from spark_world import livy_call, require_kernel_python

    require_kernel_python()
    demo = start_demo("--port", "0", "--token", TOKEN, "--root-dir", str(tmp_path / "ws"),
                      spark=True)
    lab_url, _, _ = demo.wait_until_ready()
    livy = re.search(r"Livy \(EMR\)\s+(http://127\.0\.0\.1:\d+)", demo.output())
    assert livy, demo.output()
    assert "password alohomora" in demo.output()
    # JupyterLab answers at once; Livy says "starting" until Spark is up, then lists.
    status, _, body = livy_call(livy.group(1) + "/sessions")
    assert (status, body.get("starting")) in ((503, True), (200, None)), (status, body)
    wait_until(lambda: livy_call(livy.group(1) + "/sessions")[0] == 200, timeout=240,
               interval=1, what="the demo's Spark")
    # A new notebook's kernel is the kernel env, where sparkmagic is (test_demo_spark_kernel).
    status, specs = get_json(lab_url, "/api/kernelspecs")
    assert status == 200 and specs["default"] == "mlflow-training"

    assert demo.stop(signal.SIGTERM) == 0
    assert refuses(port_of(livy.group(1)))
