"""The demo's AWS: moto's server on 127.0.0.1, plus what moto lacks.

Built the way moto's ``ThreadedMotoServer`` builds it (werkzeug's ``make_server`` around
``DomainDispatcherApplication(create_backend_app)``), with one WSGI layer in front that
serves the CodeCommit repositories over git smart HTTP, answers the CodeCommit, SageMaker
(Studio's control plane: domains, profiles, spaces, apps, lifecycle configurations;
MLflow), Service Quotas (Studio's JupyterLab quotas) and EMR operations moto does not
implement, from moto's own state and the layers' own, keeps them in step across
``POST /moto-api/reset``, and records who registered and who reviewed a model version.
moto is pinned (see pyproject.toml): this layer reads its internals. Nothing outside
``jupyter_dsws.demo``, the CLI and the tests may import it.
"""

from __future__ import annotations

import http.client
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, make_server

from .codecommit import TARGET_PREFIX, CodeCommitLayer
from .emr_layer import TARGET_PREFIX as EMR_PREFIX
from .emr_layer import EmrLayer
from .git_server import GIT_PATH_PREFIX, GitHttpApp, GitStore
from .mlflow_control import MlflowControlPlane
from .sagemaker import TARGET_PREFIX as SAGEMAKER_PREFIX
from .sagemaker import SageMakerLayer
from .studio import SERVICE_QUOTAS_PREFIX, ServiceQuotasLayer, StudioControlPlane
from .throttle import Throttle
from .wsgi import StartResponse

HOST = "127.0.0.1"
RESET_PATH = "/moto-api/reset"


class EmulatorApp:
    """Routes each request: the git server, the CodeCommit, SageMaker, EMR or Service Quotas
    layer, or moto itself."""

    def __init__(self, store: GitStore) -> None:
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.store = store
        self.git = GitHttpApp(store)
        self.codecommit = CodeCommitLayer(self.moto, store)
        self.sagemaker = SageMakerLayer(self.moto)
        self.emr = EmrLayer(self.moto)
        self.quotas = ServiceQuotasLayer(self.moto, self.sagemaker.studio.quotas)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(GIT_PATH_PREFIX + "/"):
            return self.git(environ, start_response)
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith(TARGET_PREFIX):
            return self.codecommit(environ, start_response)
        if target.startswith(SAGEMAKER_PREFIX):
            return self.sagemaker(environ, start_response)
        if target.startswith(EMR_PREFIX):
            return self.emr(environ, start_response)
        if target.startswith(SERVICE_QUOTAS_PREFIX):
            return self.quotas(environ, start_response)
        if path == RESET_PATH and environ.get("REQUEST_METHOD") == "POST":
            self.store.clear()
            self.sagemaker.studio.clear()
        return self.moto(environ, start_response)


class _QuietHandler(MotoRequestHandler):
    """moto's request handler without a log line per request (errors are still logged)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class Emulator:
    """A moto server on a free port of 127.0.0.1, as a context manager.

    moto keeps its state in module globals, so one process holds one emulator at a time;
    a second would silently share the first one's state, and ``start`` refuses it.
    """

    _running_lock = threading.Lock()
    _running: Emulator | None = None

    def __init__(self, *, port: int = 0, git_root: Path | None = None) -> None:
        self._port = port
        self._git_root = git_root
        self._owns_git_root = git_root is None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.store: GitStore | None = None
        self._app: EmulatorApp | None = None
        #: Counts the AWS calls answered; throttles a fraction of them (DSWS_EMULATOR_THROTTLE).
        self.throttle = Throttle.from_environment()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("The emulator is not running; call start() first.")
        return int(self._server.server_port)

    @property
    def endpoint_url(self) -> str:
        """What boto3 takes as ``endpoint_url`` (every service shares it)."""
        return f"http://{HOST}:{self.port}"

    def start(self) -> Emulator:
        with Emulator._running_lock:
            if Emulator._running is not None:
                raise RuntimeError("An emulator already runs in this process; moto's state "
                                   "is per process, so stop it or reuse it.")
            Emulator._running = self
        try:
            root = self._git_root or Path(tempfile.mkdtemp(prefix="dsws-emulator-git-"))
            self._git_root = root
            self.store = GitStore(root)
            # A fresh moto knows no repository: the disk must not either.
            self.store.clear()
            app = EmulatorApp(self.store)
            self._app = app
            self._server = make_server(HOST, self._port, self.throttle.wrap(app), threaded=True,
                                       request_handler=_QuietHandler)
            self._thread = threading.Thread(target=self._server.serve_forever,
                                            name="dsws-emulator", daemon=True)
            self._thread.start()
        except BaseException:
            self._release()
            raise
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket, so the port is free again."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._release()

    def _release(self) -> None:
        self._server = None
        self._thread = None
        if self._owns_git_root and self._git_root is not None:
            shutil.rmtree(self._git_root, ignore_errors=True)
            self._git_root = None
        with Emulator._running_lock:
            if Emulator._running is self:
                Emulator._running = None

    @property
    def mlflow(self) -> MlflowControlPlane:
        """Where the demo announces its MLflow tracking servers (SageMaker's control plane)."""
        if self._app is None:
            raise RuntimeError("The emulator is not running; call start() first.")
        return self._app.sagemaker.mlflow

    @property
    def studio(self) -> StudioControlPlane:
        """SageMaker Studio's control plane: set its ``host`` to run apps, ``set_quota``."""
        if self._app is None:
            raise RuntimeError("The emulator is not running; call start() first.")
        return self._app.sagemaker.studio

    def reset(self) -> None:
        """Wipe every service's state and every repository, as a fresh server has none."""
        # http.client rather than urllib: no proxy from the environment can intercept it.
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            connection.request("POST", RESET_PATH, body=b"")
            answer = connection.getresponse()
            answer.read()
        finally:
            connection.close()
        if answer.status != 200:
            raise RuntimeError(f"The emulator refused the reset (HTTP {answer.status}).")

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

