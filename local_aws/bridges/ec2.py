"""EC2 bridge: deleting a stack deletes its VPC endpoints and route tables.

moto 5.2.5's ``AWS::EC2::VPCEndpoint`` and ``AWS::EC2::RouteTable`` models have no delete, so
CloudFormation drops them from the stack but they stay in the VPC, and deleting the VPC then fails
(``DependencyViolation: The vpc ... has dependencies``): ``build.py destroy --local`` could never
finish. The bridge gives both a ``delete`` that calls EC2's own ``DeleteVpcEndpoints`` /
``DeleteRouteTable``; moto's stack deletion retries in passes without ordering, so each tolerates
finding its route table gone already.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.exceptions import InvalidRouteTableIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import RouteTable
from moto.ec2.models.vpcs import VPCEndPoint


def _delete_endpoint(self: VPCEndPoint, account_id: str, region: str) -> None:
    try:
        ec2_backends[account_id][region].delete_vpc_endpoints([self.id])
    except InvalidRouteTableIdError:  # a gateway endpoint's routes went with their route table
        self.state = "deleted"


def _delete_route_table(self: RouteTable, account_id: str, region: str) -> None:
    try:
        ec2_backends[account_id][region].delete_route_table(self.id)
    except InvalidRouteTableIdError:
        pass  # already deleted


_PATCHES: list[tuple[type, Any]] = [(VPCEndPoint, _delete_endpoint), (RouteTable, _delete_route_table)]


def install() -> None:
    for owner, delete in _PATCHES:
        owner.delete = delete  # type: ignore[attr-defined]


def uninstall() -> None:
    for owner, _ in _PATCHES:
        if "delete" in owner.__dict__:
            del owner.delete  # type: ignore[attr-defined]
