"""The Instances panel's server side: catalog, recommendations, inventory, switch."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..features import Feature, FeatureContext, Route, with_service
from ..idle.config import IdleShutdown
from .allowlist import allow_list_problem
from .catalog import load_bundled
from .config import InstancePicker
from .handlers import catalog_handlers, switch_handlers

if TYPE_CHECKING:
    from ..idle.feature import IdleFeature
    from .pricing import PriceRefresher
    from .service import InstancesService
    from .switch import AppStopRequester, SwitchService


class InstancesFeature(Feature):
    name = "instances"
    settings = InstancePicker
    config: InstancePicker
    # The idle panel's timeout prices a recommendation; its monitor stops the app to switch.
    uses = ("idle",)

    def __init__(self, context: FeatureContext, *, idle: IdleFeature | None = None) -> None:
        super().__init__(context)
        self.idle = idle
        # Without the idle panel its settings still say what idle shutdown would do.
        self._idle_defaults = IdleShutdown(parent=context.config)
        # Read once here: prices applied later (from the event loop) start from this copy.
        self._bundled = load_bundled()
        self.refresher: PriceRefresher | None = None
        problem = allow_list_problem(self._bundled, self.config.allowed_instance_types)
        if problem:
            context.log.warning("jupyter_dsws: %s", problem)

    # Built at the first request: their models and logic are no part of the server's start.
    @cached_property
    def service(self) -> InstancesService:
        from .service import InstancesService

        return InstancesService(
            self._bundled, region=self.context.aws.region,
            allowed=list(self.config.allowed_instance_types),
            idle_timeout_minutes=self.idle_timeout_minutes,
            working_days_per_month=self.config.working_days_per_month,
        )

    @cached_property
    def switcher(self) -> SwitchService:
        from .switch import SwitchService

        context = self.context
        return SwitchService(
            context.aws, context.studio, catalog=lambda: self.service.catalog,
            allowed=self.service.is_allowed, stopper=self.app_stopper,
            quota_check=self.config.quota_check, logger=context.log,
            people=self.idle.service.people_here if self.idle is not None else None,
        )

    def idle_timeout_minutes(self) -> float:
        if self.idle is not None:
            return float(self.idle.monitor.store.timeout_minutes())
        return float(self._idle_defaults.timeout_minutes)

    def app_stopper(self) -> AppStopRequester | None:
        """The idle monitor, whose stop saves every open document first; None without it
        (then a switch stops nothing: the person stops the space after saving)."""
        return self.idle.monitor if self.idle is not None else None

    def apply_prices(self, read: dict[str, dict[str, float]], as_of: str) -> None:
        self.service.catalog = self._bundled.with_prices(read, as_of)

    def handlers(self) -> list[Route]:
        return (with_service(catalog_handlers, lambda: self.service)
                + with_service(switch_handlers, lambda: self.switcher))

    async def start(self) -> None:
        c = self.config
        if not c.pricing_refresh or self.refresher is not None:
            return
        from .pricing import PriceRefresher

        self.refresher = PriceRefresher(
            self.context.aws, self._bundled.regions, on_prices=self.apply_prices,
            interval_seconds=c.pricing_refresh_interval_hours * 3600, logger=self.context.log,
            cache_path=self.context.state_dir / "instance-prices.json",
            api_region=c.pricing_region, timeout_seconds=c.pricing_timeout_seconds,
            first_delay_seconds=c.pricing_first_refresh_delay_seconds,
        )
        self.refresher.start()

    async def stop(self) -> None:
        if self.refresher is not None:
            await self.refresher.stop()
            self.refresher = None
