"""What Studio decides at an Update and at a start, as plain functions (no server)."""

from __future__ import annotations

from jupyter_dsws.demo.studio.settings import (
    attached_lccs,
    built_in_lcc,
    resource_spec,
    scripts_to_run,
    updated,
)

A, B, C = (f"arn:aws:sagemaker:eu-central-1:123456789012:studio-lifecycle-config/{n}"
           for n in "abc")


def lab(**spec: str) -> dict:
    return {"JupyterLabAppSettings": {"DefaultResourceSpec": spec}}


def test_an_update_replaces_the_keys_it_gives_and_keeps_the_others() -> None:
    current = {"ExecutionRole": "r", "JupyterLabAppSettings": {"LifecycleConfigArns": [A]}}
    assert updated(current, {"JupyterLabAppSettings": {"BuiltInLifecycleConfigArn": B}}) == {
        "ExecutionRole": "r", "JupyterLabAppSettings": {"BuiltInLifecycleConfigArn": B}}
    assert updated(None, None) == {}
    assert current["JupyterLabAppSettings"] == {"LifecycleConfigArns": [A]}  # not mutated


def test_each_key_of_the_spec_comes_from_the_nearest_place_that_sets_it() -> None:
    spec = resource_spec("JupyterLab", {"InstanceType": "ml.m5.large"},
                         lab(LifecycleConfigArn=A), lab(InstanceType="ml.c5.large",
                                                        SageMakerImageArn="img"), None)
    assert spec == {"InstanceType": "ml.m5.large", "LifecycleConfigArn": A,
                    "SageMakerImageArn": "img"}
    assert resource_spec("JupyterLab", None, None, None, None) == {
        "InstanceType": "ml.t3.medium"}
    # "None" clears: the space's choice wins over the domain's default script.
    assert "LifecycleConfigArn" not in resource_spec(
        "JupyterLab", None, lab(LifecycleConfigArn="None"), None, lab(LifecycleConfigArn=B))


def test_the_built_in_script_runs_first_and_once() -> None:
    domain = {"JupyterLabAppSettings": {"BuiltInLifecycleConfigArn": A}}
    profile = {"JupyterLabAppSettings": {"BuiltInLifecycleConfigArn": C}}
    assert built_in_lcc("JupyterLab", None, domain) == A
    assert built_in_lcc("JupyterLab", profile, domain) == C
    assert built_in_lcc("CodeEditor", profile, domain) is None
    assert scripts_to_run(A, {"LifecycleConfigArn": B}) == [A, B]
    assert scripts_to_run(A, {"LifecycleConfigArn": A}) == [A]
    assert scripts_to_run(None, {}) == []


def test_every_attachment_counts() -> None:
    settings = {"ExecutionRole": "r", "JupyterLabAppSettings": {
        "LifecycleConfigArns": [A], "BuiltInLifecycleConfigArn": "None",
        "DefaultResourceSpec": {"LifecycleConfigArn": B}},
        "CodeEditorAppSettings": {"BuiltInLifecycleConfigArn": C}}
    assert attached_lccs(settings) == {A, B, C}
