"""The VPC in both network modes: private with endpoints (prod), public egress without standing costs
(dev). Two AZs, no NAT, no inbound rule anywhere, the free S3 and DynamoDB gateway endpoints in both."""

from __future__ import annotations

import pytest

from templates.network import VPC_CIDR
from tests.templates.conftest import main_template, properties, resources_of_type


@pytest.fixture(scope="module")
def private():
    return main_template(**{"network.mode": "endpoints"})


def _endpoint_services(template) -> dict[str, str]:
    """``{"ecr.api": "Interface", ...}`` from ``com.amazonaws.${AWS::Region}.<service>``."""
    services = {}
    for body in resources_of_type(template, "AWS::EC2::VPCEndpoint").values():
        service = body["Properties"]["ServiceName"]["Fn::Sub"].split("${AWS::Region}.", 1)[1]
        services[service] = body["Properties"]["VpcEndpointType"]
    return services


def _zones(subnets) -> list:
    return [body["Properties"]["AvailabilityZone"] for body in subnets.values()]


def test_endpoints_mode_two_private_subnets_in_different_azs_and_no_way_out(private):
    subnets = resources_of_type(private, "AWS::EC2::Subnet")
    assert sorted(subnets) == ["PrivateSubnet1", "PrivateSubnet2"]
    assert _zones(subnets) == [{"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Fn::Select": [1, {"Fn::GetAZs": ""}]}]
    assert all(body["Properties"]["MapPublicIpOnLaunch"] is False for body in subnets.values())
    for forbidden in ("AWS::EC2::NatGateway", "AWS::EC2::InternetGateway", "AWS::EC2::Route", "AWS::EC2::EIP"):
        assert not resources_of_type(private, forbidden), forbidden


def test_endpoints_mode_has_gateway_and_interface_endpoints(private):
    assert _endpoint_services(private) == {
        "s3": "Gateway", "dynamodb": "Gateway",
        "ecr.api": "Interface", "ecr.dkr": "Interface", "logs": "Interface", "sts": "Interface",
        "ecs": "Interface", "ecs-agent": "Interface", "ecs-telemetry": "Interface",
    }
    for body in resources_of_type(private, "AWS::EC2::VPCEndpoint").values():
        props = body["Properties"]
        if props["VpcEndpointType"] == "Interface":
            assert props["PrivateDnsEnabled"] is True
            assert props["SecurityGroupIds"] == [{"Fn::GetAtt": ["EndpointSecurityGroup", "GroupId"]}]
        else:
            assert props["RouteTableIds"] == [{"Ref": "PrivateRouteTable"}]


def test_gemini_backend_adds_a_secrets_manager_endpoint():
    template = main_template(**{"analysis.backend": "gemini", "network.mode": "endpoints"})
    assert _endpoint_services(template)["secretsmanager"] == "Interface"


def test_endpoint_security_group_admits_https_from_the_vpc_only(private):
    (ingress,) = properties(private, "EndpointSecurityGroup")["SecurityGroupIngress"]
    assert (ingress["FromPort"], ingress["ToPort"], ingress["CidrIp"]) == (443, 443, VPC_CIDR)


def test_public_egress_has_no_standing_cost_and_keeps_the_free_gateway_endpoints(dev_main):
    """Dev's default: public subnets routed to an internet gateway, tasks with public IPs, no
    interface endpoint and no NAT; S3 and DynamoDB traffic still takes the free gateway endpoints."""
    subnets = resources_of_type(dev_main, "AWS::EC2::Subnet")
    assert sorted(subnets) == ["PublicSubnet1", "PublicSubnet2"]
    assert all(body["Properties"]["MapPublicIpOnLaunch"] is True for body in subnets.values())
    assert _endpoint_services(dev_main) == {"s3": "Gateway", "dynamodb": "Gateway"}
    assert not resources_of_type(dev_main, "AWS::EC2::NatGateway") and "EndpointSecurityGroup" not in dev_main["Resources"]
    (route,) = resources_of_type(dev_main, "AWS::EC2::Route").values()
    assert route["Properties"] == {"RouteTableId": {"Ref": "PublicRouteTable"}, "DestinationCidrBlock": "0.0.0.0/0",
                                   "GatewayId": {"Ref": "InternetGateway"}}
    assert route["DependsOn"] == ["InternetGatewayAttachment"]
    assert properties(dev_main, "AnalyzeFramesCpuJobDefinition")["ContainerProperties"]["NetworkConfiguration"] == {
        "AssignPublicIp": "ENABLED"}


@pytest.mark.parametrize("mode", ["public-egress", "endpoints"])
def test_tasks_have_no_inbound_and_only_https_out(mode):
    props = properties(main_template(**{"network.mode": mode}), "BatchSecurityGroup")
    assert "SecurityGroupIngress" not in props
    assert {(rule["IpProtocol"], rule["FromPort"], rule["ToPort"]) for rule in props["SecurityGroupEgress"]} == {
        ("tcp", 443, 443)}
