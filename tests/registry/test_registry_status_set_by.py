"""Who set a version's current status: the panel's history first, else SageMaker's own
LastModifiedBy (an approval made outside the panel, e.g. in Studio's UI or a pipeline)."""

from __future__ import annotations

from datetime import datetime, timezone

from jupyter_dsws.registry.models import ApprovalEntry
from jupyter_dsws.registry.packages import status_set_by

WHEN = datetime(2026, 11, 1, tzinfo=timezone.utc)


def _entry(to: str, by: str) -> ApprovalEntry:
    return ApprovalEntry.model_validate(
        {"at": "2026-11-01T09:00:00Z", "by": by, "from": "PendingManualApproval", "to": to,
         "comment": "why"})


def test_the_history_names_who_set_the_current_status():
    package = {"ModelApprovalStatus": "Approved", "LastModifiedTime": WHEN,
               "LastModifiedBy": {"UserProfileName": "someone-else"}}
    assert status_set_by(package, [_entry("Approved", "hermione")]) == "hermione"


def test_a_change_outside_the_panel_names_sagemakers_last_modifier():
    # The history's last entry is about an earlier status: someone changed it elsewhere.
    package = {"ModelApprovalStatus": "Rejected", "LastModifiedTime": WHEN,
               "LastModifiedBy": {"IamIdentity": {"Arn": "arn:aws:sts::1:assumed-role/ci/x"}}}
    assert status_set_by(package, [_entry("Approved", "hermione")]) == (
        "arn:aws:sts::1:assumed-role/ci/x")
    package["LastModifiedBy"] = {"UserProfileName": "ron", "IamIdentity": {"Arn": "arn:x"}}
    assert status_set_by(package, []) == "ron"


def test_a_version_never_changed_since_registration_has_nobody():
    package = {"ModelApprovalStatus": "PendingManualApproval",
               "CreatedBy": {"UserProfileName": "harry"}}
    assert status_set_by(package, []) is None
