"""The demo's space apps run for real: lifecycle scripts, then a Jupyter server per space.

A fake control plane (space_world.FakePlane) records what the host reports; everything
else is real: bash runs the scripts, their output lands in a file and in the emulator's
CloudWatch Logs, JupyterLab starts from the space's fresh prefix and answers on its port.
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from space_world import (
    TOKEN,
    FakePlane,
    alive,
    app_record,
    cloudwatch_lines,
    domain,
    get_json,
    make_host,
    plane,
    product_wheel,
    script,
)

from jupyter_dsws.demo.experiments import TRAINING_KERNEL, write_training_kernel
from jupyter_dsws.demo.lab import lab_environment
from jupyter_dsws.demo.space_apps import SpaceApps
from jupyter_dsws.demo.space_server import IMAGE_JUPYTER_PATH, server_status
from jupyter_dsws.demo.studio_logs import LOG_GROUP
from jupyter_dsws.studio import StudioApp, read_metadata

pytestmark = pytest.mark.timeout(400)
__all__ = ["make_host", "plane"]  # fixtures

INSTALL_AND_ECHO = """\
echo "lcc: hello from $HOME"
echo "lcc: this goes to stderr" >&2
echo started >> "$HOME/starts.txt"
cp "$DSWS_RESOURCE_METADATA_PATH" "$HOME/metadata.json"
if [ -e "$DSWS_CONDA_PREFIX/leftover" ]; then echo "lcc: the prefix has a leftover"
else echo "lcc: the prefix is fresh"; fi
touch "$DSWS_CONDA_PREFIX/leftover"
echo "lcc: app type $SAGEMAKER_APP_TYPE_LOWERCASE, space type $SAGEMAKER_SPACE_TYPE_LOWERCASE"
"$DSWS_CONDA_PREFIX/bin/pip" install --quiet --no-deps --no-index \\
  --disable-pip-version-check {wheel}
echo "lcc: installed"
nohup sleep 300 >/dev/null 2>&1 &
echo $! > "$HOME/helper.pid"
"""


def test_a_space_starts_with_its_script_and_restarts_with_its_home_and_a_fresh_prefix(
        make_host: Callable[..., SpaceApps], plane: FakePlane,
        emulator_client: Callable[..., Any]) -> None:
    host = make_host()
    lcc = script("install-dsws", INSTALL_AND_ECHO.format(wheel=product_wheel()))
    app = app_record(domain(), "lab", lcc)
    port = host.port(app.domain_id, "lab")

    host.start(app)
    started = plane.wait(app.arn)
    assert started.state == "InService", started.reason
    # The server has the product the script installed, and Studio's metadata.
    status = get_json(port, "/dsws/status")
    assert status["studio"] == {
        "domain_id": app.domain_id, "space_name": "lab", "user_profile": None,
        "app_type": "JupyterLab", "app_name": "default",
        "instance_type": status["studio"]["instance_type"]}
    assert read_metadata(host.home(app.domain_id, "lab") / "metadata.json") == StudioApp(
        domain_id=app.domain_id, space_name="lab", app_type="JupyterLab", user_profile=None,
        app_name="default", resource_arn=app.arn, execution_role_arn=app.execution_role_arn)
    log = host.log_path(app.domain_id, "lab").read_text()
    for line in ("lcc: hello from " + str(host.home(app.domain_id, "lab")),
                 "lcc: this goes to stderr", "lcc: the prefix is fresh",
                 "lcc: app type jupyterlab, space type private", "lcc: installed"):
        assert line in log.splitlines()
        assert line in cloudwatch_lines(emulator_client, app)
    assert "install-dsws exited with code 0" in log

    host.stop(app)
    assert plane.wait(app.arn, 2).state == "Deleted"
    assert server_status(port, TOKEN) is None
    # What the script left running went with the app.
    assert not alive(int((host.home(app.domain_id, "lab") / "helper.pid").read_text()))

    host.start(app)
    assert plane.wait(app.arn, 3).state == "InService", plane.events[-1].reason
    home = host.home(app.domain_id, "lab")
    assert (home / "starts.txt").read_text() == "started\nstarted\n"
    lines = host.log_path(app.domain_id, "lab").read_text().splitlines()
    assert lines.count("lcc: the prefix is fresh") == 2
    assert "lcc: the prefix has a leftover" not in lines
    assert get_json(port, "/dsws/status")["studio"]["space_name"] == "lab"


def test_a_failing_script_fails_the_start_with_a_reason_naming_its_log(
        make_host: Callable[..., SpaceApps], plane: FakePlane,
        emulator_client: Callable[..., Any]) -> None:
    host = make_host()
    app = app_record(domain(), "broken",
                     script("breaks", "echo 'about to fail'\nexit 3\n"),
                     script("never-runs", "echo 'second script'\n"))
    host.start(app)

    failed = plane.wait(app.arn)
    assert failed.state == "Failed"
    log_path = host.log_path(app.domain_id, "broken")
    assert "breaks" in failed.reason and "exited with code 3" in failed.reason
    assert str(log_path) in failed.reason and LOG_GROUP in failed.reason
    assert "about to fail" in log_path.read_text()
    assert "second script" not in log_path.read_text()
    assert cloudwatch_lines(emulator_client, app) == ["about to fail"]
    assert server_status(host.port(app.domain_id, "broken"), TOKEN) is None

    # Deleting the failed app (Studio's way to try again) has nothing left to stop.
    host.stop(app)
    assert plane.wait(app.arn, 2).state == "Deleted"


def test_a_script_over_the_time_limit_is_stopped_and_fails_the_start(
        make_host: Callable[..., SpaceApps], plane: FakePlane) -> None:
    host = make_host(lcc_time_limit=2)
    app = app_record(domain(), "slow", script(
        "slow", 'sleep 300 &\necho $! > "$HOME/sleep.pid"\necho waiting\nwait\n'))
    host.start(app)

    failed = plane.wait(app.arn)
    assert failed.state == "Failed"
    assert "slow" in failed.reason and "longer than 2 s" in failed.reason
    sleeper = int((host.home(app.domain_id, "slow") / "sleep.pid").read_text())
    assert not alive(sleeper)


def test_a_server_that_exits_fails_the_app_with_its_exit_code(
        make_host: Callable[..., SpaceApps], plane: FakePlane) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        host = make_host(default_port=taken.getsockname()[1])
        app = app_record(domain(), "busy")
        host.start(app)
        failed = plane.wait(app.arn)
    finally:
        taken.close()
    assert failed.state == "Failed"
    assert "exited with code 1" in failed.reason
    assert str(host.server_log_path(app.domain_id, "busy")) in failed.reason


def test_a_stop_while_the_script_runs_deletes_the_app_without_a_failure(
        make_host: Callable[..., SpaceApps], plane: FakePlane, tmp_path: Path) -> None:
    fifo = tmp_path / "started"
    os.mkfifo(fifo)
    host = make_host()
    app = app_record(domain(), "stopped-early", script(
        "long", f'sleep 300 &\necho $! > "$HOME/sleep.pid"\necho go > "{fifo}"\nwait\n'))
    host.start(app)
    assert fifo.read_text() == "go\n"  # blocks until the script runs

    host.stop(app)
    assert plane.wait(app.arn).state == "Deleted"
    assert [e.state for e in plane.events] == ["Deleted"]
    sleeper = int((host.home(app.domain_id, "stopped-early") / "sleep.pid").read_text())
    assert not alive(sleeper)


def test_spaces_have_their_own_port_and_home_kept_across_restarts(
        make_host: Callable[..., SpaceApps], tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    host = make_host(default_space="main", default_port=9517, default_home=workspace)
    assert host.port("d-1", "main") == 9517
    assert host.home("d-1", "main") == workspace
    other = host.port("d-1", "other")
    assert other != 9517
    assert host.port("d-1", "other") == other
    assert host.home("d-1", "other") != workspace
    assert host.home("d-1", "other").is_dir()


def test_a_space_lists_the_images_kernels_and_not_the_demos_jupyter_path(
        make_host: Callable[..., SpaceApps], plane: FakePlane, tmp_path: Path,
        fresh_emulator: Any) -> None:
    """The demo's "Python 3 (MLflow training)" kernel is part of its image, as Studio's
    image has its kernels; whatever else the demo's own JUPYTER_PATH holds is not."""
    image_kernels, elsewhere = tmp_path / "image-kernels", tmp_path / "elsewhere"
    write_training_kernel(image_kernels, sys.executable)
    write_training_kernel(elsewhere, sys.executable)
    (elsewhere / "kernels" / TRAINING_KERNEL).rename(elsewhere / "kernels" / "not-the-image")
    env = lab_environment(os.environ, region="eu-central-1", state_dir=tmp_path / "state",
                          token=TOKEN, endpoint_url=fresh_emulator.endpoint_url, clone_url="")
    env.update({"JUPYTER_PATH": f"{elsewhere}{os.pathsep}{image_kernels}",
                IMAGE_JUPYTER_PATH: str(image_kernels)})
    host = make_host(environment=env)
    app = app_record(domain(), "kernels")
    host.start(app)
    assert plane.wait(app.arn).state == "InService"

    specs = get_json(host.port(app.domain_id, "kernels"), "/api/kernelspecs")["kernelspecs"]
    assert specs[TRAINING_KERNEL]["spec"]["display_name"] == "Python 3 (MLflow training)"
    assert "not-the-image" not in specs


def test_a_shared_space_names_the_person_from_studios_cookie_without_our_product(
        make_host: Callable[..., SpaceApps], plane: FakePlane) -> None:
    """As Studio's image starts a shared space: SageMaker's identity provider (the demo
    image's stand-in), which needs nothing the lifecycle configuration installs."""
    host = make_host()
    app = dataclasses.replace(app_record(domain(), "team"), shared=True)
    host.start(app)
    assert plane.wait(app.arn).state == "InService"

    connection = http.client.HTTPConnection("127.0.0.1", host.port(app.domain_id, "team"),
                                            timeout=60)
    try:
        connection.request("GET", "/api/me", headers={
            "Authorization": f"token {TOKEN}", "Cookie": "studioUserProfileName=hermione-granger"})
        me = json.loads(connection.getresponse().read())["identity"]
    finally:
        connection.close()
    assert (me["username"], me["display_name"]) == ("hermione-granger", "Hermione Granger")
    assert "SAGEMAKER_SPACE_TYPE_LOWERCASE=shared" in _environ_of_server(host, app)


def _environ_of_server(host: SpaceApps, app: Any) -> str:
    """The space server's environment, as /proc shows it."""
    pid = next(int(p) for p in os.listdir("/proc") if p.isdigit() and _serves(int(p), host, app))
    return Path(f"/proc/{pid}/environ").read_bytes().replace(b"\0", b"\n").decode()


def _serves(pid: int, host: SpaceApps, app: Any) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"--port={host.port(app.domain_id, 'team')}".encode() in command
