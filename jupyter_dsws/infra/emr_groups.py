"""The security groups an admin gives to EMR clusters in the private subnets (FR-2).

EMR takes custom *managed* groups as a set: one for the primary node, one for core and task
nodes and, in a private subnet, one for service access (``--ec2-attributes
EmrManagedMasterSecurityGroup=…,EmrManagedSlaveSecurityGroup=…,ServiceAccessSecurityGroup=…``).
EMR adds the inbound rules a cluster needs to those groups itself; it never adds outbound
rules to custom groups, so every egress a cluster needs is here. Rules follow AWS's "Working
with Amazon EMR-managed security groups" (EMR Management Guide): service access takes 9443
from the primary and sends 8443 to every node (releases 5.30 to 7.x); from 8.0 it takes
HTTPS from the cluster's instances. On top of that, Studio reaches the primary's Livy and
HiveServer2, and nothing else reaches the cluster.
"""

from __future__ import annotations

from aws_cdk import aws_ec2 as ec2
from constructs import Construct

HTTPS = 443
HIVESERVER2 = 10000
CLUSTER_MANAGER = 8443  # service access → nodes
SERVICE_ACCESS = 9443  # primary → service access


class EmrSecurityGroups:
    """The primary, core/task and service-access groups, and Studio's way in.

    Not a construct of its own: the groups sit directly in ``scope`` under the ids (and the
    primary keeps the description) of the first release, because a changed logical id or
    description replaces a security group, and that fails while a cluster uses it."""

    def __init__(self, scope: Construct, *, vpc: ec2.IVpc, studio: ec2.SecurityGroup,
                 endpoints: ec2.SecurityGroup, s3_peer: ec2.IPeer, livy_port: int) -> None:
        def group(name: str, description: str) -> ec2.SecurityGroup:
            return ec2.SecurityGroup(scope, name, vpc=vpc, allow_all_outbound=False,
                                     description=description)

        self.primary = group("EmrPrimarySg", "EMR primary node: Livy from Studio")
        self.core = group("EmrCoreSg", "EMR core and task nodes")
        self.service_access = group(
            "EmrServiceAccessSg", "EMR service access: the cluster manager in private subnets")
        primary, core, service = self.primary, self.core, self.service_access

        for port, what in ((livy_port, "Livy"), (HIVESERVER2, "HiveServer2")):
            primary.add_ingress_rule(studio, ec2.Port.tcp(port), f"{what} from Studio")
            studio.add_egress_rule(primary, ec2.Port.tcp(port), f"{what} to the EMR primary")

        for node, name in ((primary, "primary"), (core, "core/task")):
            node.add_egress_rule(primary, ec2.Port.all_traffic(), "To the EMR primary")
            node.add_egress_rule(core, ec2.Port.all_traffic(), "To the EMR core/task nodes")
            node.add_egress_rule(endpoints, ec2.Port.tcp(HTTPS), "HTTPS to the endpoints")
            node.add_egress_rule(s3_peer, ec2.Port.tcp(HTTPS), "HTTPS to S3")
            node.add_egress_rule(service, ec2.Port.tcp(HTTPS),
                                 "HTTPS to the cluster manager (EMR 8.0 and later)")
            endpoints.add_ingress_rule(node, ec2.Port.tcp(HTTPS), f"HTTPS from the EMR {name}")
            service.add_ingress_rule(node, ec2.Port.tcp(HTTPS),
                                     f"HTTPS from the EMR {name} (EMR 8.0 and later)")
            service.add_egress_rule(node, ec2.Port.tcp(CLUSTER_MANAGER),
                                    f"Cluster manager to the EMR {name}")
        primary.add_egress_rule(service, ec2.Port.tcp(SERVICE_ACCESS),
                                "To the cluster manager (EMR 5.30 to 7.x)")
        service.add_ingress_rule(primary, ec2.Port.tcp(SERVICE_ACCESS),
                                 "From the EMR primary (EMR 5.30 to 7.x)")

    def outputs(self) -> dict[str, str]:
        """Stack outputs named as EMR's ``Ec2InstanceAttributes`` names them."""
        return {
            "EmrManagedMasterSecurityGroup": self.primary.security_group_id,
            "EmrManagedSlaveSecurityGroup": self.core.security_group_id,
            "ServiceAccessSecurityGroup": self.service_access.security_group_id,
        }
