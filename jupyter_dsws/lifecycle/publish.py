"""``dsws lifecycle publish``: the built wheelhouse and its manifest to S3.

The wheels go first and the manifest last, so a space that starts meanwhile never finds a
manifest naming a wheel that is not there yet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .awsapi import Calls, LifecycleError, LocalFileError
from .build import MANIFEST_NAME, BuildError, parse_s3_uri


def publish(calls: Calls, s3: Any, *, s3_uri: str, out: Path) -> list[str]:
    try:
        location = parse_s3_uri(s3_uri)
    except BuildError as exc:
        raise LifecycleError(str(exc)) from None
    wheelhouse = out / "wheelhouse"
    manifest = wheelhouse / MANIFEST_NAME
    if not manifest.is_file():
        raise LifecycleError(f"No wheelhouse in {out}: run `dsws lifecycle build --s3-uri "
                             f"{location.uri} --out {out}` first.")
    rebuild = f"run `dsws lifecycle build --s3-uri {location.uri} --out {out}` again"
    built = out / "lifecycle.json"
    if built.is_file():
        built_for = _built_for(built, rebuild)
        if built_for and built_for != location.uri:
            raise LifecycleError(f"The script in {out} was built for {built_for}, and looks "
                                 f"for its wheelhouse there: publish to that location, or "
                                 f"rebuild with --s3-uri {location.uri}.")
    try:
        listing = _read(manifest, rebuild).decode("utf-8")
    except UnicodeDecodeError:
        raise LocalFileError(f"{manifest} is damaged (not text): {rebuild}.") from None
    names = [line.split()[-1].lstrip("*") for line in listing.splitlines() if line.strip()]
    keys = []
    for name in [*names, MANIFEST_NAME]:
        # A damaged manifest must not send files from outside the wheelhouse to S3.
        if "/" in name or "\\" in name or name in (".", ".."):
            raise LocalFileError(f"{manifest} is damaged (it names {name!r}): {rebuild}.")
        path = wheelhouse / name
        if not path.is_file():
            raise LifecycleError(f"{path} is named in the manifest but missing: rebuild.")
        key = location.key(name)
        body = _read(path, rebuild)
        calls.write(s3, "put_object", shown={"Body": f"<{len(body)} bytes of {path}>"},
                    Bucket=location.bucket, Key=key, Body=body)
        keys.append(f"s3://{location.bucket}/{key}")
    return keys


def _read(path: Path, rebuild: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LocalFileError(f"Cannot read {path} ({exc.strerror or exc}): {rebuild}.") from None


def _built_for(built: Path, rebuild: str) -> str:
    """The S3 location build recorded in lifecycle.json."""
    try:
        recorded = json.loads(_read(built, rebuild).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        recorded = None
    built_for = recorded.get("s3_uri") if isinstance(recorded, dict) else None
    if not isinstance(built_for, str):
        raise LocalFileError(f"{built} is damaged (not the JSON that build writes, with its "
                             f"s3_uri): {rebuild}.")
    return built_for
