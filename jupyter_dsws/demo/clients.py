"""The seed's boto3 clients: the team's shared ones, and each person's own."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..aws import client_config, make_session
from .team import FAKE_SECRET, access_key, profile_name

FAKE_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
#: The attempts of the demo's stand-ins for AWS's own parts (Studio's page, the space's
#: logs): like the console, they try again through a busy account
#: (DSWS_EMULATOR_THROTTLE) where our product's clients give up after 3 and say so.
PERSISTENT_ATTEMPTS = 10


class Clients:
    """boto3 clients as one caller, each made when first used. The people's clients share
    one session: it reads each service's model from disk only once."""

    def __init__(self, endpoint_url: str, region: str, *,
                 credentials: dict[str, str] = FAKE_CREDENTIALS,
                 session: Any = None, max_attempts: int = 3) -> None:
        self.endpoint_url, self.region = endpoint_url, region
        self.max_attempts = max_attempts
        self._credentials = credentials
        self._session = session or make_session(region)
        self._people: dict[str, Clients] = {}
        self._others: dict[str, Any] = {}

    def _client(self, service: str) -> Any:
        config = client_config(connect_timeout=5, read_timeout=30,
                               max_attempts=self.max_attempts)
        return self._session.client(service, endpoint_url=self.endpoint_url, config=config,
                                    **self._credentials)

    def client(self, service: str) -> Any:
        """A client of any other service, made once."""
        if service not in self._others:
            self._others[service] = self._client(service)
        return self._others[service]

    @cached_property
    def sts(self) -> Any:
        return self._client("sts")

    @cached_property
    def s3(self) -> Any:
        return self._client("s3")

    @cached_property
    def sagemaker(self) -> Any:
        return self._client("sagemaker")

    @cached_property
    def codecommit(self) -> Any:
        return self._client("codecommit")

    def of(self, person: str) -> Clients:
        """The clients of a team member: their own (fake) credentials, their user profile."""
        if person not in self._people:
            self._people[person] = Clients(
                self.endpoint_url, self.region, session=self._session,
                max_attempts=self.max_attempts, credentials={
                    "aws_access_key_id": access_key(profile_name(person)),
                    "aws_secret_access_key": FAKE_SECRET})
        return self._people[person]
