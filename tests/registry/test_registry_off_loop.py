"""Building a boto3 client reads botocore's service model from disk (about half a second for
SageMaker, on a server that has not built one yet): the registry does it in a worker thread,
never on the event loop that serves every other request."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.registry.config import ModelRegistry
from jupyter_dsws.registry.models import ApprovalRequest
from jupyter_dsws.registry.service import RegistryService

REGION = "eu-central-1"


class LoopWatchingAccess(AwsAccess):
    """Records each client asked for from the event loop's own thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.built_on_loop: list[str] = []

    def client(self, service: str, **kwargs: Any) -> Any:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass  # a worker thread
        else:
            self.built_on_loop.append(service)
        return super().client(service, **kwargs)


async def test_clients_are_built_off_the_event_loop(
        emulator: Any, world: Any, register: Callable[..., Any]) -> None:
    register("off-loop", 1, metrics={"auc": 0.8})
    aws = LoopWatchingAccess(region=REGION, endpoint_url=emulator.endpoint_url)
    service = RegistryService(aws, ModelRegistry(config=Config()))
    try:
        listed = await service.groups("off-loop")
        detail = await service.version("off-loop", 1)
        approved = await service.set_approval("off-loop", 1,
                                              ApprovalRequest(status="Approved", comment="ok"))
    finally:
        aws.close()
    assert [g.name for g in listed.groups] == ["off-loop"]
    assert detail.metrics == {"auc": 0.8}
    assert approved.status == "Approved" and approved.approval_history[-1].comment == "ok"
    assert aws.built_on_loop == []  # sagemaker, s3 and sts all built in the thread pool


async def test_metrics_files_are_parsed_off_the_event_loop(
        emulator: Any, world: Any, register: Callable[..., Any], monkeypatch: Any) -> None:
    # A statistics file may be up to 1 MiB of JSON: parsing it on the loop would hold every
    # other request of the server for that long.
    from jupyter_dsws.registry import store

    parsed_on_loop: list[bool] = []
    real_parse = store.parse

    def watching_parse(body: bytes) -> Any:
        try:
            asyncio.get_running_loop()
            parsed_on_loop.append(True)
        except RuntimeError:
            parsed_on_loop.append(False)
        return real_parse(body)

    monkeypatch.setattr(store, "parse", watching_parse)
    register("parse-off-loop", 1, metrics={"auc": 0.7})
    aws = AwsAccess(region=REGION, endpoint_url=emulator.endpoint_url)
    service = RegistryService(aws, ModelRegistry(config=Config()))
    try:
        detail = await service.version("parse-off-loop", 1)
    finally:
        aws.close()
    assert detail.metrics == {"auc": 0.7}
    assert parsed_on_loop and not any(parsed_on_loop)
