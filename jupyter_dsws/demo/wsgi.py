"""The emulator's layers are WSGI apps in front of moto: their types, and one call through moto."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from io import BytesIO
from typing import Any

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def call_through(app: WsgiApp, environ: dict[str, Any], body: bytes
                 ) -> tuple[str, list[tuple[str, str]], bytes]:
    """``app``'s status, headers and whole payload for the request, with ``body`` as its body.

    A layer that read the body to decide hands ``app`` a fresh copy: it reads it again.
    """
    environ = {**environ, "CONTENT_LENGTH": str(len(body)), "wsgi.input": BytesIO(body)}
    captured: dict[str, Any] = {}

    def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        captured.update(status=status, headers=headers)

    chunks = app(environ, keep)
    try:
        payload = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()
    return captured["status"], captured["headers"], payload
