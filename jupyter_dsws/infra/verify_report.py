"""What `dsws infra verify` reports: one finding per requirement and resource, as text or
JSON; how the checks read the account (every page), and why one could not."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from .. import aws
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


#: How a check records a finding: ``Audit._add(requirement, resource, problems, ok, fix="")``.
Add = Callable[..., None]

# Every page, however many: an account this audit reads is finite, a token loop is not.
_MAX_PAGES = 1000


def every_page(client: Any, method: str, key: str, **params: Any) -> Iterator[Any]:
    """Each item of ``key`` in every page of a List/Describe call."""
    # boto3's paginators know each API's way of paging (NextToken; IAM's Marker).
    return aws.items(client, method, key, max_pages=_MAX_PAGES, **params)


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
