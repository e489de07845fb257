"""SageMaker Studio's control plane for the demo's emulator (moto 5.2.5 lacks most of it).

Answered in the API's JSON shapes (``tests/demo/test_demo_studio*.py`` check them against
botocore's service model), from moto's domains and this package's own state:

- Domains: DescribeDomain, UpdateDomain (``domains.py``).
- User profiles and spaces: Create/Describe/List/Update/Delete (``people.py``).
- Apps with their states, Pending → InService → Deleting → Deleted, or Failed
  (``apps.py``), run by an ``AppHost`` when the demo sets one (``plane.py``).
- Studio lifecycle configurations and the tags of all of these (``lifecycle_configs.py``).
- Service Quotas for "Studio JupyterLab Apps running on <type> instance" (``quotas.py``).

What Studio decides at a start (instance type, lifecycle scripts, merge rules of Update*)
is in ``settings.py`` as plain functions. moto is pinned: ``domains.py`` amends its
``Domain`` objects.
"""

from .plane import TAG_OPERATIONS, StudioControlPlane
from .quotas import TARGET_PREFIX as SERVICE_QUOTAS_PREFIX
from .quotas import ServiceQuotasLayer, StudioQuotas
from .records import AppHost, AppRecord, LifecycleScript, PlaneCallbacks

__all__ = ["SERVICE_QUOTAS_PREFIX", "TAG_OPERATIONS", "AppHost", "AppRecord",
           "LifecycleScript", "PlaneCallbacks", "ServiceQuotasLayer", "StudioControlPlane",
           "StudioQuotas"]
