"""S3's checks of a browser-based POST upload (a presigned POST), as pure functions.

moto 5.2.5 stores whatever a POST form sends; S3 first checks the form against its signed policy.
:func:`check_post_upload` does what S3 does, in S3's order, and raises :class:`PostPolicyError` with
S3's code and message:

* the policy must be base64 JSON with ``expiration`` and ``conditions`` (400 InvalidPolicyDocument);
* the signature: SigV4 (``x-amz-signature`` = HMAC-SHA256 of the base64 policy with the key derived
  from ``x-amz-credential``'s date, region and service) or SigV2 (``signature`` = base64 HMAC-SHA1)
  (403 SignatureDoesNotMatch; an unknown access key is 403 InvalidAccessKeyId);
* ``expiration`` in the past: 403 AccessDenied "Invalid according to Policy: Policy expired.";
* every condition (``{"field": "value"}``, ``["eq", "$field", "value"]``, ``["starts-with", "$field",
  "prefix"]``) on the form's fields, ``$bucket`` being the bucket posted to: 403 AccessDenied
  "Invalid according to Policy: Policy Condition failed: [...]";
* every form field but ``policy``, the signature fields, ``file`` and ``x-ignore-*`` must be named by a
  condition: 403 AccessDenied "Invalid according to Policy: Extra input fields: ...";
* the file's size (bytes) within ``content-length-range``: 400 EntityTooSmall / EntityTooLarge.

Field names compare case-insensitively, values exactly.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

#: Form fields that no condition needs to name.
_UNCHECKED_FIELDS = frozenset({"policy", "x-amz-signature", "signature", "awsaccesskeyid", "file"})
_POLICY_FAILED = "Invalid according to Policy: "
SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. "
                      "Check your key and signing method.")


@dataclass
class PostPolicyError(Exception):
    """An S3 error answer: HTTP status, S3 error code, S3's message and extra XML elements."""

    status: int
    code: str
    message: str
    details: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def _denied(message: str) -> PostPolicyError:
    return PostPolicyError(403, "AccessDenied", _POLICY_FAILED + message)


def _policy_document(policy_b64: str) -> dict[str, Any]:
    try:
        document = json.loads(base64.b64decode(policy_b64, validate=True))
    except (binascii.Error, ValueError):
        raise PostPolicyError(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.") from None
    if not isinstance(document, dict) or "expiration" not in document or not isinstance(
            document.get("conditions"), list):
        raise PostPolicyError(400, "InvalidPolicyDocument",
                              "Invalid Policy: Policy missing expiration or conditions.")
    return document


def _hmac(key: bytes, text: str, digest: Any = hashlib.sha256) -> bytes:
    return hmac.new(key, text.encode("utf-8"), digest).digest()


def sigv4_signature(policy_b64: str, secret: str, date: str, region: str, service: str = "s3") -> str:
    """The SigV4 POST signature (hex) of ``policy_b64`` for a credential scope ``date/region/service``."""
    key = _hmac(("AWS4" + secret).encode("utf-8"), date)
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    return hmac.new(key, policy_b64.encode("utf-8"), hashlib.sha256).hexdigest()


def sigv2_signature(policy_b64: str, secret: str) -> str:
    """The SigV2 POST signature (base64 HMAC-SHA1) of ``policy_b64``."""
    return base64.b64encode(_hmac(secret.encode("utf-8"), policy_b64, hashlib.sha1)).decode("ascii")


def _check_signature(form: Mapping[str, str], policy_b64: str, secret_for: Callable[[str], str | None]) -> None:
    if "x-amz-signature" in form:
        credential = form.get("x-amz-credential", "")
        parts = credential.split("/")
        if form.get("x-amz-algorithm") != "AWS4-HMAC-SHA256" or len(parts) != 5 or parts[4] != "aws4_request":
            raise PostPolicyError(400, "InvalidArgument", "Invalid x-amz-credential or x-amz-algorithm",
                                  {"ArgumentName": "x-amz-credential", "ArgumentValue": credential})
        access_key, date, region, service, _ = parts
        secret = secret_for(access_key)
        expected = sigv4_signature(policy_b64, secret, date, region, service) if secret is not None else None
        given = form["x-amz-signature"]
    elif "signature" in form:
        access_key = form.get("awsaccesskeyid", "")
        secret = secret_for(access_key)
        expected = sigv2_signature(policy_b64, secret) if secret is not None else None
        given = form["signature"]
    else:
        raise PostPolicyError(403, "AccessDenied", "Access Denied")
    if secret is None:
        raise PostPolicyError(403, "InvalidAccessKeyId",
                              "The AWS Access Key Id you provided does not exist in our records.",
                              {"AWSAccessKeyId": access_key})
    if not hmac.compare_digest(expected or "", given):
        raise PostPolicyError(403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH, {"AWSAccessKeyId": access_key})


def _check_expiry(expiration: Any, now: dt.datetime) -> None:
    try:
        moment = dt.datetime.fromisoformat(str(expiration).replace("Z", "+00:00"))
    except ValueError:
        raise PostPolicyError(400, "InvalidPolicyDocument",
                              "Invalid Policy: Invalid 'expiration' value: " + json.dumps(expiration)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    if now >= moment:
        raise _denied("Policy expired.")


def _as_rule(condition: Any) -> list[Any]:
    """``["eq"|"starts-with", "$field", value]`` or ``["content-length-range", min, max]``."""
    if isinstance(condition, dict) and len(condition) == 1:
        ((name, value),) = condition.items()
        return ["eq", f"${name}", value]
    if isinstance(condition, list) and len(condition) == 3 and str(condition[0]).lower() in (
            "eq", "starts-with", "content-length-range"):
        return [str(condition[0]).lower(), *condition[1:]]
    raise PostPolicyError(400, "InvalidPolicyDocument",
                          "Invalid Policy: Invalid Simple-Condition: " + json.dumps(condition))


def _field_matches(operator: str, value: str | None, expected: str, name: str) -> bool:
    if value is None:
        return False
    if operator == "eq":
        return value == expected
    if name == "content-type":  # several types may be sent, comma-separated: each must match
        return all(part.strip().startswith(expected) for part in value.split(","))
    return value.startswith(expected)


def check_post_upload(*, form: Mapping[str, str], bucket: str, size_bytes: int, now: dt.datetime,
                      secret_for: Callable[[str], str | None]) -> None:
    """Raise :class:`PostPolicyError` where S3 would refuse this POST upload of ``size_bytes`` bytes.

    ``form`` holds the text fields as sent (any case); ``secret_for`` gives the secret key of an access
    key id (``None``: unknown).
    """
    fields = {name.lower(): value for name, value in form.items()}
    if "policy" not in fields:
        raise PostPolicyError(403, "AccessDenied", "Access Denied")  # an anonymous POST to a private bucket
    document = _policy_document(fields["policy"])
    _check_signature(fields, fields["policy"], secret_for)
    _check_expiry(document["expiration"], now)
    named: set[str] = set()
    size_range: tuple[int, int] | None = None
    for condition in document["conditions"]:
        rule = _as_rule(condition)
        if rule[0] == "content-length-range":
            size_range = (int(rule[1]), int(rule[2]))
            continue
        operator, reference, expected = rule
        name = str(reference).removeprefix("$").lower()
        named.add(name)
        value = bucket if name == "bucket" else fields.get(name)
        if not _field_matches(operator, value, str(expected), name):
            raise _denied("Policy Condition failed: " + json.dumps([operator, str(reference), expected]))
    extra = sorted(name for name in fields
                   if name not in _UNCHECKED_FIELDS and name not in named and not name.startswith("x-ignore-"))
    if extra:
        raise _denied("Extra input fields: " + ", ".join(extra))
    if size_range is not None:
        low, high = size_range
        if size_bytes < low:
            raise PostPolicyError(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size",
                                  {"ProposedSize": str(size_bytes), "MinSizeAllowed": str(low)})
        if size_bytes > high:
            raise PostPolicyError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
                                  {"ProposedSize": str(size_bytes), "MaxSizeAllowed": str(high)})
