"""A real jupyter-server with the EMR panel against moto's EMR, EC2 and EMR Serverless, and a
small local Livy (``LocalLivy``: ``GET /sessions`` answering 200, 401 or 503).

moto puts every EMR cluster in us-east-1 when it is reached through an endpoint URL
(../shared/context/aws-emulator.md), with its security groups in that region's EC2: the
server under test uses us-east-1 too. ``world`` makes a VPC, a subnet, the space's
security group and one cluster of each auth type; ``emr_config`` (indirect) sets
``c.EMRConnect``, by default mapping the ``mapped`` cluster to the local Livy and naming the
space's security group.
"""

from __future__ import annotations

import datetime
import json
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers import fake_client

REGION = "us-east-1"
RUNTIME_ROLES = json.dumps({"AuthorizationConfiguration": {"IAMConfiguration": {
    "EnableApplicationScopedIAMRole": True}}})


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


# ---- a local Livy -------------------------------------------------------------------------

class LocalLivy:
    """``GET /sessions`` answering ``status`` (200 with an empty list, 401 asking for
    credentials, 503 saying it is starting); ``stop()`` and ``start()`` again on the same
    port, so that a check can find nothing listening and then Livy."""

    def __init__(self, certificate: tuple[Path, Path] | None = None) -> None:
        self.status = 200
        self.requests: list[str] = []
        self.port = 0
        self.certificate = certificate  # (cert, key): HTTPS
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.certificate else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> LocalLivy:
        livy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                livy.requests.append(self.path)
                status = livy.status if self.path == "/sessions" else 404
                body = {200: {"from": 0, "total": 0, "sessions": []},
                        503: {"starting": True}}.get(status, {"msg": "no"})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 401:
                    self.send_header("WWW-Authenticate", 'Basic realm="livy"')
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        if self.certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.certificate)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture
def livy() -> Iterator[LocalLivy]:
    running = LocalLivy().start()
    yield running
    running.stop()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (what a cluster's own CA gives: not one
    the space trusts)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "livy.cluster.internal")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "livy.pem", folder / "livy.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_livy(tmp_path: Path) -> Iterator[LocalLivy]:
    """A Livy over HTTPS with a self-signed certificate."""
    running = LocalLivy(self_signed(tmp_path)).start()
    yield running
    running.stop()


# ---- the AWS world ------------------------------------------------------------------------

@dataclass
class World:
    emr: Any
    ec2: Any
    serverless: Any
    vpc: str
    subnet: str
    space_sg: str
    clusters: dict[str, str] = field(default_factory=dict)

    def cluster(self, name: str, **extra: Any) -> str:
        instances = {"InstanceGroups": [
            {"Name": "Primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge",
             "InstanceCount": 1},
            {"Name": "Core", "InstanceRole": "CORE", "InstanceType": "m5.xlarge",
             "InstanceCount": 2}],
            "Ec2SubnetId": self.subnet, "KeepJobFlowAliveWhenNoSteps": True}
        cluster_id = self.emr.run_job_flow(
            Name=name, ReleaseLabel="emr-7.5.0", Instances=instances,
            Applications=[{"Name": "Spark"}, {"Name": "Livy"}],
            JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole",
            **extra)["JobFlowId"]
        self.clusters[name] = cluster_id
        return cluster_id

    def primary_sg(self, cluster_id: str) -> str:
        attributes = self.emr.describe_cluster(ClusterId=cluster_id)["Cluster"][
            "Ec2InstanceAttributes"]
        return attributes["EmrManagedMasterSecurityGroup"]

    def open_livy(self, cluster_id: str, port: int = 8998) -> None:
        """The rule the path check's fix names: TCP ``port`` from the space's group."""
        self.ec2.authorize_security_group_ingress(
            GroupId=self.primary_sg(cluster_id), IpPermissions=[{
                "IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                "UserIdGroupPairs": [{"GroupId": self.space_sg}]}])


@pytest.fixture
def aws_endpoint_url(emulator: Any) -> str:
    return emulator.endpoint_url


@pytest.fixture
def world(fresh_emulator: Any) -> World:
    def client(service: str) -> Any:
        return fake_client(fresh_emulator.endpoint_url, service, REGION)

    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    space_sg = ec2.create_security_group(GroupName="studio-space", Description="Studio",
                                         VpcId=vpc)["GroupId"]
    found = World(client("emr"), ec2, client("emr-serverless"), vpc, subnet, space_sg)
    found.emr.create_security_configuration(Name="runtime-roles",
                                            SecurityConfiguration=RUNTIME_ROLES)
    found.cluster("plain")
    found.cluster("mapped")
    found.cluster("ldap", Configurations=[{"Classification": "livy-conf", "Properties": {
        "livy.server.auth.type": "ldap", "livy.server.port": "8999"}}])
    found.cluster("kerberos", KerberosAttributes={"Realm": "EC2.INTERNAL",
                                                  "KdcAdminPassword": "not-a-secret"})
    found.cluster("runtime", SecurityConfiguration="runtime-roles")
    return found


@pytest.fixture
def emr_config(request: pytest.FixtureRequest, world: World, livy: LocalLivy) -> dict:
    """``c.EMRConnect`` of this test: a function of (world, livy) through indirect
    parametrization, by default the mapped cluster at the local Livy."""
    make: Callable[[World, LocalLivy], dict] = getattr(request, "param", None) or (
        lambda w, lv: {"livy_endpoints": {w.clusters["mapped"]: lv.url},
                       "space_security_groups": [w.space_sg]})
    return make(world, livy)


@pytest.fixture
def dsws_defaults() -> dict:
    return {"panels": ["emr"], "region": REGION}


@pytest.fixture
def config_sections(emr_config: dict) -> dict:
    return {"EMRConnect": emr_config}


@pytest.fixture
def emr(extension: Any) -> Any:
    """The running EMR feature (its ``config`` is the live ``EMRConnect``)."""
    return extension.features["emr"]
