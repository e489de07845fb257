"""The Models panel's logic: groups, versions, detail, approval, compare, Team overview.

No tornado here: handlers call these methods and send what they return. Each use case
lives in its own module (``listing``, ``approval``, ``comparing``, ``overview``) over the
shared SageMaker calls (``calls``); pure readings of packages are in ``packages``.
"""

from __future__ import annotations

from .approval import RegistryApproval
from .comparing import RegistryComparing
from .overview import RegistryOverview


class RegistryService(RegistryApproval, RegistryComparing, RegistryOverview):
    """Everything the Models panel's handlers call, as one object per server."""
