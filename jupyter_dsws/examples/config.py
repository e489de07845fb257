"""The example notebooks' settings."""

from __future__ import annotations

from traitlets import Unicode
from traitlets.config import Configurable


class Examples(Configurable):
    """The example notebooks the getting-started page copies into the workspace."""

    kernel_name = Unicode(
        "python3",
        config=True,
        help=(
            "The kernel a copied example opens with: one with mlflow, boto3, pandas, "
            "scikit-learn and statsmodels (Studio's Python 3 has them). Default: python3. "
            "`dsws demo` sets its MLflow training kernel."
        ),
    )
