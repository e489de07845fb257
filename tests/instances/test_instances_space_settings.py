"""What UpdateSpace is sent: only the type changes (and the CPU/GPU build of SageMaker
Distribution with it); plain functions, no AWS."""

from __future__ import annotations

from jupyter_dsws.instances.switch import new_jupyterlab_settings, swap_image_variant

SMD = "arn:aws:sagemaker:us-east-1:885854791233:image/sagemaker-distribution-"
CUSTOM = "arn:aws:sagemaker:us-east-1:123456789012:image/team-image"


def test_the_distribution_build_follows_the_gpu():
    assert swap_image_variant(SMD + "cpu", gpu=True) == SMD + "gpu"
    assert swap_image_variant(SMD + "gpu", gpu=False) == SMD + "cpu"
    version = "arn:aws:sagemaker:us-east-1:885854791233:image-version/sagemaker-distribution-cpu/9"
    assert swap_image_variant(version, gpu=True).endswith("sagemaker-distribution-gpu/9")
    assert swap_image_variant(CUSTOM, gpu=True) == CUSTOM
    assert swap_image_variant(None, gpu=True) is None


def test_everything_but_the_type_is_kept():
    space = {"SpaceSettings": {"JupyterLabAppSettings": {
        "DefaultResourceSpec": {"InstanceType": "ml.t3.medium", "SageMakerImageArn": CUSTOM,
                                "SageMakerImageVersionAlias": "1.2"},
        "AppLifecycleManagement": {"IdleSettings": {"IdleTimeoutInMinutes": 120}}}}}
    settings = new_jupyterlab_settings(space, None, "ml.g5.xlarge", gpu=True)
    assert settings == {
        "DefaultResourceSpec": {"InstanceType": "ml.g5.xlarge", "SageMakerImageArn": CUSTOM,
                                "SageMakerImageVersionAlias": "1.2"},
        "AppLifecycleManagement": {"IdleSettings": {"IdleTimeoutInMinutes": 120}}}
    # The space's own settings are not modified in place.
    assert space["SpaceSettings"]["JupyterLabAppSettings"]["DefaultResourceSpec"][
        "InstanceType"] == "ml.t3.medium"


def test_a_space_without_settings_takes_the_running_apps_image_and_lifecycle():
    app = {"ResourceSpec": {"InstanceType": "ml.t3.medium", "SageMakerImageArn": SMD + "cpu",
                            "LifecycleConfigArn": "arn:lcc"}}
    settings = new_jupyterlab_settings({}, app, "ml.m5.large", gpu=False)
    assert settings == {"DefaultResourceSpec": {"InstanceType": "ml.m5.large",
                                                "SageMakerImageArn": SMD + "cpu",
                                                "LifecycleConfigArn": "arn:lcc"}}
