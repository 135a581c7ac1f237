"""A private VPC for the GPU instances: two subnets in two AZs, no NAT gateway, no internet route.

Instances reach AWS only through VPC endpoints: gateway endpoints for S3 (image layers, videos,
models, results) and DynamoDB; interface endpoints for what a Batch host and the GPU job call:
ECR (image pull), CloudWatch Logs (job logs), STS (role credentials), ECS (the Batch host's agent
registers and reports through ECS; without these a host never joins its cluster and jobs stay
RUNNABLE), and Secrets Manager when the analysis backend is Gemini.
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, GetAZs, Ref, Select, Sub, Tags, Template, ec2

from pipeline.config import Config

VPC = "Vpc"
VPC_CIDR = "10.42.0.0/16"
SUBNET_CIDRS = ("10.42.0.0/20", "10.42.16.0/20")
HTTPS = 443
GATEWAY_SERVICES = {"S3": "s3", "DynamoDb": "dynamodb"}
INTERFACE_SERVICES = {
    "EcrApi": "ecr.api",
    "EcrDocker": "ecr.dkr",
    "Logs": "logs",
    "Sts": "sts",
    "Ecs": "ecs",
    "EcsAgent": "ecs-agent",
    "EcsTelemetry": "ecs-telemetry",
}
GEMINI_INTERFACE_SERVICES = {"SecretsManager": "secretsmanager"}


@dataclass(frozen=True)
class NetworkResources:
    vpc: ec2.VPC
    subnets: list[ec2.Subnet]
    batch_security_group: ec2.SecurityGroup
    endpoint_security_group: ec2.SecurityGroup

    @property
    def subnet_refs(self) -> list[Ref]:
        return [Ref(subnet) for subnet in self.subnets]


def _security_groups(template: Template, config: Config, vpc: ec2.VPC) -> tuple[ec2.SecurityGroup, ec2.SecurityGroup]:
    endpoints = template.add_resource(ec2.SecurityGroup(
        "EndpointSecurityGroup",
        GroupDescription="Interface endpoints: HTTPS from inside the VPC only",
        VpcId=Ref(vpc),
        SecurityGroupIngress=[ec2.SecurityGroupRule(
            IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp=VPC_CIDR, Description="HTTPS from the VPC")],
        SecurityGroupEgress=[ec2.SecurityGroupRule(
            IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp=VPC_CIDR, Description="responses stay in the VPC")],
        Tags=Tags(Name=config.resource_name("endpoints")),
    ))
    # Egress: HTTPS only. With no internet or NAT route, 0.0.0.0/0 reaches nothing but the interface
    # endpoints (in the VPC CIDR) and the S3/DynamoDB gateway endpoints, whose public address ranges
    # are AWS-managed prefix lists without a CloudFormation lookup.
    batch = template.add_resource(ec2.SecurityGroup(
        "BatchSecurityGroup",
        GroupDescription="GPU Batch hosts: no inbound, HTTPS out to the VPC endpoints",
        VpcId=Ref(vpc),
        SecurityGroupEgress=[
            ec2.SecurityGroupRule(IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp=VPC_CIDR,
                                  Description="interface endpoints"),
            ec2.SecurityGroupRule(IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp="0.0.0.0/0",
                                  Description="S3 and DynamoDB gateway endpoints (no internet route)"),
        ],
        Tags=Tags(Name=config.resource_name("batch")),
    ))
    return batch, endpoints


def add_network(template: Template, *, config: Config) -> NetworkResources:
    """Add the VPC, its two private subnets, route table and endpoints."""
    vpc = template.add_resource(ec2.VPC(
        VPC, CidrBlock=VPC_CIDR, EnableDnsSupport=True, EnableDnsHostnames=True,
        Tags=Tags(Name=config.stack_name),
    ))
    route_table = template.add_resource(ec2.RouteTable(
        "PrivateRouteTable", VpcId=Ref(vpc), Tags=Tags(Name=config.resource_name("private"))))
    subnets = []
    for index, cidr in enumerate(SUBNET_CIDRS):
        subnet = template.add_resource(ec2.Subnet(
            f"PrivateSubnet{index + 1}",
            VpcId=Ref(vpc),
            CidrBlock=cidr,
            AvailabilityZone=Select(index, GetAZs("")),
            MapPublicIpOnLaunch=False,
            Tags=Tags(Name=config.resource_name(f"private-{index + 1}")),
        ))
        template.add_resource(ec2.SubnetRouteTableAssociation(
            f"PrivateSubnet{index + 1}RouteTable", SubnetId=Ref(subnet), RouteTableId=Ref(route_table)))
        subnets.append(subnet)
    batch, endpoint_group = _security_groups(template, config, vpc)

    for name, service in GATEWAY_SERVICES.items():
        template.add_resource(ec2.VPCEndpoint(
            f"{name}GatewayEndpoint",
            VpcId=Ref(vpc),
            ServiceName=Sub("com.amazonaws.${AWS::Region}." + service),
            VpcEndpointType="Gateway",
            RouteTableIds=[Ref(route_table)],
        ))
    interface = dict(INTERFACE_SERVICES)
    if config.analysis.backend == "gemini":
        interface.update(GEMINI_INTERFACE_SERVICES)
    for name, service in interface.items():
        template.add_resource(ec2.VPCEndpoint(
            f"{name}InterfaceEndpoint",
            VpcId=Ref(vpc),
            ServiceName=Sub("com.amazonaws.${AWS::Region}." + service),
            VpcEndpointType="Interface",
            PrivateDnsEnabled=True,
            SubnetIds=[Ref(subnet) for subnet in subnets],
            SecurityGroupIds=[GetAtt(endpoint_group, "GroupId")],
        ))
    return NetworkResources(vpc, subnets, batch, endpoint_group)
