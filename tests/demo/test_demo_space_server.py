"""A demo space's server command line: collaboration as Studio's image sets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_dsws.demo.space_server import server_command


def command(prefix: Path, *, shared: bool) -> list[str]:
    return server_command(prefix, port=8888, home=prefix / "home", region="eu-central-1",
                          endpoint_url="http://127.0.0.1:9", shared=shared)


@pytest.mark.parametrize("installed", [True, False])
def test_only_a_shared_space_collaborates(tmp_path: Path, installed: bool):
    if installed:
        (tmp_path / "lib" / "python3.11" / "site-packages" / "jupyter_collaboration").mkdir(
            parents=True)
    shared, private = command(tmp_path, shared=True), command(tmp_path, shared=False)
    assert ("--collaborative" in shared) is installed
    assert "--collaborative" not in private
    # With jupyter-collaboration in the image a private space still loads it, RTC off.
    assert ("--YDocExtension.disable_rtc=True" in private) is installed
    assert "--YDocExtension.disable_rtc=True" not in shared
