"""Prices from the AWS Price List API, refreshed in the background, never on a request's path.

From a VPC-only domain the Price List API (endpoints in us-east-1 and ap-south-1 only) is
usually unreachable: then the bundled catalog stays in force and the log says so once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..aws import AwsAccess
from ..background import BackgroundTask
from ..errors import DSWSError

log = logging.getLogger(__name__)

SERVICE_CODE = "AmazonSageMaker"
#: The Price List's name for a Studio JupyterLab space's instance-hours.
STUDIO_JUPYTERLAB = "Studio-JupyterLab"
PAGE_SIZE = 100
MAX_PAGES = 20


def product_filters(region: str) -> list[dict[str, str]]:
    return [
        {"Type": "TERM_MATCH", "Field": "regionCode", "Value": region},
        {"Type": "TERM_MATCH", "Field": "platoinstancetype", "Value": STUDIO_JUPYTERLAB},
    ]


def parse_price_list(price_list: Iterable[str]) -> dict[str, float]:
    """Instance type -> on-demand USD per hour, from GetProducts' ``PriceList`` documents.

    A $0 dimension is a free-tier or placeholder row, not a rate; an unreadable document is
    skipped, so one odd product never hides the others.
    """
    rates: dict[str, float] = {}
    for raw in price_list:
        try:
            doc = json.loads(raw) if isinstance(raw, str) else raw
            attributes = doc["product"]["attributes"]
            name = attributes.get("instanceName") or attributes.get("instanceType")
            if not name or not str(name).startswith("ml."):
                continue
            for term in (doc.get("terms", {}).get("OnDemand") or {}).values():
                for dimension in (term.get("priceDimensions") or {}).values():
                    if dimension.get("unit", "Hrs") not in ("Hrs", "Hours", "hour"):
                        continue
                    price = float((dimension.get("pricePerUnit") or {}).get("USD") or 0)
                    if price > 0:
                        rates[str(name)] = price
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return rates


def load_cache(path: Path) -> dict[str, Any]:
    """The last refresh kept across restarts: ``{"attempted": iso, "as_of", "prices"}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_cache(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".dsws-prices-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PriceRefresher:
    """Reads the Price List for each catalog region, at most once per interval."""

    def __init__(self, aws: AwsAccess, regions: list[str], *,
                 on_prices: Callable[[dict[str, dict[str, float]], str], None],
                 interval_seconds: float, logger: logging.Logger = log,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 cache_path: Path | None = None, api_region: str = "us-east-1",
                 timeout_seconds: float = 5.0, first_delay_seconds: float = 0.0) -> None:
        self.aws = aws
        self.regions = regions
        # The Price List API's own endpoint region, and this background work's own budget
        # per call (no person waits for it).
        self.api_region = api_region
        self.timeout_seconds = timeout_seconds
        # Not at the server's start: building the client costs ~0.3 s of CPU.
        self.first_delay_seconds = first_delay_seconds
        self.on_prices = on_prices
        self.interval_seconds = interval_seconds
        self.log = logger
        self.clock = clock
        self.last_attempt: datetime | None = None
        self._warned = False
        self._task = BackgroundTask("dsws-instances-prices", self.run)
        # Across restarts too: an app restarted within the interval does not ask again.
        self.cache_path = cache_path

    async def fetch(self, region: str) -> dict[str, float]:
        rates: dict[str, float] = {}
        async for page in self.aws.pages(
                "pricing", "get_products", max_pages=MAX_PAGES, region=self.api_region,
                budget=self.timeout_seconds, ServiceCode=SERVICE_CODE,
                Filters=product_filters(region), FormatVersion="aws_v1", MaxResults=PAGE_SIZE):
            rates.update(parse_price_list(page.get("PriceList") or []))
        return rates

    async def refresh_once(self) -> bool:
        """True when prices were read and applied; the bundled ones stay otherwise."""
        self.last_attempt = self.clock()
        read: dict[str, dict[str, float]] = {}
        try:
            for region in self.regions:
                rates = await self.fetch(region)
                if rates:
                    read[region] = rates
        except DSWSError as exc:
            self._note_failure(exc.message)
            await self._remember(None)
            return False
        if not read:
            self._note_failure("the Price List API returned no Studio JupyterLab prices")
            await self._remember(None)
            return False
        as_of = self.last_attempt.date().isoformat()
        self.on_prices(read, as_of)
        self.log.info("dsws instances: prices read from the AWS Price List API for %s",
                      ", ".join(sorted(read)))
        self._warned = False
        await self._remember({"as_of": as_of, "prices": read})
        return True

    async def _remember(self, result: dict[str, Any] | None) -> None:
        if self.cache_path is None:
            return
        previous = await asyncio.to_thread(load_cache, self.cache_path)
        data = {"attempted": self.last_attempt.isoformat() if self.last_attempt else None,
                "as_of": previous.get("as_of"), "prices": previous.get("prices")}
        if result is not None:
            data.update(result)
        try:
            await asyncio.to_thread(save_cache, self.cache_path, data)
        except OSError as exc:
            self.log.info("dsws instances: cannot keep the prices in %s: %s", self.cache_path, exc)

    async def restore(self) -> float:
        """Apply the prices kept by an earlier run; the seconds to wait before asking again."""
        if self.cache_path is None:
            return 0.0
        data = await asyncio.to_thread(load_cache, self.cache_path)
        prices, as_of = data.get("prices"), data.get("as_of")
        if isinstance(prices, dict) and prices and isinstance(as_of, str):
            self.on_prices(prices, as_of)
        try:
            attempted = datetime.fromisoformat(str(data.get("attempted")))
        except ValueError:
            return 0.0
        if attempted.tzinfo is None:
            return 0.0
        elapsed = (self.clock() - attempted).total_seconds()
        return max(0.0, min(self.interval_seconds, self.interval_seconds - elapsed))

    def _note_failure(self, why: str) -> None:
        # Once, not every day: in a VPC-only domain this is the normal state.
        level = logging.DEBUG if self._warned else logging.WARNING
        self.log.log(level, "dsws instances: keeping the prices shipped in the package (%s).", why)
        self._warned = True

    async def run(self) -> None:
        try:
            delay = await self.restore()
        except Exception:  # a damaged cache must not stop the refresh
            self.log.exception("dsws instances: cannot read the kept prices")
            delay = 0.0
        delay = max(delay, self.first_delay_seconds)
        if delay:
            await asyncio.sleep(delay)
        while True:
            try:
                await self.refresh_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # the refresh must never take the server down
                self.log.exception("dsws instances: the price refresh failed")
            await asyncio.sleep(self.interval_seconds)

    def start(self) -> None:
        self._task.start()

    async def stop(self) -> None:
        await self._task.stop()
