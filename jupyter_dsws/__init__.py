"""jupyter_dsws: the data science workspace for SageMaker Studio."""

from __future__ import annotations

try:
    from ._version import __version__
except ImportError:  # a source checkout that was never built
    __version__ = "0.0.0+unknown"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter_dsws"}]


def _jupyter_server_extension_points() -> list[dict[str, object]]:
    from .app import DSWSExtension

    return [{"module": "jupyter_dsws", "app": DSWSExtension}]
