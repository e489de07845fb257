"""``dsws lifecycle publish``: the built wheelhouse and its manifest to S3.

The wheels go first and the manifest last, so a space that starts meanwhile never finds a
manifest naming a wheel that is not there yet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .awsapi import Calls, LifecycleError
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
    built = out / "lifecycle.json"
    if built.is_file():
        built_for = json.loads(built.read_text(encoding="utf-8")).get("s3_uri")
        if built_for and built_for != location.uri:
            raise LifecycleError(f"The script in {out} was built for {built_for}, and looks "
                                 f"for its wheelhouse there: publish to that location, or "
                                 f"rebuild with --s3-uri {location.uri}.")
    names = [line.split()[-1].lstrip("*")
             for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    keys = []
    for name in [*names, MANIFEST_NAME]:
        path = wheelhouse / name
        if not path.is_file():
            raise LifecycleError(f"{path} is named in the manifest but missing: rebuild.")
        key = location.key(name)
        calls.write(s3, "put_object", shown={"Body": f"<{path.stat().st_size} bytes of {path}>"},
                    Bucket=location.bucket, Key=key, Body=path.read_bytes())
        keys.append(f"s3://{location.bucket}/{key}")
    return keys
