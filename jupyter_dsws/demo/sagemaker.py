"""Who registered and who reviewed a model version, recorded as SageMaker does; and
SageMaker's MLflow operations and Studio's control plane (domains, profiles, spaces, apps,
lifecycle configurations), which moto lacks (``mlflow_control.py``, ``studio/``).

moto 5.2.5 writes ``fake-user-profile-name`` into every model package's ``CreatedBy`` (and
copies it to ``LastModifiedBy`` on an update). AWS records the caller's Studio user
profile there. This layer passes CreateModelPackage and UpdateModelPackage to moto, then
sets that field from the caller's access key (``team.py``: a team member's fake key
names their profile); a caller who is nobody of the team gets no profile, as a caller
outside Studio gets none on AWS. It reads moto's internals: moto is pinned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from moto.sagemaker.models import sagemaker_backends
from werkzeug.wsgi import get_input_stream

from .caller import access_key_id, caller
from .mlflow_control import MlflowControlPlane
from .studio import TAG_OPERATIONS, StudioControlPlane
from .team import DOMAIN_ID, profile_of
from .wsgi import StartResponse, WsgiApp, call_through

TARGET_PREFIX = "SageMaker."
# Operation -> the attribute it records. (moto describes no CreatedBy of a group.)
_RECORDED = {"CreateModelPackage": "created_by", "UpdateModelPackage": "last_modified_by"}


class SageMakerLayer:
    def __init__(self, moto: WsgiApp) -> None:
        self.moto = moto
        #: SageMaker's MLflow operations, which moto lacks.
        self.mlflow = MlflowControlPlane()
        #: Studio's control plane, which moto lacks (it keeps moto's domains).
        self.studio = StudioControlPlane()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        operation = environ.get("HTTP_X_AMZ_TARGET", "")[len(TARGET_PREFIX):]
        if operation in self.mlflow.OPERATIONS:
            return self.mlflow(operation, environ, start_response)
        if operation in self.studio.OPERATIONS:
            return self.studio(operation, environ, start_response)
        if operation in TAG_OPERATIONS:
            return self._tags(operation, environ, start_response)
        attribute = _RECORDED.get(operation)
        if attribute is None:
            return self.moto(environ, start_response)
        body = get_input_stream(environ).read()
        status, headers, payload = call_through(self.moto, environ, body)
        if status.startswith("200"):
            self._record(environ, attribute, payload)
        start_response(status, headers)
        return [payload]

    def _tags(self, operation: str, environ: dict[str, Any],
              start_response: StartResponse) -> Iterable[bytes]:
        """Tags of Studio's resources are the plane's; every other ARN's are moto's."""
        body = get_input_stream(environ).read()
        try:
            arn = json.loads(body or b"{}").get("ResourceArn")
        except (ValueError, AttributeError):
            arn = None
        if isinstance(arn, str) and self.studio.owns(arn):
            account, region = caller(environ)
            return self.studio.respond(operation, body, account, region, start_response)
        status, headers, payload = call_through(self.moto, environ, body)
        start_response(status, headers)
        return [payload]

    def _record(self, environ: dict[str, Any], attribute: str, payload: bytes) -> None:
        arn = json.loads(payload or b"{}").get("ModelPackageArn")
        account, region = caller(environ)
        package = sagemaker_backends[account][region].model_packages.get(str(arn or ""))
        if package is None:
            return
        key = access_key_id(environ)
        profile = profile_of(key) if key else None
        context: dict[str, str] = {}
        if profile:
            context = {
                "UserProfileArn": f"arn:aws:sagemaker:{region}:{account}:user-profile/"
                                  f"{DOMAIN_ID}/{profile}",
                "UserProfileName": profile,
                "DomainId": DOMAIN_ID,
            }
        setattr(package, attribute, context)
