"""The approval history's read-modify-write against moto's S3: a concurrent writer's entry
is never lost (conditional puts: If-Match on the ETag, If-None-Match for a new file)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.registry.store import RegistryStore

REGION = "eu-central-1"


class RacingStore(RegistryStore):
    """Another reviewer writes right after each of our first ``races`` reads."""

    def __init__(self, *args: Any, other: Callable[[], None], races: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.other, self.races, self.reads = other, races, 0

    async def history(self, uri: str) -> tuple[list[dict[str, Any]], str | None]:
        answer = await super().history(uri)
        self.reads += 1
        if self.reads <= self.races:
            self.other()
        return answer


async def test_a_concurrent_entry_survives(emulator: Any, aws: Callable[[str], Any],
                                           bucket: str, world: Any) -> None:
    s3 = aws("s3")
    key = "racing/v1/approval-history.json"
    uri = f"s3://{bucket}/{key}"
    others = iter(["ron", "harry"])

    def other_reviewer() -> None:
        # Writes the whole document as another server would after its own read.
        try:
            current = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        except s3.exceptions.NoSuchKey:
            current = {"entries": []}
        current["entries"].append({"at": "2026-11-25T10:00:00Z", "by": next(others),
                                   "from": None, "to": "Rejected", "comment": ""})
        s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(current).encode())

    access = AwsAccess(region=REGION, endpoint_url=emulator.endpoint_url)
    store = RacingStore(access, cache_size=10, limit=asyncio.Semaphore(4),
                        other=other_reviewer, races=2)
    mine = {"at": "2026-11-25T10:00:01Z", "by": "hermione", "from": "Rejected",
            "to": "Approved", "comment": "ok"}
    entries = await store.append_history(uri, mine)
    access.close()

    stored = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())["entries"]
    assert [e["by"] for e in stored] == ["ron", "harry", "hermione"]
    assert entries == stored
    assert store.reads == 3  # two lost races (412 Precondition Failed), then the write
