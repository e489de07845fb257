"""The one configuration file of the infrastructure: TOML, every key with a safe default.

``infra/dsws-infra.example.toml`` documents each key. Relative paths in the file are taken
relative to the file itself, so a config can be kept next to the script it names.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import re
import sys
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..slug import slugify

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 gets tomli from the infra extra
    import tomli as tomllib

_PREFIX = re.compile(r"^[a-z][a-z0-9-]{1,18}[a-z0-9]$")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
_ACCOUNT = re.compile(r"^\d{12}$")
_ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")
_IDLE_RANGE = (60, 525600)  # minutes, what SageMaker accepts in IdleSettings

DEFAULT_LIFECYCLE_SCRIPT = "build/lifecycle/jupyterlab-on-start.sh"


class ConfigError(ValueError):
    """The config file is missing, malformed or names something that is not there."""


@dataclass(frozen=True)
class IdleDefaults:
    idle_timeout_minutes: int = 60
    min_idle_timeout_minutes: int = 60
    max_idle_timeout_minutes: int = 480


@dataclass(frozen=True)
class SsoUser:
    user_name: str
    user_id: str = ""


@dataclass(frozen=True)
class SsoGroup:
    group_id: str
    display_name: str = ""


@dataclass(frozen=True)
class IdentityCenter:
    instance_arn: str = ""
    identity_store_id: str = ""
    region: str = ""
    users: tuple[SsoUser, ...] = ()
    groups: tuple[SsoGroup, ...] = ()


@dataclass(frozen=True)
class Budget:
    amount_usd: float = 0.0
    alert_email: str = ""

    @property
    def enabled(self) -> bool:
        return self.amount_usd > 0


@dataclass(frozen=True)
class InfraConfig:
    region: str = "eu-central-1"
    account: str = ""
    name_prefix: str = "dsws"
    vpc_cidr: str = "10.42.0.0/16"
    az_count: int = 2
    availability_zones: tuple[str, ...] = ()
    inventory: Path | None = None
    lifecycle_script: Path = Path(DEFAULT_LIFECYCLE_SCRIPT)
    shared_space: bool = True
    shared_space_name: str = "team"
    codecommit_repository: bool = True
    repository_name: str = "sagemaker-repository"
    emr_security_groups: bool = True
    emr_livy_port: int = 8998
    emr_serverless: bool = True
    emr_ldap: bool = False
    emr_execution_role_arns: tuple[str, ...] = ()
    mlflow_tracking_server: bool = True
    mlflow_server_size: str = "Small"
    admin_role_arn: str = ""
    s3_prefix_list_id: str = ""
    idle: IdleDefaults = field(default_factory=IdleDefaults)
    identity_center: IdentityCenter = field(default_factory=IdentityCenter)
    budget: Budget = field(default_factory=Budget)
    tags: dict[str, str] = field(default_factory=lambda: {"Project": "dsws"})

    @property
    def endpoint_switches(self) -> set[str]:
        """The switched interface endpoints (endpoints.py) this config turns on."""
        return {name for name in ("emr_serverless", "emr_ldap") if getattr(self, name)}

    # Names derived from the config, the same for the stack, `verify` and the docs.
    @property
    def stack_name(self) -> str:
        return f"{self.name_prefix}-studio"

    @property
    def domain_name(self) -> str:
        return f"{self.name_prefix}-domain"

    def bucket_name(self, kind: str) -> str:
        """``<prefix>-<kind>-<region>[-<account>]``: deterministic, so ``dsws lifecycle build``
        can point its script at the artefact bucket before the stack exists."""
        suffix = f"-{self.account}" if self.account else ""
        return f"{self.name_prefix}-{kind}-{self.region}{suffix}"

    @property
    def emr_ldap_secret_prefix(self) -> str:
        """Secrets named ``<prefix>/emr-ldap/…`` hold LDAP credentials; "" when LDAP is off."""
        return f"{self.name_prefix}/emr-ldap/" if self.emr_ldap else ""

    @property
    def tracking_server_name(self) -> str:
        return f"{self.name_prefix}-mlflow"

    @property
    def data_bucket(self) -> str:
        return self.bucket_name("data")

    @property
    def artefact_bucket(self) -> str:
        return self.bucket_name("artefacts")

    @property
    def log_bucket(self) -> str:
        return self.bucket_name("logs")

    def model_package_groups(self) -> list[str]:
        """One group per feature of the inventory, by the slug rule the demo seed uses."""
        text = (self.inventory.read_text("utf-8") if self.inventory
                else (resources.files("jupyter_dsws.demo") / "data" / "inventory.csv")
                .read_text("utf-8"))
        reader = csv.DictReader(io.StringIO(text))
        if "Feature" not in (reader.fieldnames or ()):
            raise ConfigError(f"The inventory {self.inventory} has no 'Feature' column.")
        names: list[str] = []
        for row in reader:
            feature = (row.get("Feature") or "").strip()
            if feature and slugify(feature) not in names:
                names.append(slugify(feature))
        return names

    def lifecycle_script_bytes(self) -> bytes:
        if not self.lifecycle_script.is_file():
            raise ConfigError(
                f"The lifecycle script {self.lifecycle_script} does not exist. Build it first "
                "with `dsws lifecycle build`, or set `lifecycle_script` in the config file.")
        return self.lifecycle_script.read_bytes()


def load_config(path: Path | None) -> InfraConfig:
    """The config from a TOML file, or every default when ``path`` is None."""
    if path is None:
        return _validated(InfraConfig(), base=Path.cwd())
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"No config file at {path}.") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    return _validated(_from_dict(data), base=Path(path).resolve().parent)


def _from_dict(data: dict[str, Any]) -> InfraConfig:
    data = dict(data)
    known = {f for f in InfraConfig.__dataclass_fields__}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"Unknown config keys: {', '.join(unknown)} "
                          "(infra/dsws-infra.example.toml lists every key).")
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key == "idle":
            kwargs[key] = _section(IdleDefaults, value, "idle")
        elif key == "budget":
            kwargs[key] = _section(Budget, value, "budget")
        elif key == "identity_center":
            value = dict(value)
            users = tuple(_section(SsoUser, u, "identity_center.users")
                          for u in value.pop("users", []))
            groups = tuple(_section(SsoGroup, g, "identity_center.groups")
                           for g in value.pop("groups", []))
            kwargs[key] = _section(IdentityCenter, {**value, "users": users, "groups": groups},
                                   "identity_center")
        elif key == "tags":
            kwargs[key] = {str(k): str(v) for k, v in value.items()}
        elif key in ("availability_zones", "emr_execution_role_arns"):
            kwargs[key] = tuple(value)
        elif key in ("inventory", "lifecycle_script"):
            kwargs[key] = Path(value) if value else None
        else:
            kwargs[key] = value
    if kwargs.get("lifecycle_script", "") is None:
        del kwargs["lifecycle_script"]
    return InfraConfig(**kwargs)


def _section(kind: type, value: Any, name: str) -> Any:
    if not isinstance(value, dict):
        raise ConfigError(f"[{name}] must be a table.")
    allowed = set(kind.__dataclass_fields__)
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ConfigError(f"Unknown keys in [{name}]: {', '.join(unknown)}.")
    return kind(**value)


def _validated(config: InfraConfig, *, base: Path) -> InfraConfig:
    problems = []
    if not _REGION.match(config.region):
        problems.append(f"region {config.region!r} is not an AWS region name")
    if config.account and not _ACCOUNT.match(config.account):
        problems.append(f"account {config.account!r} must be 12 digits")
    if not _PREFIX.match(config.name_prefix):
        problems.append(f"name_prefix {config.name_prefix!r}: 3-20 lower-case letters, digits, "
                        "'-', starting with a letter")
    try:
        network = ipaddress.ip_network(config.vpc_cidr)
        if not 16 <= network.prefixlen <= 24:
            problems.append(f"vpc_cidr {config.vpc_cidr}: the prefix must be /16 to /24")
    except ValueError:
        problems.append(f"vpc_cidr {config.vpc_cidr!r} is not a CIDR block")
    if config.az_count < 2:
        problems.append("az_count must be at least 2 (SageMaker and the endpoints want two AZs)")
    if config.az_count > 2 and len(config.availability_zones) < config.az_count:
        problems.append("more than 2 AZs needs `availability_zones` listing them: the stack is "
                        "synthesized without an AWS account, and can only pick 2 on its own")
    if config.admin_role_arn and not _ROLE_ARN.match(config.admin_role_arn):
        problems.append(f"admin_role_arn {config.admin_role_arn!r} is not an IAM role ARN")
    problems += [f"emr_execution_role_arns: {arn!r} is not an IAM role ARN"
                 for arn in config.emr_execution_role_arns if not _ROLE_ARN.match(arn)]
    if not 1024 <= config.emr_livy_port <= 65535:
        problems.append(f"emr_livy_port {config.emr_livy_port}: a TCP port, 1024-65535")
    if config.mlflow_server_size not in ("Small", "Medium", "Large"):
        problems.append(f"mlflow_server_size {config.mlflow_server_size!r}: Small, Medium or "
                        "Large")
    idle = config.idle
    values = (idle.min_idle_timeout_minutes, idle.idle_timeout_minutes,
              idle.max_idle_timeout_minutes)
    if sorted(values) != list(values) or not all(
            _IDLE_RANGE[0] <= v <= _IDLE_RANGE[1] for v in values):
        problems.append("[idle]: need 60 <= min_idle_timeout_minutes <= idle_timeout_minutes "
                        "<= max_idle_timeout_minutes <= 525600")
    sso = config.identity_center
    if sso.region and sso.region != config.region:
        problems.append(f"the domain must live in the Identity Center region: region is "
                        f"{config.region}, identity_center.region is {sso.region}")
    if (sso.users or sso.groups) and not sso.instance_arn:
        problems.append("assigning users or groups needs identity_center.instance_arn")
    if any(not u.user_id for u in sso.users):
        problems.append("each identity_center.users entry needs user_id (the identity store's "
                        "UserId: `aws identitystore get-user-id`)")
    if config.budget.enabled and "@" not in config.budget.alert_email:
        problems.append("[budget] with an amount needs alert_email")
    if problems:
        raise ConfigError("Config problems: " + "; ".join(problems) + ".")
    return replace(
        config,
        inventory=_resolve(config.inventory, base),
        lifecycle_script=_resolve(config.lifecycle_script, base),
    )


def _resolve(path: Path | None, base: Path) -> Path | None:
    if path is None:
        return None
    return path if path.is_absolute() else (base / path)
