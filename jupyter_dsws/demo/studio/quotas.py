"""Service Quotas for Studio JupyterLab apps (ServiceCode ``sagemaker``), which moto lacks.

One quota per instance type of the package's catalog, named as AWS names it ("Studio
JupyterLab Apps running on <type> instance"), with a default value and, once the demo sets
one (``set_quota``), the account's applied value. ListServiceQuotas/GetServiceQuota answer
the applied value (the default where none is set), ListAWSDefaultServiceQuotas and
GetAWSDefaultServiceQuota the default. CreateApp refuses an app beyond its type's quota
(``apps.py``), as Studio refuses the space's start. Other service codes go to moto.

[guess] The defaults: AWS gives new accounts small Studio quotas and raises them on request;
the figures here are plausible, not AWS's: CPU types up to 8 vCPU 4 apps, up to 32 vCPU 2,
larger 0; GPU types with one GPU and at most 4 vCPU 1 (ml.g4dn.xlarge), other GPU types 0.
The quota codes are made up (``L-`` and 8 hex digits from the name), stable across runs.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Iterable
from typing import Any

from werkzeug.wsgi import get_input_stream

from ...instances.catalog import InstanceType, load_bundled
from ..caller import caller
from ..json_plane import AwsError, JsonPlane
from ..wsgi import StartResponse, WsgiApp, call_through
from .paging import page, with_token

TARGET_PREFIX = "ServiceQuotasV20190624."
SERVICE_CODE = "sagemaker"
SERVICE_NAME = "Amazon SageMaker"


def quota_name(instance_type: str) -> str:
    return f"Studio JupyterLab Apps running on {instance_type} instance"


def quota_code(instance_type: str) -> str:
    return f"L-{zlib.crc32(quota_name(instance_type).encode()):08X}"


def default_value(spec: InstanceType) -> float:
    if spec.gpus == 0:
        return 4.0 if spec.vcpu <= 8 else 2.0 if spec.vcpu <= 32 else 0.0
    return 1.0 if spec.gpus == 1 and spec.vcpu <= 4 else 0.0


class StudioQuotas:
    """The quota values: defaults from the catalog, applied values the demo sets."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._applied: dict[str, float] = {}
        self._defaults = {t.type: default_value(t) for t in load_bundled().types}

    def set_quota(self, instance_type: str, value: float) -> None:
        """The account's applied value for the type (every account and region of the demo)."""
        if instance_type not in self._defaults:
            raise ValueError(f"{instance_type} is not an instance type of the catalog.")
        with self._lock:
            self._applied[instance_type] = float(value)

    def value(self, instance_type: str) -> float | None:
        """The quota in force, or None for a type without one here."""
        with self._lock:
            return self._applied.get(instance_type, self._defaults.get(instance_type))

    def clear(self) -> None:
        with self._lock:
            self._applied.clear()

    def rows(self, account: str, region: str, applied: bool) -> list[dict[str, Any]]:
        with self._lock:
            values = {t: (self._applied.get(t, d) if applied else d)
                      for t, d in self._defaults.items()}
        return [{"ServiceCode": SERVICE_CODE, "ServiceName": SERVICE_NAME,
                 "QuotaArn": f"arn:aws:servicequotas:{region}:{account}:{SERVICE_CODE}/"
                             f"{quota_code(t)}",
                 "QuotaCode": quota_code(t), "QuotaName": quota_name(t), "Value": v,
                 "Unit": "None", "Adjustable": True, "GlobalQuota": False,
                 "QuotaAppliedAtLevel": "ACCOUNT"} for t, v in values.items()]


def _service_code(body: bytes) -> Any:
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        return None
    return request.get("ServiceCode") if isinstance(request, dict) else None


class ServiceQuotasLayer(JsonPlane):
    """Answers the ``sagemaker`` service code's quota reads; passes the rest to moto."""

    OPERATIONS = frozenset({"ListServiceQuotas", "ListAWSDefaultServiceQuotas",
                            "GetServiceQuota", "GetAWSDefaultServiceQuota"})

    def __init__(self, moto: WsgiApp, quotas: StudioQuotas) -> None:
        self.moto = moto
        self.quotas = quotas

    def __call__(self, environ: dict[str, Any],  # type: ignore[override]
                 start_response: StartResponse) -> Iterable[bytes]:
        operation = environ.get("HTTP_X_AMZ_TARGET", "")[len(TARGET_PREFIX):]
        body = get_input_stream(environ).read()
        if operation in self.OPERATIONS and _service_code(body) == SERVICE_CODE:
            account, region = caller(environ)
            return self.respond(operation, body, account, region, start_response)
        status, headers, payload = call_through(self.moto, environ, body)
        start_response(status, headers)
        return [payload]

    def answer(self, operation: str, request: dict[str, Any], account: str,
               region: str) -> dict[str, Any]:
        if request.get("ServiceCode") != SERVICE_CODE:
            raise AwsError("NoSuchResourceException",
                           f"The service {request.get('ServiceCode')!r} is not known here.")
        applied = "Default" not in operation
        rows = self.quotas.rows(account, region, applied)
        if operation.startswith("Get"):
            found = next((r for r in rows if r["QuotaCode"] == request.get("QuotaCode")), None)
            if found is None:
                raise AwsError("NoSuchResourceException",
                               f"The quota {request.get('QuotaCode')} does not exist.")
            return {"Quota": found}
        if request.get("QuotaCode"):
            rows = [r for r in rows if r["QuotaCode"] == request["QuotaCode"]]
        chunk, token = page(rows, {k: v for k, v in request.items()
                                   if k in ("MaxResults", "NextToken")},
                            {"Code": lambda r: r["QuotaName"]},
                            default_sort="Code", default_order="Ascending")
        return with_token({"Quotas": chunk}, token)
