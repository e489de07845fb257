"""DescribeDomain and UpdateDomain for moto's domains (moto 5.2.5 has no UpdateDomain).

An update amends moto's ``Domain`` in place (moto is pinned), so moto's own
ListDomains/DeleteDomain and a reset see it; DescribeDomain is answered here so that the
answer has the API's shape (moto's carries empty and null fields) and an unknown domain is
AWS's ``ResourceNotFound`` (moto says ValidationError).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from moto.core.utils import utcnow

from ..json_plane import invalid
from .settings import updated
from .state import StudioState, required

# UpdateDomain's plain replacements: request key -> moto's Domain attribute.
_REPLACED = {"SubnetIds": "subnet_ids", "AppNetworkAccessType": "app_network_access_type",
             "AppSecurityGroupManagement": "app_security_group_management", "VpcId": "vpc_id"}
_DESCRIBED = (
    ("DomainArn", "arn"), ("DomainId", "id"), ("DomainName", "domain_name"),
    ("HomeEfsFileSystemId", "home_efs_file_system_id"),
    ("SingleSignOnManagedApplicationInstanceId",
     "single_sign_on_managed_application_instance_id"),
    ("SingleSignOnApplicationArn", "single_sign_on_managed_application_arn"),
    ("Status", "status"), ("CreationTime", "creation_time"),
    ("LastModifiedTime", "last_modified_time"),
    ("SecurityGroupIdForDomainBoundary", "security_group_id_for_domain_boundary"),
    ("AuthMode", "auth_mode"), ("DefaultUserSettings", "default_user_settings"),
    ("DomainSettings", "domain_settings"), ("AppNetworkAccessType", "app_network_access_type"),
    ("HomeEfsFileSystemKmsKeyId", "home_efs_file_system_kms_key_id"),
    ("SubnetIds", "subnet_ids"), ("Url", "url"), ("VpcId", "vpc_id"), ("KmsKeyId", "kms_key_id"),
    ("AppSecurityGroupManagement", "app_security_group_management"),
    ("DefaultSpaceSettings", "default_space_settings"),
)


def describe_domain(state: StudioState, request: dict[str, Any], account: str,
                    region: str) -> dict[str, Any]:
    domain = state.domain(account, region, required(request, "DomainId"))
    answer = {key: getattr(domain, attribute, None) for key, attribute in _DESCRIBED}
    answer["TagPropagation"] = getattr(domain, "dsws_tag_propagation", None)
    for key in ("CreationTime", "LastModifiedTime"):  # moto's are naive UTC
        answer[key] = answer[key].replace(tzinfo=UTC)
    # moto writes "" and None for what AWS leaves out.
    return {k: v for k, v in answer.items() if v not in (None, "", {}, [])}


def update_domain(state: StudioState, request: dict[str, Any], account: str,
                  region: str) -> dict[str, Any]:
    domain = state.domain(account, region, required(request, "DomainId"))
    if "AppNetworkAccessType" in request and request["AppNetworkAccessType"] not in (
            "PublicInternetOnly", "VpcOnly"):
        raise invalid("AppNetworkAccessType must be PublicInternetOnly or VpcOnly.")
    if "DefaultUserSettings" in request:
        domain.default_user_settings = updated(domain.default_user_settings,
                                               request["DefaultUserSettings"])
    if "DefaultSpaceSettings" in request:
        domain.default_space_settings = updated(domain.default_space_settings,
                                                request["DefaultSpaceSettings"])
    if "DomainSettingsForUpdate" in request:
        domain.domain_settings = updated(domain.domain_settings,
                                         request["DomainSettingsForUpdate"])
    for key, attribute in _REPLACED.items():
        if key in request:
            setattr(domain, attribute, request[key])
    if "TagPropagation" in request:
        domain.dsws_tag_propagation = request["TagPropagation"]
    domain.last_modified_time = utcnow()
    return {"DomainArn": domain.arn}

