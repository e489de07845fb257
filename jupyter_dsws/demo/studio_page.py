"""The demo's "Studio" page: the domain's spaces and people, with Run and Stop, on 127.0.0.1.

A small WSGI app in a thread of ``dsws demo`` (werkzeug, as the emulator). It asks for the
demo's token once (``/?token=…`` sets a same-site cookie, as JupyterLab does) and every
change is a POST with a header a cross-site form cannot send. The page itself
(``data/studio_page.html``) reads ``GET /api/state`` every two seconds while it is visible.

Routes: ``GET /`` the page; ``GET /api/state``; ``POST /api/spaces/<name>/run``,
``…/stop``, ``…/instance-type`` (``{"instance_type": …}``); ``GET /api/spaces/<name>/log``;
``GET /spaces/<name>/open?as=<profile>`` opens a running space's JupyterLab as that person:
it sets Studio's ``studioUserProfileName`` cookie (a cookie is the host's, whatever the
port, so the space's server reads it) and redirects there, as Studio does when someone
opens a space. In a shared space the server names the person from it (identity.py).
Errors are ``{"error": code, "message": text}`` with a 4xx (5xx when AWS failed).
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from collections.abc import Iterable
from importlib import resources
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from .identity import COOKIE as PROFILE_COOKIE
from .lab import HOST
from .studio_home import HomeError, StudioHome

COOKIE = "dsws-demo-studio"
#: The header every POST carries: a form from another site cannot set it.
ACTION_HEADER = "X-DSWS-Studio"
_SPACE = re.compile(r"^/api/spaces/(?P<name>[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})/"
                    r"(?P<action>run|stop|instance-type|log)$")
_OPEN = re.compile(r"^/spaces/(?P<name>[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})/open$")
_INSTANCE_TYPE = re.compile(r"^ml\.[a-z0-9]+\.[a-z0-9]+$")


class StudioPageApp:
    def __init__(self, home: StudioHome, token: str) -> None:
        self.home = home
        self.token = token
        self._page = (resources.files(__package__) / "data" / "studio_page.html").read_text(
            "utf-8")

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        try:
            response = self.route(request)
        except HomeError as exc:
            response = _json({"error": exc.code, "message": exc.message}, exc.status)
        return response(environ, start_response)

    def route(self, request: Request) -> Response:
        given = request.args.get("token")
        if request.path == "/" and given is not None:
            if not self._valid(given):
                return _json({"error": "forbidden", "message": "Wrong token: use the URL "
                              "`dsws demo` printed."}, 403)
            answer = Response(status=303, headers={"Location": "/"})
            answer.set_cookie(COOKIE, given, httponly=True, samesite="Strict")
            return answer
        if not self._valid(request.cookies.get(COOKIE, "")):
            return _json({"error": "forbidden", "message": "Open the Studio URL `dsws demo` "
                          "printed (it carries the token)."}, 403)
        if request.path == "/" and request.method == "GET":
            return Response(self._page, content_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-store"})
        if request.path == "/api/state" and request.method == "GET":
            return _json(self.home.state())
        opening = _OPEN.match(request.path)
        if opening is not None and request.method == "GET":
            return self._open(opening["name"], request.args.get("as", ""))
        match = _SPACE.match(request.path)
        if match is None:
            return _json({"error": "not_found", "message": f"No {request.path} here."}, 404)
        name, action = match["name"], match["action"]
        if action == "log":
            if request.method != "GET":
                return _method_not_allowed()
            return _json({"space": name, "lines": self.home.log(name)})
        if request.method != "POST":
            return _method_not_allowed()
        if request.headers.get(ACTION_HEADER) != "1":
            return _json({"error": "forbidden", "message": f"Send the {ACTION_HEADER} header."},
                         403)
        if action == "run":
            self.home.run(name)
        elif action == "stop":
            self.home.stop(name)
        else:
            wanted = (request.get_json(silent=True) or {}).get("instance_type")
            if not isinstance(wanted, str) or not _INSTANCE_TYPE.match(wanted):
                return _json({"error": "invalid_instance_type",
                              "message": "instance_type: an instance type such as "
                                         "ml.m5.large."}, 400)
            self.home.set_instance_type(name, wanted)
        return _json(self.home.state(), 202)

    def _open(self, name: str, profile: str) -> Response:
        state = self.home.state()
        if profile not in state["people"]:
            return _json({"error": "unknown_person", "message": f"as={profile!r}: give one of "
                          f"the domain's user profiles: {', '.join(state['people'])}."}, 400)
        url = next((s["url"] for s in state["spaces"] if s["name"] == name), None)
        if url is None:
            return _json({"error": "space_not_running", "message": f"The space {name} is not "
                          "running: Run it first."}, 409)
        answer = Response(status=303, headers={"Location": url})
        # Studio's cookie is not HttpOnly-protected from anyone: it only says who, never
        # whether (identity.py).
        answer.set_cookie(PROFILE_COOKIE, profile, samesite="Lax")
        return answer

    def _valid(self, given: str) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())


def _json(value: Any, status: int = 200) -> Response:
    return Response(json.dumps(value), status=status, content_type="application/json",
                    headers={"Cache-Control": "no-store"})


def _method_not_allowed() -> Response:
    return _json({"error": "method_not_allowed", "message": "Not with this method."}, 405)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class StudioPage:
    """The page's server on ``HOST:port`` (0: a free port), in a daemon thread."""

    def __init__(self, home: StudioHome, token: str, port: int) -> None:
        self._server: BaseWSGIServer = make_server(
            HOST, port, StudioPageApp(home, token), threaded=True,
            request_handler=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="dsws-demo-studio", daemon=True)
        self.token = token

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def start(self) -> StudioPage:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
