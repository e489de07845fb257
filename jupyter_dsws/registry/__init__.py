"""Model registry: the Models panel's server side, and ``register_model`` for notebooks.

Importing this package stays light (boto3 only when called, no tornado), so a notebook can
``from jupyter_dsws.registry import register_model``.
"""

from .register import register_model

__all__ = ["register_model"]
