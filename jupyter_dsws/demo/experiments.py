"""The demo's MLflow: a real tracking server, announced to the emulator as SageMaker's
tracking server ``team-mlflow``, and the team's training runs logged into it.

MLflow takes seconds to half a minute to start and the runs a while to log, so both happen
in the background: JupyterLab is usable at once and the Experiments panel says the
tracking server is "Creating" until it answers. MLflow comes from its own venv
(``make mlflow-env``); without it the demo runs without experiments and says so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..slug import slugify
from .catalog import family
from .inventory import demo_inventory
from .mlflow_server import MlflowServer, mlflow_executable
from .seed import NOTEBOOKS
from .team import profile_name

if TYPE_CHECKING:
    from .emulator import Emulator
    from .seed import SeedResult

SERVER_NAME = "team-mlflow"
RUNS_PER_EXPERIMENT = 30


def training_plan(seeded: SeedResult) -> dict[str, Any]:
    """What ``data/train_runs.py`` logs: one experiment per model of the inventory, with
    the versions the registry holds, so that their runs carry the same params and metrics."""
    groups = {group.name: group for group in seeded.groups}
    experiments = []
    for row in demo_inventory():
        name = slugify(row.feature)
        model = family(row.model)
        group = groups.get(name)
        versions = []
        for number, plan in enumerate(model.versions, start=1):
            if group and number <= len(group.versions):
                versions.append({"group": name, "version": number, "params": dict(plan.params),
                                 "metrics": {k: v for k, (v, _) in plan.metrics.items()}})
        experiments.append({"name": name, "model": row.model, "user": profile_name(row.user),
                            "notebook": NOTEBOOKS.get(row.model, "train.ipynb"),
                            "runs": RUNS_PER_EXPERIMENT, "versions": versions})
    return {"experiments": experiments}


#: The kernel env's kernel: the demo's default for new notebooks and the examples' kernel.
TRAINING_KERNEL = "mlflow-training"


def write_training_kernel(jupyter_dir: Path, python: str) -> Path:
    """The kernel spec *Python 3 (MLflow training)* under ``jupyter_dir/kernels``: the
    MLflow venv's Python, with this package importable too (as it is in Studio's kernels),
    so that the example notebooks' ``register_model`` runs; returns the spec's folder."""
    spec = jupyter_dir / "kernels" / TRAINING_KERNEL / "kernel.json"
    site = jupyter_dir / "kernel-site"  # this package alone, not the server's whole venv
    for folder in (spec.parent, site):
        folder.mkdir(parents=True, exist_ok=True)
    package = site / "jupyter_dsws"
    if not package.is_symlink():
        package.symlink_to(Path(__file__).resolve().parents[1], target_is_directory=True)
    spec.write_text(json.dumps({
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (MLflow training)", "language": "python",
        "env": {"PYTHONPATH": str(site)}, "metadata": {"debugger": True}}, indent=2))
    # Python's logo in the launcher, as the usual kernel has it.
    logos = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3"
    for logo in logos.glob("logo-*"):
        shutil.copyfile(logo, spec.parent / logo.name)
    return spec.parent


class DemoMlflow:
    """Starts MLflow and logs the runs in the background; ``stop()`` ends both."""

    def __init__(self, emulator: Emulator, seeded: SeedResult, state_dir: Path) -> None:
        self.emulator = emulator
        self.seeded = seeded
        self.folder = state_dir / "mlflow"
        self.server: MlflowServer | None = None
        self.note = ""
        self._thread: threading.Thread | None = None
        self._training: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()

    @property
    def arn(self) -> str:
        return (f"arn:aws:sagemaker:{self.seeded.region}:{self.seeded.account_id}:"
                f"mlflow-tracking-server/{SERVER_NAME}")

    def start(self) -> bool:
        executable = mlflow_executable()
        if executable is None:
            self.note = ("MLflow is not installed (make mlflow-env, or DSWS_MLFLOW=<path to "
                         "mlflow>): the Experiments panel has no tracking server.")
            return False
        artifacts = f"s3://{self.seeded.artifacts_bucket}/mlflow"
        self.server = MlflowServer(executable, self.folder, artifact_root=artifacts,
                                   aws_endpoint_url=self.emulator.endpoint_url,
                                   region=self.seeded.region).start()
        self.emulator.mlflow.add(SERVER_NAME, self.server.url, artifacts, self._ready)
        self._thread = threading.Thread(target=self._log_runs, name="dsws-demo-mlflow",
                                        daemon=True)
        self._thread.start()
        self.note = f"{self.server.url} (tracking server {SERVER_NAME}; runs log in the background)"
        return True

    def _ready(self) -> bool:
        try:
            return self.server is not None and self.server.ready()
        except RuntimeError:
            return False

    def _log_runs(self) -> None:
        assert self.server is not None
        try:
            self.server.wait_ready(timeout=180)
        except (TimeoutError, RuntimeError):
            return
        done = self.folder / "runs-logged"
        if done.exists() or self._stopping.is_set():  # a kept --state-dir has them already
            return
        plan = self.folder / "training-plan.json"
        plan.write_text(json.dumps(training_plan(self.seeded), indent=2))
        script = resources.files(__package__) / "data" / "train_runs.py"
        python = str(Path(self.server.executable).with_name("python"))
        env = {**os.environ, "MLFLOW_TRACKING_URI": self.server.url,
               "AWS_ENDPOINT_URL": self.emulator.endpoint_url,
               "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
               "AWS_DEFAULT_REGION": self.seeded.region, "AWS_REGION": self.seeded.region,
               "GIT_PYTHON_REFRESH": "quiet", "MLFLOW_ENABLE_ASYNC_LOGGING": "false",
               # One thread per fit: OpenMP's and BLAS's thread pools spin, and on two cores
               # shared with the lab, MLflow and Spark they slowed each run from about half a
               # second to a minute.
               "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        with (self.folder / "training.log").open("ab") as log:
            self._training = subprocess.Popen([python, str(script), str(plan)], env=env,
                                              stdout=log, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL, cwd=self.folder)
            if self._training.wait() == 0:
                done.write_text("")

    def lab_arguments(self) -> list[str]:
        if self.server is None:
            return []
        return [f"--Experiments.tracking_uri={self.arn}",
                f"--Experiments.mlflow_endpoint_url={self.server.url}",
                # New notebooks open on the kernel env (kernel_env.py), which has what
                # Studio's default kernel has: sparkmagic and the %sm_analytics magic too.
                f"--MappingKernelManager.default_kernel_name={TRAINING_KERNEL}",
                # The example notebooks copied from Help open on it too.
                f"--Examples.kernel_name={TRAINING_KERNEL}"]

    def kernel_environment(self, base: dict[str, str]) -> dict[str, str]:
        """What a notebook needs for ``mlflow.start_run()`` to log here: the tracking URI,
        and a kernel with mlflow (the MLflow venv's Python) on JUPYTER_PATH."""
        if self.server is None:
            return {}
        kernels = self.folder / "jupyter"
        write_training_kernel(kernels, str(Path(self.server.executable).with_name("python")))
        path = [str(kernels), *filter(None, base.get("JUPYTER_PATH", "").split(os.pathsep))]
        # A space's server keeps only the image's path (space_server.IMAGE_JUPYTER_PATH).
        return {"MLFLOW_TRACKING_URI": self.server.url, "JUPYTER_PATH": os.pathsep.join(path),
                "DSWS_DEMO_IMAGE_JUPYTER_PATH": str(kernels)}

    def stop(self) -> None:
        self._stopping.set()
        if self._training is not None and self._training.poll() is None:
            self._training.terminate()
        if self.server is not None:
            self.server.stop()
