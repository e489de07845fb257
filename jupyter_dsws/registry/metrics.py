"""SageMaker's model quality statistics format, both ways, as plain functions.

A statistics file is ``{"<kind>_metrics": {"<name>": {"value": v, "standard_deviation": s}}}``
(kinds: regression, binary_classification, multiclass_classification...). The panel shows one
flat sheet: ``"<name>": v``; a name under two kinds becomes ``"<kind>.<name>"``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The kind register_model files flat metrics under; SageMaker's own kinds are kept as given.
CUSTOM_KIND = "custom_metrics"


class MalformedStatistics(ValueError):
    """The file is not SageMaker statistics JSON; the message says what is wrong with it."""


@dataclass
class FlatMetrics:
    values: dict[str, float] = field(default_factory=dict)
    std: dict[str, float] = field(default_factory=dict)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def flatten(statistics: Any) -> FlatMetrics:
    """The flat sheet of one statistics document; ``MalformedStatistics`` when it is none."""
    if not isinstance(statistics, dict):
        raise MalformedStatistics("the file is JSON but not an object of *_metrics sections")
    kinds = {k: v for k, v in statistics.items() if k.endswith("_metrics") and isinstance(v, dict)}
    if not kinds:
        raise MalformedStatistics("no '<kind>_metrics' section with metrics in it")
    seen: dict[str, int] = {}
    for metrics in kinds.values():
        for name in metrics:
            seen[name] = seen.get(name, 0) + 1
    flat = FlatMetrics()
    for kind, metrics in kinds.items():
        for name, entry in metrics.items():
            key = f"{kind.removesuffix('_metrics')}.{name}" if seen[name] > 1 else name
            value = _number(entry.get("value")) if isinstance(entry, dict) else _number(entry)
            if value is None:
                continue  # e.g. confusion matrices: not a number for a sheet column
            flat.values[key] = value
            std = _number(entry.get("standard_deviation")) if isinstance(entry, dict) else None
            if std is not None:
                flat.std[key] = std
    return flat


def parse(body: bytes) -> FlatMetrics:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedStatistics(f"not JSON ({exc})") from None
    return flatten(document)


def merge(parts: list[FlatMetrics]) -> FlatMetrics:
    """Several statistics files of one version (ModelQuality, ModelDataQuality...)."""
    merged = FlatMetrics()
    for part in parts:
        merged.values.update(part.values)
        merged.std.update(part.std)
    return merged


def to_statistics(metrics: Mapping[str, Any]) -> dict[str, dict[str, dict[str, float]]]:
    """``metrics`` as a statistics document: already one, or flat ``{"accuracy": 0.9}``
    (a value may also be ``{"value": v, "standard_deviation": s}`` or ``(v, s)``)."""
    if metrics and all(k.endswith("_metrics") and isinstance(v, Mapping)
                       for k, v in metrics.items()):
        return {kind: {name: _entry(name, value) for name, value in section.items()}
                for kind, section in metrics.items()}
    return {CUSTOM_KIND: {name: _entry(name, value) for name, value in metrics.items()}}


def _entry(name: str, value: Any) -> dict[str, float]:
    if isinstance(value, Mapping):
        number, std = value.get("value"), value.get("standard_deviation")
    elif isinstance(value, tuple | list) and len(value) == 2:
        number, std = value
    else:
        number, std = value, None
    if _number(number) is None:
        raise ValueError(f"metric {name!r} must be a finite number, not {number!r}")
    entry = {"value": float(number)}
    if std is not None:
        if _number(std) is None:
            raise ValueError(f"standard deviation of {name!r} must be a number, not {std!r}")
        entry["standard_deviation"] = float(std)
    return entry


def statistics_uris(model_metrics: Any) -> list[str]:
    """Every ``*.Statistics`` S3 URI of a package's ModelMetrics, ModelQuality first."""
    if not isinstance(model_metrics, dict):
        return []
    uris: list[str] = []
    ordered = sorted(model_metrics.items(), key=lambda item: item[0] != "ModelQuality")
    for _, section in ordered:
        if isinstance(section, dict):
            uri = (section.get("Statistics") or {}).get("S3Uri")
            if isinstance(uri, str) and uri.startswith("s3://") and uri not in uris:
                uris.append(uri)
    return uris


def split_s3_uri(uri: str) -> tuple[str, str]:
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    if not uri.startswith("s3://") or not bucket or not key:
        raise ValueError(f"not an s3://bucket/key URI: {uri!r}")
    return bucket, key


def folder_of(uri: str) -> str:
    return uri.rsplit("/", 1)[0]
