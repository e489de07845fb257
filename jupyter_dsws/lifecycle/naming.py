"""Which Studio lifecycle configurations are ours, and what each is called.

One rule, shared by ``dsws lifecycle attach`` and the infrastructure stack, so that each
tool recognises what the other created: the name carries our version and the first 8 hex
digits of the script's SHA-256 (the same script twice is one LCC; LCCs are immutable, so a
changed script is a new one), and the ``dsws:managed=true`` tag marks it as ours.
"""

from __future__ import annotations

import hashlib
import re

MANAGED_TAG_KEY = "dsws:managed"
MANAGED_TAG_VALUE = "true"
MANAGED_TAG = {"Key": MANAGED_TAG_KEY, "Value": MANAGED_TAG_VALUE}
# Optional, informative: the jupyter_dsws version the script installs (`dsws lifecycle list`
# shows it; the name only carries it with its dots turned into dashes).
VERSION_TAG_KEY = "dsws:version"

# CreateStudioLifecycleConfig: StudioLifecycleConfigName, at most 63 characters.
_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")


def lcc_name(script: bytes | str, version: str) -> str:
    """``dsws-<version>-<first 8 hex of sha256(script)>``, e.g. ``dsws-0-1-0-3f2a9c1e``.

    The version's dots and other characters outside the name pattern become ``-``.
    """
    data = script.encode() if isinstance(script, str) else script
    digest = hashlib.sha256(data).hexdigest()[:8]
    safe_version = re.sub(r"[^a-zA-Z0-9]+", "-", version).strip("-") or "0"
    name = f"dsws-{safe_version}-{digest}"
    if not _NAME_PATTERN.match(name):  # pragma: no cover - only with a pathological version
        raise ValueError(f"cannot build a valid lifecycle configuration name from {version!r}")
    return name


def is_ours(tags: list[dict[str, str]]) -> bool:
    """Whether a lifecycle configuration's tags (AWS's Key/Value list) mark it as ours."""
    return any(t.get("Key") == MANAGED_TAG_KEY and t.get("Value") == MANAGED_TAG_VALUE
               for t in tags)
