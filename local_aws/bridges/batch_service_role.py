"""Batch service-role bridge: a compute environment without ``ServiceRole`` uses Batch's
service-linked role, as on AWS.

AWS Batch takes ``AWSServiceRoleForBatch`` when a compute environment names no service role, and
creates that role on first use; only such environments can be updated in place by CloudFormation.
moto 5.2.5 requires the property (its CloudFormation model reads ``Properties["ServiceRole"]``, a
``KeyError``, and ``CreateComputeEnvironment`` answers "ServiceRole is required"). Here an absent
role becomes the service-linked role's ARN, created in moto's IAM the first time, so IAM reads
(``GetRole``) see it exactly as they would after a first deploy on AWS.
"""

from __future__ import annotations

import json
from typing import Any

from moto.batch.models import BatchBackend, ComputeEnvironment
from moto.iam.exceptions import NotFoundException
from moto.iam.models import iam_backends

BATCH_SERVICE = "batch.amazonaws.com"
SERVICE_LINKED_ROLE = "AWSServiceRoleForBatch"

_original_create = BatchBackend.create_compute_environment
_original_from_cloudformation = ComputeEnvironment.__dict__["create_from_cloudformation_json"]


def service_linked_role_arn(account_id: str) -> str:
    """The ARN of Batch's service-linked role in ``account_id``, creating the role if it is missing."""
    iam = iam_backends[account_id]["global"]
    try:
        return iam.get_role(SERVICE_LINKED_ROLE).arn
    except NotFoundException:
        pass
    # moto's CreateServiceLinkedRole would spell it AWSServiceRoleForbatch; AWS's name and path:
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": [BATCH_SERVICE]}, "Action": ["sts:AssumeRole"]}]}
    return iam.create_role(SERVICE_LINKED_ROLE, json.dumps(trust), f"/aws-service-role/{BATCH_SERVICE}/",
                           permissions_boundary=None, description="Allows Batch to manage compute environments",
                           tags=[], max_session_duration="3600", linked_service=BATCH_SERVICE).arn


def _create_compute_environment(self: BatchBackend, compute_environment_name: str, _type: str, state: str,
                                compute_resources: dict[str, Any], service_role: str | None, *args: Any,
                                **kwargs: Any) -> Any:
    role = service_role or service_linked_role_arn(self.account_id)
    return _original_create(self, compute_environment_name, _type, state, compute_resources, role, *args, **kwargs)


def _create_from_cloudformation(cls: type[ComputeEnvironment], resource_name: str, cloudformation_json: dict[str, Any],
                                account_id: str, region_name: str, **kwargs: Any) -> ComputeEnvironment:
    properties = dict(cloudformation_json["Properties"])
    properties.setdefault("ServiceRole", service_linked_role_arn(account_id))
    return _original_from_cloudformation.__func__(cls, resource_name, {**cloudformation_json, "Properties": properties},
                                                  account_id, region_name, **kwargs)


def install() -> None:
    BatchBackend.create_compute_environment = _create_compute_environment  # type: ignore[method-assign]
    ComputeEnvironment.create_from_cloudformation_json = classmethod(_create_from_cloudformation)  # type: ignore[assignment]


def uninstall() -> None:
    BatchBackend.create_compute_environment = _original_create  # type: ignore[method-assign]
    ComputeEnvironment.create_from_cloudformation_json = _original_from_cloudformation  # type: ignore[assignment]
