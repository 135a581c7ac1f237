"""Private VPC: two AZs, no NAT or internet route, endpoints for what the GPU hosts call."""

from __future__ import annotations

from templates.network import VPC_CIDR
from tests.templates.conftest import main_template, properties, resources_of_type


def test_two_private_subnets_in_different_azs_and_no_way_out(dev_main):
    subnets = resources_of_type(dev_main, "AWS::EC2::Subnet")
    assert sorted(subnets) == ["PrivateSubnet1", "PrivateSubnet2"]
    zones = [body["Properties"]["AvailabilityZone"] for body in subnets.values()]
    assert zones == [{"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Fn::Select": [1, {"Fn::GetAZs": ""}]}]
    assert all(body["Properties"]["MapPublicIpOnLaunch"] is False for body in subnets.values())
    for forbidden in ("AWS::EC2::NatGateway", "AWS::EC2::InternetGateway", "AWS::EC2::Route", "AWS::EC2::EIP"):
        assert not resources_of_type(dev_main, forbidden), forbidden


def _endpoint_services(template) -> dict[str, str]:
    """``{"ecr.api": "Interface", ...}`` from ``com.amazonaws.${AWS::Region}.<service>``."""
    services = {}
    for body in resources_of_type(template, "AWS::EC2::VPCEndpoint").values():
        service = body["Properties"]["ServiceName"]["Fn::Sub"].split("${AWS::Region}.", 1)[1]
        services[service] = body["Properties"]["VpcEndpointType"]
    return services


def test_gateway_and_interface_endpoints(dev_main):
    services = _endpoint_services(dev_main)
    assert services == {
        "s3": "Gateway", "dynamodb": "Gateway",
        "ecr.api": "Interface", "ecr.dkr": "Interface", "logs": "Interface", "sts": "Interface",
        "ecs": "Interface", "ecs-agent": "Interface", "ecs-telemetry": "Interface",
    }
    for body in resources_of_type(dev_main, "AWS::EC2::VPCEndpoint").values():
        props = body["Properties"]
        if props["VpcEndpointType"] == "Interface":
            assert props["PrivateDnsEnabled"] is True
            assert props["SecurityGroupIds"] == [{"Fn::GetAtt": ["EndpointSecurityGroup", "GroupId"]}]
        else:
            assert props["RouteTableIds"] == [{"Ref": "PrivateRouteTable"}]


def test_gemini_backend_adds_a_secrets_manager_endpoint():
    assert _endpoint_services(main_template(**{"analysis.backend": "gemini"}))["secretsmanager"] == "Interface"


def test_endpoint_security_group_admits_https_from_the_vpc_only(dev_main):
    (ingress,) = properties(dev_main, "EndpointSecurityGroup")["SecurityGroupIngress"]
    assert (ingress["FromPort"], ingress["ToPort"], ingress["CidrIp"]) == (443, 443, VPC_CIDR)


def test_batch_hosts_have_no_inbound_and_only_https_out(dev_main):
    props = properties(dev_main, "BatchSecurityGroup")
    assert "SecurityGroupIngress" not in props
    assert {(rule["IpProtocol"], rule["FromPort"], rule["ToPort"]) for rule in props["SecurityGroupEgress"]} == {
        ("tcp", 443, 443)}
