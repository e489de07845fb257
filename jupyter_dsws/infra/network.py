"""The network: private isolated subnets only, VPC endpoints, the security groups, flow logs.

No internet gateway and no NAT exist in this VPC at all (NFR-1, NFR-2): the only ways out
of a subnet are the S3 gateway endpoint's prefix-list route and the interface endpoints.
"""

from __future__ import annotations

from aws_cdk import Aws
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .emr_groups import EmrSecurityGroups
from .endpoints import InterfaceEndpoint, ecr_layer_bucket, interface_endpoints

HTTPS = 443
NFS = 2049
LIVY = 8998


class Network(Construct):
    """VPC, endpoints and security groups for a VPC-only Studio domain."""

    def __init__(self, scope: Construct, construct_id: str, *, region: str, cidr: str,
                 az_count: int, availability_zones: tuple[str, ...], s3_prefix_list_id: str,
                 flow_log_bucket: s3.IBucket, emr_security_groups: bool,
                 endpoint_switches: tuple[str, ...] = (), livy_port: int = LIVY) -> None:
        super().__init__(scope, construct_id)
        zones = {"availability_zones": list(availability_zones)} if availability_zones else {
            "max_azs": az_count}
        self.vpc = ec2.Vpc(
            self, "Vpc",
            ip_addresses=ec2.IpAddresses.cidr(cidr),
            nat_gateways=0,
            subnet_configuration=[ec2.SubnetConfiguration(
                name="studio", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=20)],
            enable_dns_hostnames=True,  # private DNS of interface endpoints needs both
            enable_dns_support=True,
            restrict_default_security_group=False,  # a custom-resource Lambda otherwise
            **zones,
        )
        self.vpc.add_flow_log("FlowLog", destination=ec2.FlowLogDestination.to_s3(
            flow_log_bucket, "vpc-flow-logs/"), traffic_type=ec2.FlowLogTrafficType.ALL)
        self.subnets = self.vpc.select_subnets(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)

        self.studio_sg = ec2.SecurityGroup(
            self, "StudioSg", vpc=self.vpc, allow_all_outbound=False,
            description="SageMaker Studio apps: their own traffic, HTTPS to the endpoints, NFS")
        self.endpoint_sg = ec2.SecurityGroup(
            self, "EndpointSg", vpc=self.vpc, allow_all_outbound=False,
            description="Interface endpoints: HTTPS from Studio only")
        self._studio_rules(cidr, s3_prefix_list_id)

        self.s3_endpoint = self.vpc.add_gateway_endpoint(
            "S3", service=ec2.GatewayVpcEndpointAwsService.S3,
            subnets=[ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)])
        self._s3_endpoint_policy(region)
        self.interface_endpoints = {
            spec.name: self._interface_endpoint(spec, region)
            for spec in interface_endpoints(endpoint_switches)}

        self.emr: EmrSecurityGroups | None = None
        if emr_security_groups:
            self.emr = EmrSecurityGroups(
                self, vpc=self.vpc, studio=self.studio_sg, endpoints=self.endpoint_sg,
                s3_peer=self.s3_peer, livy_port=livy_port)

    def _studio_rules(self, cidr: str, s3_prefix_list_id: str) -> None:
        studio, endpoints = self.studio_sg, self.endpoint_sg
        studio.add_ingress_rule(studio, ec2.Port.all_tcp(), "Studio apps talk to each other")
        studio.add_egress_rule(studio, ec2.Port.all_tcp(), "Studio apps talk to each other")
        studio.add_egress_rule(endpoints, ec2.Port.tcp(HTTPS), "HTTPS to the VPC endpoints")
        # The domain's EFS and its security groups are created by SageMaker, so the
        # group id is unknown here: NFS is allowed to the VPC's own range only.
        studio.add_egress_rule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(NFS), "NFS to the domain EFS")
        # The prefix-list id of S3 differs per region and cannot be looked up without an
        # account; without it the route tables (local + S3 prefix list only) keep 443 inside.
        self.s3_peer = (ec2.Peer.prefix_list(s3_prefix_list_id) if s3_prefix_list_id
                        else ec2.Peer.any_ipv4())
        studio.add_egress_rule(self.s3_peer, ec2.Port.tcp(HTTPS),
                               "HTTPS to S3 through the gateway endpoint" if s3_prefix_list_id
                               else "HTTPS to S3 via the gateway endpoint (routes allow no more)")
        endpoints.add_ingress_rule(studio, ec2.Port.tcp(HTTPS), "HTTPS from Studio")

    def _s3_endpoint_policy(self, region: str) -> None:
        # A data perimeter: principals of this account reach buckets of this account, plus
        # ECR's layer bucket (image pulls for training jobs). No other bucket is reachable.
        self.s3_endpoint.add_to_policy(iam.PolicyStatement(
            sid="OwnAccountBuckets", principals=[iam.AnyPrincipal()],
            actions=["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
                     "s3:GetBucketLocation", "s3:AbortMultipartUpload",
                     "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads",
                     "s3:GetObjectVersion"],
            resources=["*"],
            conditions={"StringEquals": {"aws:ResourceAccount": Aws.ACCOUNT_ID,
                                         "aws:PrincipalAccount": Aws.ACCOUNT_ID}}))
        self.s3_endpoint.add_to_policy(iam.PolicyStatement(
            sid="EcrImageLayers", principals=[iam.AnyPrincipal()], actions=["s3:GetObject"],
            resources=[f"arn:aws:s3:::{ecr_layer_bucket(region)}/*"]))

    def _interface_endpoint(self, spec: InterfaceEndpoint,
                            region: str) -> ec2.InterfaceVpcEndpoint:
        endpoint = self.vpc.add_interface_endpoint(
            spec.name.replace(".", "-"),
            service=ec2.InterfaceVpcEndpointService(spec.service_name(region), HTTPS),
            private_dns_enabled=True,
            security_groups=[self.endpoint_sg],
            open=False,  # no rule for the whole VPC range: only the Studio group may call
            subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
        )
        if spec.policy_prefix:
            endpoint.add_to_policy(iam.PolicyStatement(
                principals=[iam.AnyPrincipal()], actions=[f"{spec.policy_prefix}:*"],
                resources=["*"],
                conditions={"StringEquals": {"aws:PrincipalAccount": Aws.ACCOUNT_ID}}))
        return endpoint
