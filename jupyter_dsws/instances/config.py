"""``InstancePicker``: the admin's settings, as ``c.InstancePicker.<name>`` in a config file."""

from __future__ import annotations

from traitlets import Bool, Float, List, TraitError, Unicode, validate
from traitlets.config import LoggingConfigurable

from ..config_bounds import positive, zero_or_more


class InstancePicker(LoggingConfigurable):
    """The catalog, the recommendations and switching this space's instance type."""

    allowed_instance_types = List(
        Unicode(), default_value=[], config=True,
        help="The instance types people may switch to, e.g. "
             "[\"ml.t3.medium\", \"ml.g4dn.xlarge\"]. Default: [] (every type in the "
             "catalog). Other types are still shown, marked as not "
             "allowed, and a switch to one is refused (403). Names not in the catalog "
             "are logged as a warning at start.",
    )
    pricing_refresh = Bool(
        True, config=True,
        help="Refresh prices from the AWS Price List API in the background. Default: True. False "
             "(or an unreachable API, usual in a VPC-only domain) keeps the prices shipped in the "
             "package.",
    )
    pricing_refresh_interval_hours = Float(
        24.0, config=True,
        help="Hours between two background price refreshes. Default: 24 hours (once a day).",
    )
    pricing_timeout_seconds = Float(
        5.0, config=True,
        help="Seconds each Price List API call may take, retries included, before the refresh "
             "gives up and keeps the shipped prices. Default: 5 s.",
    )
    pricing_first_refresh_delay_seconds = Float(
        60.0, config=True,
        help="Seconds after the server starts before the first price refresh, so that it (boto3 "
             "and the Price List client, ~0.3 s of CPU) is no part of the start. Default: 60 s; "
             "0 refreshes at once.",
    )
    pricing_region = Unicode(
        "us-east-1", config=True,
        help="Region of the AWS Price List API endpoint (it has endpoints in us-east-1 and "
             "ap-south-1). Default: us-east-1.",
    )
    working_days_per_month = Float(
        21.0, config=True,
        help="Working days in a month, for the monthly cost with idle shutdown (the app runs "
             "hours_per_day plus the idle timeout on each). Default: 21 days.",
    )
    quota_check = Bool(
        True, config=True,
        help="Before a switch, compare the account's Service Quotas for Studio JupyterLab apps on "
             "the new type with the apps running on it, and refuse (422) a switch that would fail. "
             "Default: True.",
    )

    _positive = positive("pricing_refresh_interval_hours", "pricing_timeout_seconds")
    _zero_or_more = zero_or_more("pricing_first_refresh_delay_seconds")

    @validate("working_days_per_month")
    def _validate_days(self, proposal: dict) -> float:
        if not 0 < proposal["value"] <= 31:
            raise TraitError("InstancePicker.working_days_per_month must be within 1..31; "
                             f"got {proposal['value']}.")
        return float(proposal["value"])
