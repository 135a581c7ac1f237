"""S3 bridge: stack buckets send their events to EventBridge; POST uploads obey their signed policy.

* moto 5.2.5's ``AWS::S3::Bucket`` handler ignores ``NotificationConfiguration``, so a stack's videos
  bucket never emits "Object Created" events although its template enables EventBridge. The bridge
  applies ``NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled`` on create and
  update, exactly as ``PutBucketNotificationConfiguration`` would.
* moto stores whatever a browser-based POST upload sends. The bridge first checks the form as S3 does
  (``local_aws.bridges.s3_post_policy``: signature with the embedded AWS's credentials, expiry,
  conditions, extra fields, ``content-length-range``) and answers S3's XML error when one fails.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from xml.etree import ElementTree

from moto.iam.models import iam_backends
from moto.s3.models import FakeBucket
from moto.s3.responses import S3Response

from local_aws.bridges.s3_post_policy import PostPolicyError, check_post_upload
from local_aws.bridges.settings import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY

_originals = {
    name: FakeBucket.__dict__[name] for name in ("create_from_cloudformation_json", "update_from_cloudformation_json")
}
_original_post = S3Response.__dict__["_bucket_response_post"]


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


def secret_for(access_key_id: str) -> str | None:
    """The secret key of ``access_key_id``: the embedded AWS's own, or one created through IAM."""
    if access_key_id == FAKE_ACCESS_KEY_ID:
        return FAKE_SECRET_ACCESS_KEY
    for account in list(iam_backends.values()):
        for backend in list(account.values()):
            key = backend.access_keys.get(access_key_id)
            if key is not None:
                return key.secret_access_key
    return None


def error_xml(error: PostPolicyError) -> str:
    """S3's ``<Error>`` document for ``error``."""
    root = ElementTree.Element("Error")
    for name, value in (("Code", error.code), ("Message", error.message), *error.details.items(),
                        ("RequestId", uuid.uuid4().hex[:16].upper()), ("HostId", uuid.uuid4().hex)):
        ElementTree.SubElement(root, name).text = value
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")


def _checked_post(self: S3Response, request: Any, bucket_name: str) -> Any:
    """moto's POST on a bucket, after S3's checks of a form upload's policy."""
    form = getattr(self, "form_data", None) or {}
    if request.headers.get("Content-Length") and "key" in form and not self.is_delete_keys():
        body = self.body if isinstance(self.body, (bytes, str)) else b""
        size = len(body.encode("utf-8") if isinstance(body, str) else body)
        fields = {name: value for name, value in form.items() if name != "file"}
        try:
            check_post_upload(form=fields, bucket=bucket_name, size_bytes=size, now=dt.datetime.now(dt.timezone.utc),
                              secret_for=secret_for)
        except PostPolicyError as error:
            return error.status, {"Content-Type": "application/xml"}, error_xml(error)
    return _original_post(self, request, bucket_name)


def install() -> None:
    FakeBucket.create_from_cloudformation_json = classmethod(_create)  # type: ignore[assignment]
    FakeBucket.update_from_cloudformation_json = classmethod(_update)  # type: ignore[assignment]
    S3Response._bucket_response_post = _checked_post  # type: ignore[method-assign]


def uninstall() -> None:
    for name, original in _originals.items():
        setattr(FakeBucket, name, original)
    S3Response._bucket_response_post = _original_post  # type: ignore[method-assign]
