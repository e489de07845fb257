"""What `dsws infra verify` reports: one finding per requirement and resource, as text or
JSON, and why a check could not read the account."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..aws import failure_of
from ..aws.codes import DENIED


@dataclass(frozen=True)
class Finding:
    requirement: str
    resource: str
    passed: bool
    evidence: str
    #: What to run or change to make a failed finding pass ("" when passed or obvious).
    fix: str = ""


def unreadable(error: Exception, prefix: str) -> str:
    """Why a check could not read the account, naming the permission to grant."""
    failure = failure_of(error)
    if failure is not None and failure.code:
        if failure.kind == DENIED:
            return (f"{failure.operation} was refused; allow {prefix}:"
                    f"{failure.operation} for the role that runs the audit")
        return (f"{failure.operation} failed ({failure.code}): "
                f"{failure.message or failure.code}")
    return f"the {prefix} endpoint could not be read: {error}"


def render(findings: list[Finding], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"passed": all(f.passed for f in findings),
                           "findings": [asdict(f) for f in findings]}, indent=2)
    width = max((len(f.requirement) for f in findings), default=10)
    lines = []
    for f in findings:
        lines.append(f"{'PASS' if f.passed else 'FAIL'}  {f.requirement:<{width}}  "
                     f"{f.resource}: {f.evidence}")
        if f.fix and not f.passed:
            lines.append(f"      {'':<{width}}  fix: {f.fix}")
    failed = sum(not f.passed for f in findings)
    lines.append(f"{len(findings) - failed} passed, {failed} failed.")
    return "\n".join(lines)
