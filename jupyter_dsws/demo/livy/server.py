"""The demo's Livy: Livy's REST API on 127.0.0.1 in front of one local Spark.

One server stands in for the Livy of several EMR clusters, one URL path each
(``Endpoint``): ``/`` answers without authentication, an LDAP cluster's path asks for
HTTP basic credentials (401 without them), a Kerberos cluster's answers 401 with
``WWW-Authenticate: Negotiate`` (the demo has no KDC). While Spark starts, ``GET
/sessions`` answers 503 with ``{"starting": true, "msg": ...}``, which the EMR panel's
path check reports as "starting"; sessions created meanwhile are ``starting`` until
Spark is ready, as on a cluster whose Livy is up before its Spark application.

Like a Livy without authentication, the root endpoint runs any code it is sent; it listens
on 127.0.0.1 only, so only this machine's users can reach it.
"""

from __future__ import annotations

import base64
import hmac
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from .sessions import KINDS, Session, Sessions
from .spark import FAILED, READY, SparkProcess

HOST = "127.0.0.1"
#: Also sent while starting, so that a client need not read the body (EMR panel: decide.py).
STARTING_HEADER = "X-Dsws-Livy-Starting"
_ROUTE = re.compile(r"^/sessions(?:/(\d+)(/state|/log|/statements(?:/(\d+)(/cancel)?)?)?)?/?$")


@dataclass(frozen=True)
class Endpoint:
    """One cluster's Livy: its URL path ("" for the root) and how it authenticates."""

    path: str = ""
    auth: str = "none"  # none | basic | negotiate
    user: str = ""
    password: str = ""

    def refuses(self, request: Request) -> Response | None:
        """The 401 for a request this endpoint does not admit, else None."""
        if self.auth == "none":
            return None
        if self.auth == "basic":
            header = request.headers.get("Authorization", "")
            expected = "Basic " + base64.b64encode(
                f"{self.user}:{self.password}".encode()).decode()
            if hmac.compare_digest(header.encode(), expected.encode()):
                return None
            challenge = 'Basic realm="Livy"'
        else:
            challenge = "Negotiate"
        answer = _json(401, {"msg": "Authentication required"})
        answer.headers["WWW-Authenticate"] = challenge
        return answer


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _missing(what: str) -> Response:
    return _json(404, {"msg": f"{what} not found."})


class LivyApp:
    """The WSGI application: routes by endpoint path, then by Livy's REST routes."""

    def __init__(self, spark: SparkProcess, endpoints: Iterable[Endpoint]) -> None:
        self.spark = spark
        self.sessions = Sessions(spark)
        # The longest path first, so "/ldap" is not taken for the root's "/ldap/sessions".
        self.endpoints = sorted(endpoints, key=lambda e: len(e.path), reverse=True)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        return self.answer(request)(environ, start_response)

    def answer(self, request: Request) -> Response:
        path = request.path
        for endpoint in self.endpoints:
            prefix = endpoint.path.rstrip("/")
            if path == prefix + "/sessions" or path.startswith(prefix + "/sessions/"):
                return endpoint.refuses(request) or self._route(
                    endpoint, request, path[len(prefix):])
        return _json(404, {"msg": f"No route for {request.method} {path}."})

    def _route(self, endpoint: Endpoint, request: Request, path: str) -> Response:
        match = _ROUTE.match(path)
        if match is None:
            return _json(404, {"msg": f"No route for {request.method} {path}."})
        session_id, part, statement_id, cancel = match.groups()
        method = request.method
        if session_id is None:
            if method == "GET":
                return self._list(endpoint)
            if method == "POST":
                return self._create(endpoint, request)
            return _json(405, {"msg": f"{method} is not allowed on /sessions."})
        session = self.sessions.get(endpoint.path, int(session_id))
        if session is None:
            return _missing(f"Session '{session_id}'")
        if part is None:
            if method == "DELETE":
                self.sessions.delete(session)
                return _json(200, {"msg": "deleted"})
            return _json(200, session.json(self.spark))
        if part == "/state":
            return _json(200, {"id": session.id, "state": session.state(self.spark)})
        if part == "/log":
            return _json(200, {"id": session.id, "from": 0, "total": len(session.log),
                               "log": session.log})
        return self._statements(session, request, statement_id, cancel)

    def _list(self, endpoint: Endpoint) -> Response:
        if self.spark.state != READY:
            starting = self.spark.state != FAILED
            answer = _json(503 if starting else 500, {
                "starting": starting,
                "msg": "Spark is starting; try again in a moment." if starting
                else f"Spark is not running: {self.spark.problem}"})
            if starting:
                answer.headers[STARTING_HEADER] = "1"
            return answer
        sessions = self.sessions.of(endpoint.path)
        return _json(200, {"from": 0, "total": len(sessions),
                           "sessions": [s.json(self.spark) for s in sessions]})

    def _create(self, endpoint: Endpoint, request: Request) -> Response:
        body = _body(request)
        kind = body.get("kind", "pyspark")
        if kind != "pyspark":
            return _json(400, {"msg": f"This Livy runs pyspark sessions only, not {kind!r}"
                                      if kind in KINDS else f"Unknown session kind {kind!r}."})
        owner = endpoint.user if endpoint.auth == "basic" else None
        name = body.get("name") if isinstance(body.get("name"), str) else None
        session = self.sessions.create(endpoint.path, kind, name, owner)
        answer = _json(201, session.json(self.spark))
        answer.headers["Location"] = f"{endpoint.path}/sessions/{session.id}"
        return answer

    def _statements(self, session: Session, request: Request, statement_id: str | None,
                    cancel: str | None) -> Response:
        if statement_id is None:
            if request.method == "POST":
                code = _body(request).get("code")
                if not isinstance(code, str):
                    return _json(400, {"msg": "A statement needs its code: {\"code\": \"...\"}"})
                statement = self.sessions.submit(session, code)
                answer = _json(201, statement.json())
                answer.headers["Location"] = (f"{session.endpoint}/sessions/{session.id}"
                                               f"/statements/{statement.id}")
                return answer
            return _json(200, {"total_statements": len(session.statements),
                               "statements": [s.json() for s in session.statements]})
        index = int(statement_id)
        if index >= len(session.statements):
            return _missing(f"Statement '{statement_id}'")
        statement = session.statements[index]
        if cancel:
            self.sessions.cancel(statement)
            return _json(200, {"msg": "canceled"})
        return _json(200, statement.json())


def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(as_text=True) or "{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class LivyServer:
    """The demo's Livy on a port of 127.0.0.1, Spark starting behind it; a context manager.

    ``start()`` returns at once with the port bound; ``url(endpoint)`` is what
    ``EMRConnect.livy_endpoints`` and sparkmagic's ``%spark add -u`` take.
    """

    def __init__(self, python: str, endpoints: Iterable[Endpoint] = (Endpoint(),), *,
                 port: int = 0, log_path: Path | None = None, cores: int = 2,
                 memory: str = "512m", environment: dict[str, str] | None = None) -> None:
        self.spark = SparkProcess(python, log_path=log_path, cores=cores, memory=memory,
                                  environment=environment)
        self.endpoints = tuple(endpoints)
        self._port = port
        self._server: BaseWSGIServer | None = None
        self._app: LivyApp | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("The Livy server is not running; call start() first.")
        return int(self._server.server_port)

    def url(self, endpoint: Endpoint | None = None) -> str:
        return f"http://{HOST}:{self.port}{(endpoint or self.endpoints[0]).path}"

    def start(self) -> LivyServer:
        self._app = LivyApp(self.spark, self.endpoints)
        self._server = make_server(HOST, self._port, self._app, threaded=True,
                                   request_handler=_QuietHandler)
        threading.Thread(target=self._server.serve_forever, name="dsws-livy",
                         daemon=True).start()
        self.spark.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._app is not None:
            self._app.sessions.close()
        self.spark.stop()

    def __enter__(self) -> LivyServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def start_livy(python: str, endpoints: Iterable[Endpoint] = (Endpoint(),),
               **options: Any) -> LivyServer:
    """A running demo Livy (Spark still starting); its ``port`` and ``url()`` say where."""
    return LivyServer(python, endpoints, **options).start()
