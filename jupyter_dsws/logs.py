"""Our module loggers write through the server's logger, once, in its format.

Every module logs to ``logging.getLogger(__name__)``, a child of ``jupyter_dsws``, which
propagates to the root logger. In the Studio image AWS's packages call
``logging.basicConfig(level=INFO)`` at import, which gives the root logger a handler of
its own: our lines then also came out as ``INFO:jupyter_dsws.codecommit.service:…``.
While the extension runs, ``jupyter_dsws`` hangs under the extension's logger instead (as
jupyter_server does with tornado's loggers), whose handler has the server's format and
which does not propagate to the root.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

PACKAGE = "jupyter_dsws"


def route_through(server_log: logging.Logger) -> Callable[[], None]:
    """Make ``server_log`` the parent of our loggers; returns what undoes it."""
    ours = logging.getLogger(PACKAGE)
    parent, propagate = ours.parent, ours.propagate
    ours.parent = server_log
    ours.propagate = True

    def restore() -> None:
        if ours.parent is server_log:
            ours.parent, ours.propagate = parent, propagate

    return restore
