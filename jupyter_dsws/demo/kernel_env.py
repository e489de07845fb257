"""The demo's kernel env: the venv of ``make mlflow-env`` (requirements/mlflow.txt).

It holds what a data scientist's kernel has in Studio's image and the extension does not
need: MLflow, pyspark, sparkmagic and the ``%sm_analytics`` magic. The demo offers it as the
kernel "Python 3 (MLflow training)" (``experiments.py``) and runs the Livy's Spark with it
(``spark_demo.py``).
"""

from __future__ import annotations

from pathlib import Path

from .mlflow_server import mlflow_executable


def kernel_python() -> str | None:
    """The kernel env's Python (beside its ``mlflow``), or None when it is not installed."""
    executable = mlflow_executable()
    if executable is None:
        return None
    python = Path(executable).with_name("python")
    return str(python) if python.exists() else None
