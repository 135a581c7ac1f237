"""The VPC of the analysis tasks: two subnets in two AZs, no NAT gateway, in one of two modes
(``network.mode``):

* ``endpoints``: private subnets with no internet route. Hosts and tasks reach AWS only through VPC
  endpoints: gateway endpoints for S3 (image layers, videos, models, results) and DynamoDB; interface
  endpoints for ECR (image pull), CloudWatch Logs (job logs), STS (role credentials), ECS (a Batch
  host's agent registers and reports through ECS; without these a host never joins its cluster and
  jobs stay RUNNABLE), and Secrets Manager when the analysis backend is Gemini. Interface endpoints
  bill per hour and zone (about $100 a month for seven in two zones).
* ``public-egress``: public subnets routed to an internet gateway; each GPU host and Fargate task
  gets a public IP, and a security group with no inbound rule, so nothing can open a connection to
  it, while it reaches AWS APIs over HTTPS. The free S3 and DynamoDB gateway endpoints stay (bulk
  data never crosses the internet gateway); no interface endpoint, no NAT. It exposes the tasks'
  outbound traffic to the internet path (TLS to AWS's public endpoints) and gives them public
  addresses ($0.005 an hour each while they run), nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, GetAZs, Ref, Select, Sub, Tags, Template, ec2

from pipeline.config import Config

PUBLIC_EGRESS = "public-egress"

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
    endpoint_security_group: ec2.SecurityGroup | None
    public: bool = False
    """Subnets route to an internet gateway and tasks get public IPs (``public-egress``)."""

    @property
    def subnet_refs(self) -> list[Ref]:
        return [Ref(subnet) for subnet in self.subnets]


def _endpoint_security_group(template: Template, config: Config, vpc: ec2.VPC) -> ec2.SecurityGroup:
    return template.add_resource(ec2.SecurityGroup(
        "EndpointSecurityGroup",
        GroupDescription="Interface endpoints: HTTPS from inside the VPC only",
        VpcId=Ref(vpc),
        SecurityGroupIngress=[ec2.SecurityGroupRule(
            IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp=VPC_CIDR, Description="HTTPS from the VPC")],
        SecurityGroupEgress=[ec2.SecurityGroupRule(
            IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp=VPC_CIDR, Description="responses stay in the VPC")],
        Tags=Tags(Name=config.resource_name("endpoints")),
    ))


def _batch_security_group(template: Template, config: Config, vpc: ec2.VPC, *, public: bool) -> ec2.SecurityGroup:
    """No inbound rule in either mode; HTTPS out only. Privately, 0.0.0.0/0 reaches nothing but the
    interface endpoints (in the VPC CIDR) and the S3/DynamoDB gateway endpoints, whose public address
    ranges are AWS-managed prefix lists without a CloudFormation lookup; publicly it reaches AWS's
    public endpoints through the internet gateway."""
    egress = [ec2.SecurityGroupRule(IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp="0.0.0.0/0",
                                    Description="AWS APIs over HTTPS" if public else
                                    "S3 and DynamoDB gateway endpoints (no internet route)")]
    if not public:
        egress.insert(0, ec2.SecurityGroupRule(IpProtocol="tcp", FromPort=HTTPS, ToPort=HTTPS, CidrIp=VPC_CIDR,
                                               Description="interface endpoints"))
    return template.add_resource(ec2.SecurityGroup(
        "BatchSecurityGroup",
        GroupDescription="Analysis hosts and tasks: no inbound, HTTPS out",
        VpcId=Ref(vpc),
        SecurityGroupEgress=egress,
        Tags=Tags(Name=config.resource_name("batch")),
    ))


def _internet_route(template: Template, vpc: ec2.VPC, route_table: ec2.RouteTable) -> None:
    gateway = template.add_resource(ec2.InternetGateway("InternetGateway"))
    attachment = template.add_resource(ec2.VPCGatewayAttachment(
        "InternetGatewayAttachment", VpcId=Ref(vpc), InternetGatewayId=Ref(gateway)))
    template.add_resource(ec2.Route(
        "InternetRoute", RouteTableId=Ref(route_table), DestinationCidrBlock="0.0.0.0/0",
        GatewayId=Ref(gateway), DependsOn=[attachment.title]))


def add_network(template: Template, *, config: Config) -> NetworkResources:
    """Add the VPC, its two subnets (private or public, by ``network.mode``), route table and endpoints."""
    public = config.network.mode == PUBLIC_EGRESS
    kind = "Public" if public else "Private"
    vpc = template.add_resource(ec2.VPC(
        VPC, CidrBlock=VPC_CIDR, EnableDnsSupport=True, EnableDnsHostnames=True,
        Tags=Tags(Name=config.stack_name),
    ))
    route_table = template.add_resource(ec2.RouteTable(
        f"{kind}RouteTable", VpcId=Ref(vpc), Tags=Tags(Name=config.resource_name(kind.lower()))))
    if public:
        _internet_route(template, vpc, route_table)
    subnets = []
    for index, cidr in enumerate(SUBNET_CIDRS):
        subnet = template.add_resource(ec2.Subnet(
            f"{kind}Subnet{index + 1}",
            VpcId=Ref(vpc),
            CidrBlock=cidr,
            AvailabilityZone=Select(index, GetAZs("")),
            MapPublicIpOnLaunch=public,
            Tags=Tags(Name=config.resource_name(f"{kind.lower()}-{index + 1}")),
        ))
        template.add_resource(ec2.SubnetRouteTableAssociation(
            f"{kind}Subnet{index + 1}RouteTable", SubnetId=Ref(subnet), RouteTableId=Ref(route_table)))
        subnets.append(subnet)
    batch = _batch_security_group(template, config, vpc, public=public)

    for name, service in GATEWAY_SERVICES.items():
        template.add_resource(ec2.VPCEndpoint(
            f"{name}GatewayEndpoint",
            VpcId=Ref(vpc),
            ServiceName=Sub("com.amazonaws.${AWS::Region}." + service),
            VpcEndpointType="Gateway",
            RouteTableIds=[Ref(route_table)],
        ))
    if public:
        return NetworkResources(vpc, subnets, batch, None, public=True)
    endpoint_group = _endpoint_security_group(template, config, vpc)
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
