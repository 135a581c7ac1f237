"""S3 bridge: buckets created by CloudFormation send their events to EventBridge.

moto 5.2.5's ``AWS::S3::Bucket`` handler ignores ``NotificationConfiguration``, so a stack's videos
bucket never emits "Object Created" events although its template enables EventBridge. The bridge
applies ``NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled`` on create and update,
exactly as ``PutBucketNotificationConfiguration`` would.
"""

from __future__ import annotations

from typing import Any

from moto.s3.models import FakeBucket

_originals = {
    name: FakeBucket.__dict__[name] for name in ("create_from_cloudformation_json", "update_from_cloudformation_json")
}


def _apply_notifications(bucket: FakeBucket, cloudformation_json: dict[str, Any]) -> FakeBucket:
    config = (cloudformation_json.get("Properties") or {}).get("NotificationConfiguration") or {}
    enabled = (config.get("EventBridgeConfiguration") or {}).get("EventBridgeEnabled") in (True, "true", "True")
    if enabled:
        bucket.set_notification_configuration({"EventBridgeConfiguration": {}})
    elif bucket.notification_configuration is not None and bucket.notification_configuration.event_bridge is not None:
        bucket.set_notification_configuration(None)
    return bucket


def _create(cls: type, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str,
            **kwargs: Any) -> FakeBucket:
    bucket = _originals["create_from_cloudformation_json"].__func__(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    return _apply_notifications(bucket, cloudformation_json)


def _update(cls: type, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str,
            region_name: str) -> FakeBucket:
    bucket = _originals["update_from_cloudformation_json"].__func__(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
    return _apply_notifications(bucket, cloudformation_json)


def install() -> None:
    FakeBucket.create_from_cloudformation_json = classmethod(_create)  # type: ignore[assignment]
    FakeBucket.update_from_cloudformation_json = classmethod(_update)  # type: ignore[assignment]


def uninstall() -> None:
    for name, original in _originals.items():
        setattr(FakeBucket, name, original)
