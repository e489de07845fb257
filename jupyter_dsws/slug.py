"""The one slug rule: a feature's name becomes its model package group name.

The extension, the demo seed and the infrastructure stack all derive a SageMaker
ModelPackageGroupName from a feature's human name with this function, so the same
feature always lands in the same group wherever it is registered from.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 63

# SageMaker's pattern for ModelPackageGroupName.
VALID_NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``"Sorting Hat algorithm"`` -> ``"sorting-hat-algorithm"``.

    Lower case ASCII letters and digits; accents are dropped ("Café" -> "cafe") so that a
    name typed with or without them gives the same group; every run of anything else
    becomes one ``-``. At most 63 characters, cut at the last word boundary that fits
    (a single word longer than that is cut hard). Raises ``ValueError`` when nothing
    usable is left, because an empty group name cannot be registered.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _SEPARATORS.sub("-", without_marks).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = _shorten(slug)
    if not slug:
        raise ValueError(f"{text!r} has no letters or digits to name a model package group with.")
    return slug


def _shorten(slug: str) -> str:
    head = slug[:MAX_LENGTH]
    if slug[MAX_LENGTH] == "-":
        return head.rstrip("-")
    boundary = head.rfind("-")
    return head[:boundary] if boundary > 0 else head
