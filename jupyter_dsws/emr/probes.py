"""The network probes of the path check: resolve a name, open a TCP connection, ask Livy.

Each is async and held to a timeout: DNS through the loop's resolver (getaddrinfo in the
loop's threads), TCP with asyncio's own connection, the HTTP request with http.client in a
worker thread with a socket timeout. Nothing blocks the event loop; no tornado.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import socket
import ssl
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """What a probe found: ``error`` is None on success, else a short kind
    (``unresolved``, ``refused``, ``timeout``, ``unreachable``, ``tls``)."""

    error: str | None = None
    detail: str = ""
    addresses: tuple[str, ...] = ()
    status: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


async def resolve(host: str, timeout: float) -> Outcome:
    loop = asyncio.get_running_loop()
    try:
        found = await asyncio.wait_for(
            loop.getaddrinfo(host, None, type=socket.SOCK_STREAM), timeout)
    except asyncio.TimeoutError:
        return Outcome("timeout", f"no answer from the DNS resolver within {timeout:g} s")
    except (socket.gaierror, UnicodeError, OSError) as exc:
        return Outcome("unresolved", str(exc) or type(exc).__name__)
    return Outcome(addresses=tuple(dict.fromkeys(str(info[4][0]) for info in found)))


async def connect(host: str, port: int, timeout: float) -> Outcome:
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except asyncio.TimeoutError:
        return Outcome("timeout", f"no answer within {timeout:g} s")
    except ConnectionRefusedError:
        return Outcome("refused", "connection refused")
    except OSError as exc:
        return Outcome("unreachable", exc.strerror or str(exc))
    writer.close()
    with contextlib.suppress(OSError, asyncio.TimeoutError):
        await asyncio.wait_for(writer.wait_closed(), 1)
    return Outcome()


async def get(scheme: str, host: str, port: int, path: str, timeout: float, *,
              verify: bool) -> Outcome:
    """``GET path``, without credentials; at most 64 KiB of the body is read."""
    return await asyncio.wait_for(
        asyncio.to_thread(_get, scheme, host, port, path, timeout, verify), timeout + 1)


def _get(scheme: str, host: str, port: int, path: str, timeout: float,
         verify: bool) -> Outcome:
    if scheme == "https":
        context = ssl.create_default_context()
        if not verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=context)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = response.read(65536)
        return Outcome(status=response.status, headers=tuple(response.getheaders()), body=body)
    except ssl.SSLError as exc:
        return Outcome("tls", exc.reason or str(exc))
    except ConnectionRefusedError:
        return Outcome("refused", "connection refused")
    except TimeoutError:
        return Outcome("timeout", f"no answer within {timeout:g} s")
    except (OSError, http.client.HTTPException) as exc:
        return Outcome("unreachable", str(exc) or type(exc).__name__)
    finally:
        connection.close()
