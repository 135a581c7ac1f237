"""KMS bridge: a key created by CloudFormation keeps its policy as a JSON document, as KMS stores it.

moto 5.2.5's ``AWS::KMS::Key`` model hands the template's ``KeyPolicy`` object to ``create_key``
unserialised, so every later ``DescribeKey`` of that key fails with a 500 (its policy validator
reads a string); ``aws kms describe-key`` on the stack's key, and ``destroy --purge`` checking it,
could not work. Here the policy is written as JSON before the key is created.
"""

from __future__ import annotations

import json
from typing import Any

from moto.kms.models import Key

_original = Key.__dict__["create_from_cloudformation_json"]


def _create_from_cloudformation(cls: type[Key], resource_name: str, cloudformation_json: dict[str, Any],
                                account_id: str, region_name: str, **kwargs: Any) -> Key:
    properties = dict(cloudformation_json.get("Properties", {}))
    if isinstance(properties.get("KeyPolicy"), (dict, list)):
        properties["KeyPolicy"] = json.dumps(properties["KeyPolicy"])
    return _original.__func__(cls, resource_name, {**cloudformation_json, "Properties": properties}, account_id,
                              region_name, **kwargs)


def install() -> None:
    Key.create_from_cloudformation_json = classmethod(_create_from_cloudformation)  # type: ignore[assignment]


def uninstall() -> None:
    Key.create_from_cloudformation_json = _original  # type: ignore[assignment]
