"""Reading Studio's resource metadata file."""

from __future__ import annotations

import json

from jupyter_dsws.studio import StudioApp, read_metadata


def test_full_metadata(tmp_path):
    path = tmp_path / "resource-metadata.json"
    path.write_text(json.dumps({
        "AppType": "JupyterLab", "DomainId": "d-xyz", "SpaceName": "ron-space",
        "UserProfileName": "ron", "ResourceName": "default",
        "ResourceArn": "arn:aws:sagemaker:eu-central-1:111122223333:app/d-xyz/ron-space/"
                       "jupyterlab/default",
        "ExecutionRoleArn": "arn:aws:iam::111122223333:role/studio",
    }))
    app = read_metadata(path)
    assert app is not None
    assert (app.domain_id, app.space_name, app.user_profile, app.app_name) == (
        "d-xyz", "ron-space", "ron", "default")
    assert app.region == "eu-central-1"


def test_only_required_keys_is_still_studio(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"DomainId": "d-1", "SpaceName": "s", "AppType": "JupyterLab"}))
    app = read_metadata(path)
    assert app is not None
    assert app.user_profile is None and app.app_name is None and app.region is None


def test_outside_studio(tmp_path):
    assert read_metadata(tmp_path / "missing.json") is None
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert read_metadata(broken) is None
    not_studio = tmp_path / "other.json"
    not_studio.write_text(json.dumps({"SpaceName": "s"}))
    assert read_metadata(not_studio) is None


def test_app_name_comes_from_the_arn_when_resource_name_is_missing(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({
        "DomainId": "d-1", "SpaceName": "s", "AppType": "JupyterLab",
        "ResourceArn": "arn:aws:sagemaker:eu-west-1:111122223333:app/d-1/s/jupyterlab/lab-2",
    }))
    app = read_metadata(path)
    assert app is not None
    assert app.app_name == "lab-2"


def test_a_space_app_is_named_by_its_space_and_default_name():
    app = StudioApp(domain_id="d-1", space_name="ron-space", app_type="JupyterLab",
                    user_profile="ron")
    assert app.app_identity() == {"DomainId": "d-1", "SpaceName": "ron-space",
                                  "AppType": "JupyterLab", "AppName": "default"}


def test_a_profile_app_is_named_by_its_profile_never_an_empty_space():
    app = StudioApp(domain_id="d-1", space_name=None, app_type="JupyterServer",
                    user_profile="ron", app_name="lab-2")
    assert app.app_identity() == {"DomainId": "d-1", "UserProfileName": "ron",
                                  "AppType": "JupyterServer", "AppName": "lab-2"}
