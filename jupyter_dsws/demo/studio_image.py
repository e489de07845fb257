"""A fresh "/opt/conda" for one start of a demo space's JupyterLab app.

In Studio every app start gets the image's ``/opt/conda`` as the image has it: whatever a
lifecycle script installed at the previous start is gone. The demo's image is a Python
environment with JupyterLab (the one ``dsws demo`` runs from). It carries jupyter_dsws
itself, which a space must not have until its lifecycle script installs it, so each start
gets a prefix made from the image minus our product, in milliseconds and without copying a
package:

- ``pyvenv.cfg`` and ``bin/python`` make it a virtual environment of the image's own
  interpreter (``sys.prefix`` is the new prefix, so pip and Jupyter use its folders);
- ``lib/pythonX.Y/site-packages`` is a real folder of symlinks, one per entry of the
  image's, without jupyter_dsws's (its package, dist-info and editable-install files);
- ``bin/`` has the image's console scripts with their shebang pointing at the new python;
- ``etc/jupyter`` and ``share/jupyter`` mirror the image's without jupyter_dsws's files.

So ``pip install --no-deps jupyter_dsws.whl`` in the prefix installs the product into it for
real. The symlinked packages are the image's own files, and a pip upgrade of one would
write through the links into the image (the demo's own environment): the prefix's
``pip.conf`` pins every package of the image to its version, so pip adds what the image
lacks (what the lifecycle script does) and refuses to replace what it has. Studio lets a
person upgrade /opt/conda's packages until the next start; the demo does not.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PRODUCT = "jupyter_dsws"
#: The product's files outside site-packages, relative to a prefix, besides what RECORD lists.
PRODUCT_DATA = (
    Path("etc/jupyter/jupyter_server_config.d/jupyter_dsws.json"),
    Path("etc/jupyter/jupyter_notebook_config.d/jupyter_dsws.json"),
    Path("etc/jupyter/jupyter_dsws_config.json"),
    Path("share/jupyter/labextensions/jupyter_dsws"),
    Path("bin/dsws"),
)
# How deep etc/jupyter and share/jupyter are real folders (deeper entries are symlinks):
# pip and the lifecycle script write into jupyter_server_config.d/ and labextensions/.
_REAL_DEPTH = {Path("etc/jupyter"): 8, Path("share/jupyter"): 1}
_PYTHON_NAMES = re.compile(r"^python(\d+(\.\d+)?)?$")


class ImageError(Exception):
    """The image is not a Python environment the demo can make a space's prefix from."""


@dataclass(frozen=True)
class Image:
    """A Python environment with JupyterLab: its prefix, interpreter and site-packages."""

    prefix: Path
    interpreter: Path  # the real interpreter (a venv's base python)
    version: str  # "3.12": site-packages lives in lib/python<version>
    site_packages: Path

    @classmethod
    def of(cls, prefix: Path) -> Image:
        prefix = Path(prefix).absolute()
        found = sorted(prefix.glob("lib/python3.*/site-packages"))
        if len(found) != 1:
            raise ImageError(f"{prefix} has no single lib/python3.*/site-packages; give the "
                             "prefix of a Python environment with JupyterLab.")
        site = found[0]
        version = site.parent.name.removeprefix("python")
        home = _venv_home(prefix)
        interpreter = (home or prefix / "bin") / f"python{version}"
        if not interpreter.exists():
            interpreter = interpreter.with_name("python3")
        if not interpreter.exists():
            raise ImageError(f"No Python interpreter for {prefix} at {interpreter}.")
        return cls(prefix, interpreter, version, site)


def _venv_home(prefix: Path) -> Path | None:
    cfg = prefix / "pyvenv.cfg"
    if not cfg.is_file():
        return None
    for line in cfg.read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "home":
            return Path(value.strip())
    return None


def product_files(image: Image) -> tuple[set[str], set[Path]]:
    """What belongs to jupyter_dsws: top-level names in site-packages, and prefix paths.

    From the dist-info's RECORD (a wheel's or an editable install's: its ``.pth`` and
    finder modules), plus the files the package's data lands in, whatever installed it.
    """
    names: set[str] = set()
    paths = set(PRODUCT_DATA)
    for info in image.site_packages.glob(f"{PRODUCT}-*.dist-info"):
        names.add(info.name)
        record = info / "RECORD"
        lines = record.read_text().splitlines() if record.is_file() else []
        for line in lines:
            entry = line.rsplit(",", 2)[0]
            if not entry:
                continue
            where = Path(os.path.normpath(image.site_packages / entry))
            if where.is_relative_to(image.site_packages):
                names.add(where.relative_to(image.site_packages).parts[0])
            elif where.is_relative_to(image.prefix):
                paths.add(where.relative_to(image.prefix))
    names.add(PRODUCT)
    return names, paths


def make_prefix(image: Image, prefix: Path, *, with_product: bool = False) -> Path:
    """Replace ``prefix`` with a fresh one made from ``image`` minus jupyter_dsws (with it,
    when ``with_product``: a domain without our lifecycle configuration, whose image is
    taken to have the product baked in)."""
    prefix = Path(prefix).absolute()
    if prefix.is_relative_to(image.prefix):
        raise ImageError(f"The prefix {prefix} must be outside the image {image.prefix}.")
    shutil.rmtree(prefix, ignore_errors=True)
    skip_names, skip_paths = product_files(image)
    if with_product:
        skip_names, skip_paths = set(), {Path("bin/dsws")}
    site = prefix / "lib" / f"python{image.version}" / "site-packages"
    site.mkdir(parents=True)
    if not (prefix / "lib64").exists():
        (prefix / "lib64").symlink_to("lib")
    (prefix / "pyvenv.cfg").write_text(
        f"home = {image.interpreter.parent}\ninclude-system-site-packages = false\n"
        f"version = {image.version}\n")
    for entry in os.scandir(image.site_packages):
        if entry.name not in skip_names:
            (site / entry.name).symlink_to(entry.path)
    _pin_image_packages(image, prefix, skip_names)
    _make_bin(image, prefix, skip_paths)
    for top, depth in _REAL_DEPTH.items():
        if (image.prefix / top).is_dir():
            _mirror(image.prefix, prefix, top, depth, skip_paths)
    return prefix


_DIST_INFO = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)\.dist-info$")


def _pin_image_packages(image: Image, prefix: Path, skip_names: set[str]) -> None:
    """pip in the prefix may add packages, never replace the image's (see the docstring)."""
    pins = sorted(f"{m['name']}=={m['version']}" for entry in os.scandir(image.site_packages)
                  if entry.name not in skip_names and (m := _DIST_INFO.match(entry.name)))
    constraints = prefix / "image-packages.txt"
    constraints.write_text(
        "# The image's packages, shared with this space through symlinks: pip must not\n"
        "# replace them (it would write into the image). Made by jupyter_dsws's demo.\n"
        + "".join(f"{pin}\n" for pin in pins))
    # sys.prefix/pip.conf: pip's "site" configuration, over the global and user ones.
    (prefix / "pip.conf").write_text(f"[install]\nconstraint = {constraints}\n")


def _make_bin(image: Image, prefix: Path, skip: Iterable[Path]) -> None:
    bin_dir = prefix / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.symlink_to(image.interpreter)
    for alias in ("python3", f"python{image.version}"):
        (bin_dir / alias).symlink_to("python")
    skipped = {p.name for p in skip if p.parent == Path("bin")}
    # A console script names the image's python in its shebang (pip writes a /bin/sh
    # trampoline with an exec line instead when the path is long): point both at ours.
    image_python = re.compile(re.escape(str(image.prefix / "bin")).encode()
                              + rb"/python[0-9.]*")
    for entry in os.scandir(image.prefix / "bin"):
        if entry.name in skipped or _PYTHON_NAMES.match(entry.name):
            continue
        target = bin_dir / entry.name
        head = _script_head(entry)
        if head is None or not image_python.search(head):
            target.symlink_to(entry.path)
            continue
        body = Path(entry.path).read_bytes()
        cut = body.find(b"\n", body.find(b"\n") + 1) + 1 or len(body)  # the first two lines
        target.write_bytes(image_python.sub(str(python).encode(), body[:cut]) + body[cut:])
        target.chmod(0o755)


def _script_head(entry: os.DirEntry[str]) -> bytes | None:
    """The first bytes of a script with a shebang, None for binaries and folders."""
    if not entry.is_file():
        return None
    with open(entry.path, "rb") as script:
        head = script.read(512)
    return head if head.startswith(b"#!") else None


def _mirror(source_prefix: Path, prefix: Path, folder: Path, depth: int,
            skip: set[Path]) -> None:
    """Real folders ``depth`` levels under ``folder`` (and down to any skipped path),
    symlinks below; the ``skip`` paths left out."""
    (prefix / folder).mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source_prefix / folder):
        relative = folder / entry.name
        if relative in skip:
            continue
        holds_skipped = any(p.is_relative_to(relative) for p in skip)
        if entry.is_dir() and (depth > 0 or holds_skipped):
            _mirror(source_prefix, prefix, relative, depth - 1, skip)
        else:
            (prefix / relative).symlink_to(entry.path)
