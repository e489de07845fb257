"""``dsws lifecycle build``: the wheelhouse, its manifest and the script that installs it.

Output (default ``./build/lifecycle``)::

    wheelhouse/<our wheel> [+ wheels the image lacks]
    wheelhouse/SHA256SUMS        sha256sum format: the script checks it with sha256sum -c
    jupyterlab-on-start.sh       the script to attach, S3 location and settings baked in
    lifecycle.json               what was built, for ``publish`` to check its target

The script also carries the manifest's own SHA-256, so a wheelhouse changed in S3 after the
build (a tampered wheel with a manifest to match) is refused, not installed.

What the SageMaker Distribution 4.x image lacks: nothing. Our dependencies are
``jupyter_server>=2.10,<3`` (SMD 4.4.1 ships 2.20 with jupyterlab 4.5.10), ``boto3>=1.34``
(SMD pins boto3 >=1.43.46,<1.44) and ``pydantic>=2.4,<3`` (not pinned by SMD itself but
required by its langchain 0.3, mcp 1.28 and fastapi 0.141, all pydantic 2); the rest of
what we import (tornado, traitlets, jupyter_events) comes with jupyter_server. Read from
aws/sagemaker-distribution ``build_artifacts/v4/v4.4/v4.4.1/cpu.env.in``. So the default
wheelhouse is our wheel alone; ``--extra-wheel`` adds one for an image that lacks something,
installed only where that distribution is missing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import __version__
from .settings import Settings

SCRIPT_NAME = "jupyterlab-on-start.sh"
MANIFEST_NAME = "SHA256SUMS"
# CreateStudioLifecycleConfig: the base64 content is at most 16,384 characters.
MAX_BASE64_CHARS = 16384

_WHEEL_NAME = re.compile(r"^(?P<dist>[A-Za-z0-9_.]+)-(?P<version>[^-]+)(-\d[^-]*)?-[^-]+-[^-]+-"
                         r"[^-]+\.whl$")
_S3_URI = re.compile(r"^s3://(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(?P<prefix>.*))?$")
_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


class BuildError(Exception):
    """Something the admin can fix; the message says how."""


@dataclass(frozen=True)
class S3Location:
    bucket: str
    prefix: str  # no leading or trailing slash; may be empty

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"

    def key(self, name: str) -> str:
        return f"{self.prefix}/{name}" if self.prefix else name


def parse_s3_uri(uri: str) -> S3Location:
    match = _S3_URI.match(uri.strip())
    if not match:
        raise BuildError(f"--s3-uri {uri!r} is not an S3 location such as s3://bucket/prefix.")
    prefix = (match.group("prefix") or "").strip("/")
    if not re.fullmatch(r"[A-Za-z0-9!_.*'()/-]*", prefix) or "//" in prefix:
        raise BuildError(f"--s3-uri {uri!r}: keep the prefix to letters, digits and -_.!*'()/ "
                         "so the script can quote it safely.")
    return S3Location(match.group("bucket"), prefix)


def wheel_version(path: Path, dist: str = "jupyter_dsws") -> str:
    match = _WHEEL_NAME.match(path.name)
    if not match or match.group("dist").lower().replace(".", "_") != dist:
        raise BuildError(f"{path.name} is not a {dist} wheel (expected "
                         f"{dist}-<version>-py3-none-any.whl).")
    return match.group("version")


def script_template() -> str:
    """The template shipped in the wheel, or the checkout's when running from source."""
    shipped = resources.files("jupyter_dsws.lifecycle") / SCRIPT_NAME
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    source = _CHECKOUT_ROOT / "lifecycle" / SCRIPT_NAME
    if source.is_file():
        return source.read_text(encoding="utf-8")
    raise BuildError(f"The script template {SCRIPT_NAME} is missing from this installation.")


def render_script(template: str, *, s3: S3Location, version: str, manifest_sha256: str,
                  settings: Settings) -> str:
    values = {
        "S3_URI": s3.uri,
        "VERSION": version,
        "MANIFEST_SHA256": manifest_sha256,
        "SETTINGS_JSON": settings.server_config_json(),
        "REGION": settings.region or "",
        "STRICT": "1" if settings.strict else "0",
    }
    script = template
    for key, value in values.items():
        script = script.replace(f"@@{key}@@", shlex.quote(value))
    script = script.replace("@@BUDGET@@", str(int(settings.budget_seconds)))
    left = re.findall(r"@@[A-Z0-9_]+@@", script)
    if left:  # pragma: no cover - template and renderer out of step
        raise BuildError(f"The script template has unknown placeholders: {', '.join(left)}")
    return script


def check_size(script: str | bytes) -> int:
    """The base64 length, or a BuildError when CreateStudioLifecycleConfig would refuse it."""
    data = script.encode() if isinstance(script, str) else script
    size = len(base64.b64encode(data))
    if size > MAX_BASE64_CHARS:
        raise BuildError(
            f"The script is {len(data)} bytes, {size} characters in base64; a Studio lifecycle "
            f"configuration allows {MAX_BASE64_CHARS}. Shorten the script.")
    return size


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(wheelhouse: Path) -> Path:
    lines = [f"{sha256_file(p)}  {p.name}\n" for p in sorted(wheelhouse.glob("*.whl"))]
    manifest = wheelhouse / MANIFEST_NAME
    manifest.write_text("".join(lines), encoding="utf-8")
    return manifest


def find_wheel(given: Path | None, workdir: Path) -> Path:
    """``--wheel``, else built from this source checkout, else fetched from the index."""
    if given is not None:
        if not given.is_file():
            raise BuildError(f"--wheel {given}: no such file.")
        wheel_version(given)
        return given
    if (_CHECKOUT_ROOT / "pyproject.toml").is_file() and (_CHECKOUT_ROOT / "lifecycle").is_dir():
        print(f"Building jupyter_dsws from the source checkout {_CHECKOUT_ROOT} …", flush=True)
        # A development checkout has the build tools already; elsewhere let build fetch them.
        isolation = ["--no-isolation"] if _has("hatchling") else []
        result = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(workdir),
             str(_CHECKOUT_ROOT)], capture_output=True, text=True, check=False)
        wheels = sorted(workdir.glob("jupyter_dsws-*.whl"))
        if result.returncode == 0 and wheels:
            return wheels[-1]
        raise BuildError("Building the wheel from the checkout failed (`make wheel` shows why); "
                         f"or pass --wheel PATH.\n{result.stderr[-2000:]}")
    print(f"Downloading jupyter_dsws {__version__} from the package index …", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
         "--dest", str(workdir), f"jupyter_dsws=={__version__}"],
        capture_output=True, text=True, check=False)
    wheels = sorted(workdir.glob("jupyter_dsws-*.whl"))
    if result.returncode == 0 and wheels:
        return wheels[-1]
    raise BuildError(f"Could not find a jupyter_dsws {__version__} wheel: not in a source "
                     "checkout and the package index did not have it. Pass --wheel PATH "
                     "(e.g. dist/jupyter_dsws-*.whl from `make wheel`).")


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


@dataclass(frozen=True)
class BuildResult:
    out: Path
    script: Path
    manifest: Path
    version: str
    base64_chars: int


def build(*, s3_uri: str, out: Path, settings: Settings, wheel: Path | None = None,
          extra_wheels: tuple[Path, ...] = ()) -> BuildResult:
    s3 = parse_s3_uri(s3_uri)
    for extra in extra_wheels:
        if not extra.is_file() or not extra.name.endswith(".whl"):
            raise BuildError(f"--extra-wheel {extra}: not a wheel file.")
    with tempfile.TemporaryDirectory(prefix="dsws-lcc-build-") as tmp:
        ours = find_wheel(wheel, Path(tmp))
        version = wheel_version(ours)
        wheelhouse = out / "wheelhouse"
        if wheelhouse.exists():
            shutil.rmtree(wheelhouse)
        wheelhouse.mkdir(parents=True)
        for path in (ours, *extra_wheels):
            shutil.copy2(path, wheelhouse / path.name)
    manifest = write_manifest(wheelhouse)
    script = render_script(script_template(), s3=s3, version=version,
                           manifest_sha256=sha256_file(manifest), settings=settings)
    size = check_size(script)
    script_path = out / SCRIPT_NAME
    script_path.write_text(script, encoding="utf-8")
    script_path.chmod(0o755)
    (out / "lifecycle.json").write_text(json.dumps({
        "s3_uri": s3.uri, "version": version, "manifest_sha256": sha256_file(manifest),
        "settings": settings.server_config(), "strict": settings.strict,
    }, indent=2) + "\n", encoding="utf-8")
    return BuildResult(out=out, script=script_path, manifest=manifest, version=version,
                       base64_chars=size)


def script_version(script: str) -> str | None:
    """The jupyter_dsws version a rendered script installs."""
    match = re.search(r"^VERSION=(\S+)$", script, re.M)
    if not match:
        return None
    parts = shlex.split(match.group(1))
    return parts[0] if parts else None
