"""The example notebooks: one per model of the team's inventory, each the path a team
member follows in Studio. Plain data, no server: the copy route, the tests and the docs'
table read it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Example:
    #: The notebook's file name, in ``notebooks/`` and once copied.
    name: str
    title: str
    model: str
    owner: str
    #: The model package group, which is also the MLflow experiment.
    group: str
    summary: str
    #: The per-step metrics its runs log (a curve in the Experiments panel).
    step_metrics: tuple[str, ...]
    #: Whether it registers a version with ``register_model`` when run top to bottom.
    registers: bool
    gpu: bool


EXAMPLES: tuple[Example, ...] = (
    Example("sorting_hat_xgboost.ipynb", "Sorting Hat algorithm", "XGBoost", "Harry Potter",
            "sorting-hat-algorithm",
            "Gradient boosting on a CPU: three runs logged to MLflow, the best registered.",
            ("val_loss",), registers=True, gpu=False),
    Example("owls_arima.ipynb", "Owls needed for school letters", "ARIMA",
            "Hermione Granger",
            "forecast-number-of-owls-needed-to-deliver-school-letters",
            "An ARIMA forecast (statsmodels): three orders logged to MLflow, the best "
            "registered.", ("abs_error",), registers=True, gpu=False),
    Example("restricted_section_cnn.ipynb", "Access to the Restricted Section", "CNN",
            "Hermione Granger", "access-to-restricted-section-in-hogwarts-library",
            "A GPU training job in script mode on the recommended instance; its code runs "
            "one small step on the CPU here.", ("train_loss",), registers=False, gpu=True),
    Example("inquiry_summaries_seq2seq.ipynb", "Summaries of inquiries", "Seq2seq",
            "Ronald Weasley", "generate-summaries-for-inquiries-for-hogwarts",
            "A GPU training job in script mode on the recommended instance; its code runs "
            "one small step on the CPU here.", ("train_loss",), registers=False, gpu=True),
)


def example(name: str) -> Example | None:
    return next((e for e in EXAMPLES if e.name == name), None)


def notebook_text(name: str) -> str:
    """The shipped notebook's JSON text; ``KeyError`` for a name that is not an example."""
    if example(name) is None:
        raise KeyError(name)
    return (resources.files(__package__) / "notebooks" / name).read_text("utf-8")
