"""The S3 side of the registry: metrics statistics files (cached) and approval histories.

Metrics files are cached in memory by S3 URI and revalidated with their ETag (GetObject
with If-None-Match: a 304 carries no body), so a panel that is open never downloads what
it has. A missing, unreadable or malformed file becomes a sentence in ``metrics_error``,
never an error response. No tornado here.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from typing import Any

from ..aws import AwsAccess, NotModified, PreconditionFailed
from ..errors import Conflict, DSWSError, NotFound
from .metrics import FlatMetrics, MalformedStatistics, merge, parse, split_s3_uri

MAX_FILE_BYTES = 1024 * 1024


def _parsed(uri: str, body: bytes) -> FlatMetrics | str:
    """A statistics file's flat metrics, or why it has none (shown as metrics_error)."""
    if len(body) > MAX_FILE_BYTES:
        return f"Metrics file {uri} is larger than 1 MiB: not a statistics file."
    try:
        return parse(body)
    except MalformedStatistics as exc:
        return f"Metrics file {uri} is not SageMaker statistics JSON: {exc}."


class RegistryStore:
    def __init__(self, aws: AwsAccess, *, cache_size: int, limit: asyncio.Semaphore) -> None:
        self.aws = aws
        self.cache_size = cache_size
        self.limit = limit
        # uri -> (etag, metrics or the reason the file is unusable)
        self._cache: OrderedDict[str, tuple[str, FlatMetrics | str]] = OrderedDict()
        self.downloads = 0  # bodies actually transferred, for tests and the benchmark

    async def metrics(self, uris: list[str]) -> tuple[FlatMetrics, str | None]:
        """All statistics files of one version, merged; and why any is unusable, or None."""
        if not uris:
            return FlatMetrics(), None
        results = await asyncio.gather(*(self._one(uri) for uri in uris))
        parts = [r for r in results if isinstance(r, FlatMetrics)]
        errors = [r for r in results if isinstance(r, str)]
        return merge(parts), " ".join(errors) or None

    async def _one(self, uri: str) -> FlatMetrics | str:
        try:
            bucket, key = split_s3_uri(uri)
        except ValueError as exc:
            return f"Metrics file: {exc}."
        cached = self._cache.get(uri)

        def fetch(s3: Any) -> tuple[str, FlatMetrics | str]:
            params: dict[str, Any] = {"Bucket": bucket, "Key": key}
            if cached:
                params["IfNoneMatch"] = cached[0]
            answer = s3.get_object(**params)
            with answer["Body"] as body:
                data = body.read(MAX_FILE_BYTES + 1)
            # Parsed here, in the worker thread: a file of up to 1 MiB would hold the loop.
            return answer.get("ETag", ""), _parsed(uri, data)

        try:
            async with self.limit:
                result = await self.aws.run("s3", "get_object", fetch, missing_ok=True)
        except NotModified:
            if cached:
                self._cache.move_to_end(uri)
                return cached[1]
            return f"Metrics file {uri} could not be read: S3 answered 304 to a plain read."
        except NotFound:
            self._cache.pop(uri, None)
            return f"Metrics file {uri} does not exist."
        except DSWSError as exc:
            return f"Metrics file {uri} could not be read: {exc.message}"
        etag, value = result
        self.downloads += 1
        self._remember(uri, etag, value)
        return value

    def _remember(self, uri: str, etag: str, value: FlatMetrics | str) -> None:
        if self.cache_size <= 0 or not etag:
            return
        self._cache[uri] = (etag, value)
        self._cache.move_to_end(uri)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    # Approval history -------------------------------------------------------------------

    async def history(self, uri: str) -> tuple[list[dict[str, Any]], str | None]:
        """The entries (oldest first) and the document's ETag; ([], None) when there is none."""
        bucket, key = split_s3_uri(uri)

        def fetch(s3: Any) -> tuple[str, bytes]:
            answer = s3.get_object(Bucket=bucket, Key=key)
            with answer["Body"] as body:
                return answer.get("ETag", ""), body.read(MAX_FILE_BYTES + 1)

        try:
            async with self.limit:
                etag, body = await self.aws.run("s3", "get_object", fetch, missing_ok=True)
        except NotFound:
            return [], None
        try:
            document = json.loads(body)
            entries = document["entries"] if isinstance(document, dict) else document
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise ValueError("no list of entries")
        except (ValueError, KeyError, TypeError):
            raise Conflict(f"The approval history {uri} is not a list of entries; fix or remove "
                           "it, then try again.", code="history_malformed") from None
        return entries, etag

    async def append_history(self, uri: str, entry: dict[str, Any]) -> list[dict[str, Any]]:
        """Add ``entry`` with a read-modify-write that loses no concurrent entry.

        The put is conditional (If-Match on the ETag read, If-None-Match: * for a new
        document); when someone else wrote in between, read again and retry.
        """
        bucket, key = split_s3_uri(uri)
        for _ in range(5):
            entries, etag = await self.history(uri)
            entries = [*entries, entry]
            body = json.dumps({"entries": entries}, indent=1).encode()
            condition = {"IfMatch": etag} if etag else {"IfNoneMatch": "*"}
            try:
                async with self.limit:
                    await self.aws.call("s3", "put_object", Bucket=bucket, Key=key, Body=body,
                                        ContentType="application/json", **condition)
            except PreconditionFailed:
                continue  # someone else wrote in between: read again
            return entries
        raise Conflict(f"The approval history {uri} keeps changing under us; try again.",
                       code="history_busy")
