"""Studio apps in the emulator: their states with a host that runs them, what a start runs
with (instance type, lifecycle scripts, role) decided as Studio decides it, and the
instance switch as the product does it (UpdateSpace, then DeleteApp on itself)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from studio_world import DOMAIN, DOMAIN_ROLE, HARRY_ROLE, RecordingHost, app_of, make_space

from jupyter_dsws.demo.studio import AppRecord, LifecycleScript
from jupyter_dsws.instances.switch import new_jupyterlab_settings


def status(sagemaker: Any, space: str) -> str:
    return sagemaker.describe_app(**app_of(space))["Status"]


def lcc(sagemaker: Any, name: str, script: str, app_type: str = "JupyterLab") -> str:
    return sagemaker.create_studio_lifecycle_config(
        StudioLifecycleConfigName=name, StudioLifecycleConfigAppType=app_type,
        StudioLifecycleConfigContent=base64.b64encode(script.encode()).decode(),
    )["StudioLifecycleConfigArn"]


def test_without_a_host_apps_serve_at_once_and_go_at_once(sagemaker: Any) -> None:
    make_space(sagemaker, "lab")
    sagemaker.create_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "InService"
    sagemaker.delete_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "Deleted"


def test_a_host_moves_an_app_through_its_states(sagemaker: Any, studio: Any) -> None:
    host = RecordingHost(studio)
    studio.host = host
    make_space(sagemaker, "lab")
    arn = sagemaker.create_app(**app_of("lab"))["AppArn"]
    assert status(sagemaker, "lab") == "Pending"
    (started,) = host.started
    assert isinstance(started, AppRecord) and started.arn == arn
    assert (started.space_name, started.user_profile_name, started.instance_type) == (
        "lab", "harry-potter", "ml.t3.medium")
    studio.app_in_service(arn)
    assert status(sagemaker, "lab") == "InService"
    sagemaker.delete_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "Deleting"
    assert host.stopped == [started]
    with pytest.raises(sagemaker.exceptions.ResourceInUse):
        sagemaker.delete_app(**app_of("lab"))
    studio.app_deleted(arn)
    assert status(sagemaker, "lab") == "Deleted"
    # Deleted apps stay listed, as on AWS; a new one may start beside them.
    sagemaker.create_app(**app_of("lab"))
    assert [a["Status"] for a in sagemaker.list_apps(SpaceNameEquals="lab")["Apps"]] == [
        "Deleted", "Pending"]


def test_the_host_reports_from_its_own_thread(sagemaker: Any, studio: Any) -> None:
    host = RecordingHost(studio, report=True)
    studio.host = host
    make_space(sagemaker, "lab")
    sagemaker.create_app(**app_of("lab"))
    host.wait()
    assert status(sagemaker, "lab") == "InService"
    sagemaker.delete_app(**app_of("lab"))
    host.wait()
    assert status(sagemaker, "lab") == "Deleted"


def test_a_failed_start_says_why_and_can_be_deleted(sagemaker: Any, studio: Any) -> None:
    studio.host = RecordingHost(studio)
    make_space(sagemaker, "lab")
    arn = sagemaker.create_app(**app_of("lab"))["AppArn"]
    studio.app_failed(arn, "The lifecycle configuration exited with status 1.")
    app = sagemaker.describe_app(**app_of("lab"))
    assert (app["Status"], app["FailureReason"]) == (
        "Failed", "The lifecycle configuration exited with status 1.")
    with pytest.raises(sagemaker.exceptions.ResourceInUse):
        sagemaker.create_app(**app_of("lab"))  # a Failed app is still the space's app
    sagemaker.delete_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "Deleted"
    sagemaker.create_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "Pending"


def test_a_host_that_raises_leaves_the_app_failed(sagemaker: Any, studio: Any) -> None:
    class Broken(RecordingHost):
        def start(self, app: AppRecord) -> None:
            raise OSError("no room")

    studio.host = Broken(studio)
    make_space(sagemaker, "lab")
    sagemaker.create_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "Failed"


def test_one_live_app_per_space_type_and_name(sagemaker: Any) -> None:
    make_space(sagemaker, "lab")
    sagemaker.create_app(**app_of("lab"))
    with pytest.raises(sagemaker.exceptions.ResourceInUse, match="already exists"):
        sagemaker.create_app(**app_of("lab"))
    with pytest.raises(sagemaker.exceptions.ClientError, match="JupyterLab space"):
        sagemaker.create_app(DomainId=DOMAIN, SpaceName="lab", AppType="CodeEditor",
                             AppName="default")
    with pytest.raises(sagemaker.exceptions.ClientError, match="nowhere does not exist"):
        sagemaker.create_app(**app_of("nowhere"))
    with pytest.raises(sagemaker.exceptions.ResourceNotFound):
        sagemaker.describe_app(**app_of("lab", name="other"))


def test_the_instance_type_comes_from_the_request_the_space_the_profile_or_the_domain(
        sagemaker: Any, studio: Any) -> None:
    host = RecordingHost(studio)
    studio.host = host
    make_space(sagemaker, "plain")
    make_space(sagemaker, "sized", instance_type="ml.m5.large")
    sagemaker.create_app(**app_of("plain"))
    sagemaker.create_app(**app_of("sized"))
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {
        "DefaultResourceSpec": {"InstanceType": "ml.t3.large"}}})
    make_space(sagemaker, "domain-default")
    sagemaker.create_app(**app_of("domain-default"))
    sagemaker.update_user_profile(
        DomainId=DOMAIN, UserProfileName="harry-potter", UserSettings={
            "JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "ml.c5.large"}}})
    make_space(sagemaker, "profile-default")
    sagemaker.create_app(**app_of("profile-default"))
    make_space(sagemaker, "asked")
    sagemaker.create_app(**app_of("asked"), ResourceSpec={"InstanceType": "ml.m5.xlarge"})
    assert [a.instance_type for a in host.started] == [
        "ml.t3.medium", "ml.m5.large", "ml.t3.large", "ml.c5.large", "ml.m5.xlarge"]
    described = sagemaker.describe_app(**app_of("asked"))
    assert described["ResourceSpec"]["InstanceType"] == "ml.m5.xlarge"
    # The role: the owner's profile's, else the domain's.
    assert {a.execution_role_arn for a in host.started} == {HARRY_ROLE}
    sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="ron")
    make_space(sagemaker, "rons", owner="ron")
    sagemaker.create_app(**app_of("rons"))
    assert host.started[-1].execution_role_arn == DOMAIN_ROLE


def test_the_built_in_script_runs_first_then_the_default(sagemaker: Any, studio: Any) -> None:
    host = RecordingHost(studio)
    studio.host = host
    enforced = lcc(sagemaker, "enforced", "echo built-in\n")
    chosen = lcc(sagemaker, "chosen", "echo default\n")
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {
        "LifecycleConfigArns": [enforced, chosen], "BuiltInLifecycleConfigArn": enforced,
        "DefaultResourceSpec": {"LifecycleConfigArn": chosen}}})
    make_space(sagemaker, "lab")
    sagemaker.create_app(**app_of("lab"))
    assert host.started[-1].lifecycle_scripts == (
        LifecycleScript(enforced, "enforced", "echo built-in\n"),
        LifecycleScript(chosen, "chosen", "echo default\n"))
    app = sagemaker.describe_app(**app_of("lab"))
    assert app["BuiltInLifecycleConfigArn"] == enforced
    assert app["ResourceSpec"]["LifecycleConfigArn"] == chosen

    # The space clears its default ("None", the API's way): only the built-in one runs.
    sagemaker.update_space(DomainId=DOMAIN, SpaceName="lab", SpaceSettings={
        "JupyterLabAppSettings": {"DefaultResourceSpec": {"LifecycleConfigArn": "None"}}})
    sagemaker.delete_app(**app_of("lab"))
    studio.app_deleted(host.started[-1].arn)
    sagemaker.create_app(**app_of("lab"))
    assert [s.name for s in host.started[-1].lifecycle_scripts] == ["enforced"]


def test_a_missing_or_foreign_script_refuses_the_start(sagemaker: Any) -> None:
    code_editor = lcc(sagemaker, "for-code-editor", "echo ce\n", app_type="CodeEditor")
    make_space(sagemaker, "lab")
    gone = code_editor.replace("for-code-editor", "gone")
    for arn, message in ((gone, "does not exist"), (code_editor, "is for CodeEditor")):
        with pytest.raises(sagemaker.exceptions.ClientError, match=message):
            sagemaker.create_app(**app_of("lab"), ResourceSpec={"LifecycleConfigArn": arn})
    assert sagemaker.list_apps()["Apps"] == []


def test_a_script_in_use_cannot_be_deleted(sagemaker: Any) -> None:
    arn = lcc(sagemaker, "enforced", "echo hi\n")
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {
        "BuiltInLifecycleConfigArn": arn}})
    with pytest.raises(sagemaker.exceptions.ResourceInUse, match=f"domain {DOMAIN}"):
        sagemaker.delete_studio_lifecycle_config(StudioLifecycleConfigName="enforced")
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {
        "BuiltInLifecycleConfigArn": "None"}})
    sagemaker.delete_studio_lifecycle_config(StudioLifecycleConfigName="enforced")
    with pytest.raises(sagemaker.exceptions.ResourceNotFound):
        sagemaker.describe_studio_lifecycle_config(StudioLifecycleConfigName="enforced")


def test_lifecycle_configurations_are_checked_listed_and_paged(sagemaker: Any) -> None:
    errors = sagemaker.exceptions
    for name in ("dsws-a", "dsws-b", "other"):
        lcc(sagemaker, name, f"echo {name}\n")
    with pytest.raises(errors.ResourceInUse):
        lcc(sagemaker, "dsws-a", "echo again\n")
    for bad, message in (("-dash-first", "must match"), ("x" * 64, "must match")):
        with pytest.raises(errors.ClientError, match=message):
            lcc(sagemaker, bad, "echo\n")
    with pytest.raises(errors.ClientError, match="16384"):
        sagemaker.create_studio_lifecycle_config(
            StudioLifecycleConfigName="huge", StudioLifecycleConfigAppType="JupyterLab",
            StudioLifecycleConfigContent="A" * 16388)
    listed = sagemaker.list_studio_lifecycle_configs(NameContains="dsws", SortBy="Name",
                                                     SortOrder="Ascending", MaxResults=1)
    assert [c["StudioLifecycleConfigName"] for c in listed["StudioLifecycleConfigs"]] == [
        "dsws-a"]
    following = sagemaker.list_studio_lifecycle_configs(
        NameContains="dsws", SortBy="Name", SortOrder="Ascending", NextToken=listed["NextToken"])
    assert [c["StudioLifecycleConfigName"] for c in following["StudioLifecycleConfigs"]] == [
        "dsws-b"]
    newest_first = sagemaker.list_studio_lifecycle_configs()["StudioLifecycleConfigs"]
    assert [c["StudioLifecycleConfigName"] for c in newest_first] == [
        "other", "dsws-b", "dsws-a"]
    created = newest_first[-1]["CreationTime"]
    assert [c["StudioLifecycleConfigName"] for c in sagemaker.list_studio_lifecycle_configs(
        CreationTimeBefore=created)["StudioLifecycleConfigs"]] == ["dsws-a"]


def test_list_apps_filters_and_pages(sagemaker: Any) -> None:
    make_space(sagemaker, "one")
    make_space(sagemaker, "two")
    sagemaker.create_app(**app_of("one"))
    sagemaker.create_app(**app_of("two"))
    sagemaker.create_app(DomainId=DOMAIN, UserProfileName="harry-potter",
                         AppType="JupyterServer", AppName="default")
    assert [a["SpaceName"] for a in sagemaker.list_apps(SpaceNameEquals="two")["Apps"]] == [
        "two"]
    (profile_app,) = sagemaker.list_apps(UserProfileNameEquals="harry-potter")["Apps"]
    assert profile_app["AppType"] == "JupyterServer"
    assert profile_app["ResourceSpec"]["InstanceType"] == "system"
    first = sagemaker.list_apps(DomainIdEquals=DOMAIN, MaxResults=2, SortOrder="Descending")
    rest = sagemaker.list_apps(DomainIdEquals=DOMAIN, MaxResults=2, SortOrder="Descending",
                               NextToken=first["NextToken"])
    assert [a.get("SpaceName") for a in first["Apps"] + rest["Apps"]] == [None, "two", "one"]
    assert sagemaker.list_apps(DomainIdEquals="d-other")["Apps"] == []
    with pytest.raises(sagemaker.exceptions.ClientError, match="cannot both"):
        sagemaker.list_apps(SpaceNameEquals="one", UserProfileNameEquals="harry-potter")


def test_the_instance_switch_as_the_product_does_it(sagemaker: Any, studio: Any) -> None:
    host = RecordingHost(studio)
    studio.host = host
    make_space(sagemaker, "lab", instance_type="ml.t3.medium")
    arn = sagemaker.create_app(**app_of("lab"))["AppArn"]
    studio.app_in_service(arn)

    # What SwitchService does: the space's settings with the new type, while the app runs…
    space = sagemaker.describe_space(DomainId=DOMAIN, SpaceName="lab")
    running = sagemaker.describe_app(**app_of("lab"))
    settings = new_jupyterlab_settings(space, running, "ml.m5.large", gpu=False)
    sagemaker.update_space(DomainId=DOMAIN, SpaceName="lab",
                           SpaceSettings={"JupyterLabAppSettings": settings})
    # …which keeps its instance until it stops.
    assert sagemaker.describe_app(**app_of("lab"))["ResourceSpec"]["InstanceType"] == (
        "ml.t3.medium")
    # …then DeleteApp on itself: Deleting until the host has stopped it.
    sagemaker.delete_app(**app_of("lab"))
    assert status(sagemaker, "lab") == "Deleting"
    assert [a.instance_type for a in host.stopped] == ["ml.t3.medium"]
    studio.app_deleted(arn)
    assert status(sagemaker, "lab") == "Deleted"
    # The person runs the space again: on the new type.
    sagemaker.create_app(**app_of("lab"))
    assert host.started[-1].instance_type == "ml.m5.large"
    assert sagemaker.describe_app(**app_of("lab"))["ResourceSpec"]["InstanceType"] == (
        "ml.m5.large")
