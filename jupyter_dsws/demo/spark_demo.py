"""The demo's EMR clusters, made real: one local Livy (``livy/``) in front of a real Spark,
one URL path per seeded cluster, mapped to the clusters by ``EMRConnect.livy_endpoints``.

Spark runs in the demo's kernel env (``make mlflow-env``: pyspark, sparkmagic and the
analytics magic, on Debian's headless Java): the same env as the notebooks' kernel, so a
``%%spark`` cell computes on it. Spark starts in the background: JupyterLab is usable at
once and the EMR panel's path check says "starting" until Spark is ready. Without the
kernel env or Java the demo runs without Livy and says so; the clusters are still listed.
"""

from __future__ import annotations

import json
from pathlib import Path

from .emr_seed import LIVY_PATHS, EmrSeed
from .kernel_env import kernel_python
from .livy import Endpoint, LivyServer
from .livy.spark import java_missing

#: The LDAP cluster's demo credentials (there is no directory; the Livy checks these).
LDAP_USER = "hermione-granger"
LDAP_PASSWORD = "alohomora"  # noqa: S105 (a demo's fake LDAP, printed in the ready message)


def endpoints() -> dict[str, Endpoint]:
    """Each mapped cluster's Livy endpoint, by cluster name."""
    found = {}
    for name, path in LIVY_PATHS.items():
        if name.endswith("-ldap"):
            found[name] = Endpoint(path, "basic", LDAP_USER, LDAP_PASSWORD)
        elif name.endswith("-kerberos"):
            found[name] = Endpoint(path, "negotiate")
        else:
            found[name] = Endpoint(path)
    return found


def spark_environment(endpoint_url: str, region: str) -> dict[str, str]:
    """The AWS a %%spark cell's boto3 reaches: the emulator, fake keys, no AWS profile."""
    return {"AWS_ENDPOINT_URL": endpoint_url, "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region, "AWS_EC2_METADATA_DISABLED": "true"}


class DemoSpark:
    """Starts the Livy (Spark in the background); ``stop()`` ends both."""

    def __init__(self, emr: EmrSeed | None, state_dir: Path,
                 environment: dict[str, str] | None = None) -> None:
        self.emr = emr
        #: The Spark process's AWS: the emulator with fake credentials, so that a %%spark
        #: cell reads the demo's S3 data with boto3 as a cluster reads S3 with its role.
        self.environment = dict(environment or {})
        self.folder = state_dir / "spark"
        self.livy: LivyServer | None = None
        self.note = ""
        self._endpoints = endpoints()

    def start(self, *, wanted: bool = True) -> bool:
        if not wanted:
            self.note = "not started (--no-spark): the EMR clusters are listed, not connectable."
            return False
        python = kernel_python()
        problem = java_missing() if python else (
            "the demo's kernel env is not installed (make mlflow-env)")
        if self.emr is None or python is None or problem:
            self.note = f"no Livy: {problem}; the EMR clusters are listed, not connectable."
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        self.livy = LivyServer(python, self._endpoints.values(),
                               log_path=self.folder / "spark.log",
                               environment=self.environment).start()
        self.note = (f"{self.livy.url()} (Livy of team-spark and the other mapped clusters; "
                     f"Spark starts in the background; LDAP user {LDAP_USER}, password "
                     f"{LDAP_PASSWORD})")
        return True

    def livy_endpoints(self) -> dict[str, str]:
        """Cluster id -> Livy URL, for ``EMRConnect.livy_endpoints``."""
        if self.livy is None or self.emr is None:
            return {}
        return {self.emr.clusters[name]: self.livy.url(endpoint)
                for name, endpoint in self._endpoints.items() if name in self.emr.clusters}

    def kernel_environment(self) -> dict[str, str]:
        """``DSWS_LIVY_ENDPOINTS`` for the kernels: the same map as ``livy_endpoints()``, as
        JSON, so that a notebook reaches a cluster's Livy as the EMR panel's connect cell
        does (the CNN example's feature preparation). ``{}`` without a Livy: a notebook then
        knows the demo has none, and never looks for the clusters' made-up primary nodes."""
        return {"DSWS_LIVY_ENDPOINTS": json.dumps(self.livy_endpoints())}

    def lab_arguments(self) -> list[str]:
        arguments = []
        if self.emr is not None:
            # The demo has no Studio app to describe: the space's group comes from here.
            arguments.append(
                f"--EMRConnect.space_security_groups={self.emr.space_security_group}")
        arguments += [f"--EMRConnect.livy_endpoints={cluster}={url}"
                      for cluster, url in self.livy_endpoints().items()]
        return arguments

    def stop(self) -> None:
        if self.livy is not None:
            self.livy.stop()
