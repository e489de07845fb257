"""``dsws demo``'s Studio: the host that runs the spaces' apps, the Studio page, and the
first Run of the person's own space.

The emulator's Studio layer records apps as AWS does (Pending → InService → Deleting →
Deleted); the host (``space_apps.py``) is what Studio's machines are: it runs each app's
lifecycle configurations and its JupyterLab, and reports back. The product inside the app
only ever talks to the emulator's API: an idle stop or an instance switch deletes the app
through it, exactly as in Studio.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .lab import HOST, DemoOptions
from .lab_process import READY_TIMEOUT, StopSignals
from .studio_home import HomeError, StudioHome
from .studio_page import StudioPage

if TYPE_CHECKING:
    from .emulator import Emulator
    from .seed import SeedResult
    from .space_apps import SpaceApps

#: Studio's own limit on a lifecycle script, plus JupyterLab's start.
FIRST_RUN_TIMEOUT = 300 + READY_TIMEOUT


def find_aws_cli() -> Path | None:
    """The ``aws`` a lifecycle script calls, as Studio's image has one: DSWS_DEMO_AWS_CLI,
    else ``aws`` on PATH, else the one this checkout's ``make awscli-env`` made."""
    from ..lifecycle.build import _CHECKOUT_ROOT

    given = os.environ.get("DSWS_DEMO_AWS_CLI")
    if given:
        return Path(given)
    found = shutil.which("aws")
    if found:
        return Path(found)
    made = _CHECKOUT_ROOT / "build" / "lifecycle-sandbox" / "awscli" / "bin" / "aws"
    return made if made.exists() else None


@dataclass(frozen=True)
class FirstRun:
    status: str  # InService, Failed, or Stopped when the demo was asked to stop first
    reason: str = ""


class DemoStudio:
    def __init__(self, emulator: Emulator, seeded: SeedResult, options: DemoOptions,
                 state_dir: Path, environment: dict[str, str], lab_arguments: list[str],
                 studio_port: int) -> None:
        assert seeded.studio is not None
        self.emulator = emulator
        self.seeded = seeded
        self.studio = seeded.studio
        self.options = options
        self.state_dir = state_dir
        self.environment = environment
        self.lab_arguments = lab_arguments
        self.studio_port = studio_port
        self.host: SpaceApps | None = None
        self.page: StudioPage | None = None
        self.home: StudioHome | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.studio_port}/?token={self.options.token}"

    def start(self) -> None:
        from .space_apps import SpaceApps

        restart = (f"--IdleShutdown.restart_hint=Run the space again from the demo's Studio "
                   f"page ({self.url.split('?')[0]}), then reload this page.")
        self.host = SpaceApps(
            self.emulator.studio, state_dir=self.state_dir / "studio", image=Path(sys.prefix),
            environment=self.environment, token=self.options.token,
            endpoint_url=self.emulator.endpoint_url, region=self.options.region,
            default_port=self.options.port, default_space=self.studio.default_space,
            default_home=self.options.root_dir,
            lab_args=[*self.lab_arguments, restart, *self.options.extra_lab_args],
            aws_cli=self._aws_cli_folder(),
            with_product=self.studio.lifecycle_config_arn is None)
        self.emulator.studio.host = self.host
        self.home = StudioHome.over(self.emulator.endpoint_url, self.options.region,
                                    self.studio.domain_id, self._lab_url)
        self.page = StudioPage(self.home, self.options.token, self.studio_port).start()

    def _lab_url(self, space: str) -> str | None:
        if self.host is None:
            return None
        port = self.host.port(self.studio.domain_id, space)
        return f"http://{HOST}:{port}/lab?token={self.options.token}"

    def _aws_cli_folder(self) -> Path | None:
        """A folder holding only ``aws``, for the scripts' PATH (the AWS CLI's own venv has
        a python and a pip that must not shadow the space's)."""
        found = find_aws_cli()
        if found is None:
            return None
        folder = self.state_dir / "studio" / "aws-cli"
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / "aws"
        link.unlink(missing_ok=True)
        link.symlink_to(found)
        return folder

    def run_first(self, stop: StopSignals) -> FirstRun:
        """Run the person's own space, as they would press Run, and wait for its app."""
        assert self.home is not None
        space = self.studio.default_space
        self.home.run(space)
        deadline = time.monotonic() + FIRST_RUN_TIMEOUT
        while time.monotonic() < deadline and not stop.requested:
            try:
                row = next(r for r in self.home.state()["spaces"] if r["name"] == space)
            except HomeError:
                row = {"status": "Pending"}
            if row["status"] in ("InService", "Failed"):
                return FirstRun(row["status"], row.get("failure_reason", ""))
            stop.wait(0.25)
        if stop.requested:
            return FirstRun("Stopped")
        return FirstRun("Failed", f"The space {space} did not start within "
                                  f"{FIRST_RUN_TIMEOUT:.0f} s.")

    def close(self) -> None:
        if self.page is not None:
            self.page.stop()
        self.emulator.studio.host = None
        if self.host is not None:
            self.host.close()
