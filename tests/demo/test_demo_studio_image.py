"""A space's fresh "/opt/conda": the image without jupyter_dsws, until a pip install puts it in.

The image is this checkout's .venv (jupyter_dsws installed editable, its labextension a
`jupyter labextension develop` link) and, when ``make wheel-envs`` made it, an environment
with our wheel installed as users install it (``$DSWS_WHEEL_ENVS/newest``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from space_world import ROOT, product_wheel

from jupyter_dsws.demo.space_server import keep_collaboration_off
from jupyter_dsws.demo.studio_image import Image, make_prefix

ANSI = re.compile(r"\x1b\[[0-9;]*m")
WHEEL_ENV = Path(os.environ.get("DSWS_WHEEL_ENVS", ROOT / "build" / "envs")) / "newest"


def _images() -> list[object]:
    wheel_env = pytest.param(WHEEL_ENV, id="wheel-env", marks=pytest.mark.skipif(
        not (WHEEL_ENV / "bin" / "jupyter").exists(), reason="no wheel env: make wheel-envs"))
    return [pytest.param(Path(sys.prefix), id="dev-venv"), wheel_env]


def run(prefix: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """A command of the prefix's bin/, as a space runs it (no PYTHONPATH, its own HOME)."""
    env = {"PATH": f"{prefix / 'bin'}:/usr/bin:/bin", "HOME": str(home)}
    done = subprocess.run([str(prefix / "bin" / args[0]), *args[1:]], capture_output=True,
                          text=True, env=env, cwd=home, check=False, timeout=120)
    done.stdout = ANSI.sub("", done.stdout + done.stderr)
    return done


def enabled_server_extensions(prefix: Path, home: Path) -> set[str]:
    out = run(prefix, "jupyter", "server", "extension", "list", home=home).stdout
    return {m.group(1) for m in re.finditer(r"^\s+(\S+) enabled$", out, re.MULTILINE)
            if re.search(rf"^\s+{re.escape(m.group(1))} \S* ?OK$", out, re.MULTILINE)}


def lab_extensions(prefix: Path, home: Path) -> str:
    return run(prefix, "jupyter", "labextension", "list", home=home).stdout


@pytest.mark.parametrize("image", _images())
def test_a_fresh_prefix_has_the_image_without_jupyter_dsws_until_pip_installs_it(
        image: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    prefix = make_prefix(Image.of(image), tmp_path / "conda")

    probe = run(prefix, "python", "-c",
                "import sys, jupyter_server; print(sys.prefix); import jupyter_dsws", home=home)
    assert str(prefix) in probe.stdout
    assert "No module named 'jupyter_dsws'" in probe.stdout
    before = enabled_server_extensions(prefix, home)
    assert "jupyter_dsws" not in before
    assert {"jupyterlab", "jupyter_server_terminals", "jupyter_lsp"} <= before
    assert "jupyter_dsws" not in lab_extensions(prefix, home)
    assert not (prefix / "bin" / "dsws").exists()

    installed = run(prefix, "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--disable-pip-version-check", str(product_wheel()), home=home)
    assert installed.returncode == 0, installed.stdout

    assert run(prefix, "python", "-c", "import jupyter_dsws", home=home).returncode == 0
    after = enabled_server_extensions(prefix, home)
    assert after == before | {"jupyter_dsws"}
    assert re.search(r"jupyter_dsws v\S+ enabled OK \(python, jupyter_dsws\)",
                     lab_extensions(prefix, home))
    assert run(prefix, "dsws", "--help", home=home).returncode == 0
    # The image itself is as it was.
    image_python = str(image / "bin" / "python")
    where = subprocess.run(
        [image_python, "-c", "import jupyter_dsws; print(jupyter_dsws.__file__)"],
        capture_output=True, text=True, check=True).stdout
    assert str(prefix) not in where

    # The next start is fresh again.
    make_prefix(Image.of(image), prefix)
    assert run(prefix, "python", "-c", "import jupyter_dsws", home=home).returncode != 0
    assert "jupyter_dsws" not in enabled_server_extensions(prefix, home)


def test_the_console_scripts_run_the_prefix_python(tmp_path: Path) -> None:
    """pip and jupyter of the prefix install into and read the prefix, not the image."""
    prefix = make_prefix(Image.of(Path(sys.prefix)), tmp_path / "conda")
    for name in ("pip", "jupyter", "jupyter-lab"):
        first = (prefix / "bin" / name).read_text().splitlines()[0]
        assert first == f"#!{prefix / 'bin' / 'python'}", name
    where = run(prefix, "pip", "--version", home=tmp_path).stdout
    assert str(prefix / "lib") in where


def _probe_wheel(out: Path, version: str) -> Path:
    source = out / f"probe-{version}"
    (source / "dswsprobe").mkdir(parents=True)
    (source / "dswsprobe" / "__init__.py").write_text(f"VERSION = {version!r}\n")
    (source / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        f'[project]\nname = "dswsprobe"\nversion = "{version}"\n')
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(source)], check=True, capture_output=True)
    return next(out.glob(f"dswsprobe-{version}-*.whl"))


def test_pip_in_a_space_adds_packages_but_never_replaces_the_images(tmp_path: Path) -> None:
    """The image's packages are symlinks into the image: an upgrade would write into it."""
    image = tmp_path / "image"
    subprocess.run([sys.executable, "-m", "venv", str(image)], check=True)
    old, new = _probe_wheel(tmp_path, "1.0"), _probe_wheel(tmp_path, "2.0")
    subprocess.run([str(image / "bin" / "pip"), "install", "-q", "--no-index", str(old)],
                   check=True)
    (installed,) = image.glob("lib/python3.*/site-packages/dswsprobe/__init__.py")
    prefix = make_prefix(Image.of(image), tmp_path / "conda")

    upgrade = run(prefix, "pip", "install", "--no-index", "--no-deps", str(new), home=tmp_path)
    assert upgrade.returncode != 0
    assert "(constraint) dswsprobe==1.0" in upgrade.stdout
    assert run(prefix, "pip", "uninstall", "-y", "dswsprobe", home=tmp_path).returncode == 0
    assert installed.read_text() == "VERSION = '1.0'\n"
    # What the image lacks installs as the lifecycle script installs it.
    wheel = product_wheel()
    added = run(prefix, "pip", "install", "-q", "--no-index", "--no-deps", str(wheel),
                home=tmp_path)
    assert added.returncode == 0, added.stdout


def test_a_private_space_turns_collaboration_off_in_its_prefix_never_in_the_image(
        tmp_path: Path) -> None:
    image, prefix = tmp_path / "image" / "etc" / "jupyter", tmp_path / "conda" / "etc" / "jupyter"
    server_d, labconfig = Path("jupyter_server_config.d"), Path("labconfig")
    originals = {
        server_d / "jupyter_collaboration.json":
            {"ServerApp": {"jpserver_extensions": {"jupyter_server_ydoc": True}}},
        labconfig / "page_config.json": {"disabledExtensions": {"@other/extension": True}},
    }
    for relative, value in originals.items():
        (image / relative).parent.mkdir(parents=True, exist_ok=True)
        (image / relative).write_text(json.dumps(value))
        (prefix / relative).parent.mkdir(parents=True, exist_ok=True)
        (prefix / relative).symlink_to(image / relative)

    keep_collaboration_off(tmp_path / "conda")

    for relative, value in originals.items():
        assert json.loads((image / relative).read_text()) == value
        assert not (prefix / relative).is_symlink()
    assert json.loads((prefix / server_d / "jupyter_collaboration.json").read_text()) == {
        "ServerApp": {"jpserver_extensions": {"jupyter_server_ydoc": False}}}
    assert json.loads((prefix / labconfig / "page_config.json").read_text()) == {
        "disabledExtensions": {"@other/extension": True,
                               "@jupyter/collaboration-extension": True,
                               "@jupyter/docprovider-extension": True}}
