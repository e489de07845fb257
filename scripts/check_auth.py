"""Boot a server with only our extension; fail on any handler that lacks auth decorators.

Every verb of every route the extension registers must be ``@web.authenticated`` (Jupyter
Server warns about the ones that are not when unauthenticated access is off) and
``@authorized`` (nothing warns about that, so we look at the decorators themselves).

    python scripts/check_auth.py [--extension jupyter_dsws]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Iterator

from jupyter_server.serverapp import ServerApp
from jupyter_server.utils import JupyterServerAuthWarning
from tornado import web


def route_handlers(rules) -> Iterator[tuple[str, type]]:
    """Every (pattern, handler class) in a tornado router, nested routers included."""
    for rule in rules:
        target = rule.target
        if hasattr(target, "rules"):
            yield from route_handlers(target.rules)
        elif isinstance(target, type) and issubclass(target, web.RequestHandler):
            yield str(getattr(rule.matcher, "regex", rule.matcher).pattern), target


def decorated_by(method, decorator: str) -> bool:
    """Whether ``decorator`` (by name) wraps ``method`` somewhere in its chain."""
    while method is not None:
        code = getattr(method, "__code__", None)
        if code is not None and getattr(code, "co_qualname", "").startswith(decorator + "."):
            return True
        method = getattr(method, "__wrapped__", None)
    return False


def problems_in(app: ServerApp, package: str) -> Iterator[str]:
    for pattern, handler in route_handlers(app.web_app.default_router.rules):
        if not handler.__module__.startswith(package):
            continue
        for verb in handler.SUPPORTED_METHODS:
            method = getattr(handler, verb.lower())
            if method is web.RequestHandler._unimplemented_method:
                continue
            if hasattr(method, "__allow_unauthenticated"):
                if verb == "OPTIONS":  # APIHandler's CORS preflight, public by design
                    continue
                yield f"- {verb} of {handler.__name__} ({pattern}) allows unauthenticated access"
                continue
            for decorator in ("authenticated", "authorized"):
                if not decorated_by(method, decorator):
                    yield f"- {verb} of {handler.__name__} ({pattern}) lacks @{decorator}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extension", default="jupyter_dsws")
    args = parser.parse_args(argv)

    app = ServerApp(
        allow_unauthenticated_access=False,
        jpserver_extensions={args.extension: True},
        reraise_server_extension_failures=True,
        allow_root=True,
    )
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        app.initialize(argv=[], find_extensions=False, new_httpserver=False)

    problems = [str(r.message) for r in records if issubclass(r.category, JupyterServerAuthWarning)]
    problems.extend(problems_in(app, args.extension))
    routes = [p for p, h in route_handlers(app.web_app.default_router.rules)
              if h.__module__.startswith(args.extension)]
    if not routes:
        print(f"{args.extension} registered no routes: is it installed and enabled?")
        return 1
    if problems:
        print("\n".join(problems))
        print("\nDecorate each verb with @web.authenticated, then @authorized "
              "(jupyter_server.auth.decorator).")
        return 1
    print(f"All {len(routes)} route(s) of {args.extension} require authentication and "
          "authorization.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
