"""S3 bridge: a presigned POST's policy is enforced as S3 does (pure checks, then over HTTP)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

import boto3
import pytest
import requests
from botocore.config import Config

from local_aws import EmbeddedAws
from local_aws.bridges.s3_post_policy import PostPolicyError, check_post_upload, sigv4_signature
from local_aws.bridges.settings import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY

BUCKET = "videos-bucket"
KEY = "uploads/0123/meal.mp4"


def _form(*, conditions: list[Any] | None = None, fields: dict[str, str] | None = None, key: str = KEY,
          expires_s: int = 300, signature_version: str = "s3v4", secret: str = FAKE_SECRET_ACCESS_KEY) -> dict:
    """A presigned POST as boto3 makes it (computed locally, no request is sent)."""
    client = boto3.client("s3", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
                          aws_access_key_id=FAKE_ACCESS_KEY_ID, aws_secret_access_key=secret,
                          config=Config(signature_version=signature_version))
    return client.generate_presigned_post(
        Bucket=BUCKET, Key=key, Fields=fields,
        Conditions=conditions if conditions is not None else [["content-length-range", 10, 10],
                                                               {"Content-Type": "video/mp4"}],
        ExpiresIn=expires_s)["fields"]


def _secret(access_key: str) -> str | None:
    return FAKE_SECRET_ACCESS_KEY if access_key == FAKE_ACCESS_KEY_ID else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _check(form: dict, size: int = 10, *, bucket: str = BUCKET, now: dt.datetime | None = None) -> None:
    check_post_upload(form=form, bucket=bucket, size_bytes=size, now=now or _now(), secret_for=_secret)


def _refusal(form: dict, size: int = 10, **options: Any) -> PostPolicyError:
    with pytest.raises(PostPolicyError) as refused:
        _check(form, size, **options)
    return refused.value


def _typed(**extra: str) -> dict:
    return {**_form(fields={"Content-Type": "video/mp4"}), **extra}


def test_an_honest_form_passes_with_sigv4_and_sigv2() -> None:
    _check(_typed())
    _check({**_form(fields={"Content-Type": "video/mp4"}, signature_version="s3")})


def test_the_sigv4_signature_is_the_one_boto3_computes() -> None:
    form = _typed()
    _, date, region, service, _ = form["x-amz-credential"].split("/")
    assert sigv4_signature(form["policy"], FAKE_SECRET_ACCESS_KEY, date, region, service) == form["x-amz-signature"]


def test_an_expired_policy_is_access_denied() -> None:
    error = _refusal(_typed(), now=_now() + dt.timedelta(seconds=301))
    assert (error.status, error.code, error.message) == (
        403, "AccessDenied", "Invalid according to Policy: Policy expired.")


@pytest.mark.parametrize("change", ["signature", "policy", "secret"])
def test_a_tampered_or_wrongly_signed_form_is_signature_does_not_match(change: str) -> None:
    form = _typed()
    if change == "signature":
        form["x-amz-signature"] = "0" * 64
    elif change == "policy":  # a client widening the size range itself
        policy = json.loads(base64.b64decode(form["policy"]))
        policy["conditions"] = [c for c in policy["conditions"] if not (isinstance(c, list) and c[0] ==
                                                                         "content-length-range")]
        form["policy"] = base64.b64encode(json.dumps(policy).encode()).decode()
    else:
        form = {**_form(fields={"Content-Type": "video/mp4"}, secret="not-the-secret")}
    error = _refusal(form)
    assert (error.status, error.code) == (403, "SignatureDoesNotMatch")


def test_an_unknown_access_key_is_invalid_access_key_id() -> None:
    form = _typed()
    form["x-amz-credential"] = form["x-amz-credential"].replace(FAKE_ACCESS_KEY_ID, "AKIAUNKNOWN", 1)
    assert _refusal(form).code == "InvalidAccessKeyId"


def test_a_form_without_policy_is_access_denied() -> None:
    assert _refusal({"key": KEY}).code == "AccessDenied"


def test_exact_conditions_on_content_type_key_and_bucket() -> None:
    error = _refusal(_typed(**{"Content-Type": "video/quicktime"}))
    assert (error.status, error.code) == (403, "AccessDenied")
    assert error.message == 'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "video/mp4"]'
    assert "$key" in _refusal(_typed(key="uploads/other/x.mp4")).message
    assert "$bucket" in _refusal(_typed(), bucket="another-bucket").message
    missing = _typed()
    del missing["Content-Type"]
    assert "$Content-Type" in _refusal(missing).message


def test_field_names_are_case_insensitive_values_exact() -> None:
    form = _typed()
    form["content-type"] = form.pop("Content-Type")
    _check(form)
    assert _refusal(_typed(**{"Content-Type": "Video/MP4"})).code == "AccessDenied"


def test_starts_with_conditions() -> None:
    conditions = [["starts-with", "$key", "uploads/0123/"], ["starts-with", "$Content-Type", "video/"]]
    _check(_form(conditions=conditions, fields={"Content-Type": "video/webm"}))
    error = _refusal(_form(conditions=conditions, fields={"Content-Type": "image/png"}))
    assert error.message.endswith('Policy Condition failed: ["starts-with", "$Content-Type", "video/"]')
    error = _refusal(_form(conditions=conditions, fields={"Content-Type": "video/mp4"}, key="elsewhere/meal.mp4"))
    assert '"$key"' in error.message


def test_fields_the_policy_does_not_name_are_extra_input_fields() -> None:
    error = _refusal(_typed(**{"x-amz-meta-declared-size": "1", "acl": "public-read"}))
    assert error.message == "Invalid according to Policy: Extra input fields: acl, x-amz-meta-declared-size"
    _check(_typed(**{"x-ignore-note": "anything"}))


@pytest.mark.parametrize(("size", "code", "element"), [(9, "EntityTooSmall", "MinSizeAllowed"),
                                                       (11, "EntityTooLarge", "MaxSizeAllowed")])
def test_content_length_range_is_enforced(size: int, code: str, element: str) -> None:
    error = _refusal(_typed(), size)
    assert (error.status, error.code) == (400, code)
    assert error.details == {"ProposedSize": str(size), element: "10"}


# --- over HTTP, through the embedded AWS -----------------------------------------------------------


@pytest.fixture(scope="module")
def bucket(aws: EmbeddedAws) -> Iterator[str]:
    name = f"post-policy-{uuid.uuid4().hex[:8]}"
    aws.client("s3").create_bucket(Bucket=name)
    yield name


def _post(aws: EmbeddedAws, bucket: str, body: bytes, declared: int, **changes: str) -> requests.Response:
    form = aws.client("s3").generate_presigned_post(
        Bucket=bucket, Key=KEY, Fields={"Content-Type": "video/mp4", "x-amz-meta-declared-size": str(declared)},
        Conditions=[["content-length-range", declared, declared], {"Content-Type": "video/mp4"},
                    {"x-amz-meta-declared-size": str(declared)}], ExpiresIn=60)
    return requests.post(form["url"], data={**form["fields"], **changes}, files={"file": ("meal.mp4", body)},
                         timeout=30)


def _error(response: requests.Response) -> dict[str, str]:
    return {child.tag: child.text or "" for child in ElementTree.fromstring(response.content)}


def test_an_honest_upload_is_stored_with_its_type_and_declared_size(aws: EmbeddedAws, bucket: str) -> None:
    response = _post(aws, bucket, b"0123456789", 10)
    assert response.status_code == 204, response.text
    head = aws.client("s3").head_object(Bucket=bucket, Key=KEY)
    assert (head["ContentLength"], head["ContentType"], head["Metadata"]) == (10, "video/mp4",
                                                                             {"declared-size": "10"})


def test_a_client_that_lies_about_the_size_is_refused_and_nothing_is_stored(aws: EmbeddedAws, bucket: str) -> None:
    s3 = aws.client("s3")
    s3.delete_object(Bucket=bucket, Key=KEY)
    response = _post(aws, bucket, b"0123456789" * 3, 10)
    assert response.status_code == 400
    error = _error(response)
    assert (error["Code"], error["ProposedSize"], error["MaxSizeAllowed"]) == ("EntityTooLarge", "30", "10")
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket, Prefix=KEY)


def test_a_changed_content_type_is_access_denied_in_s3s_words(aws: EmbeddedAws, bucket: str) -> None:
    response = _post(aws, bucket, b"0123456789", 10, **{"Content-Type": "text/html"})
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/xml")
    error = _error(response)
    assert error["Code"] == "AccessDenied"
    assert error["Message"] == ('Invalid according to Policy: Policy Condition failed: '
                                '["eq", "$Content-Type", "video/mp4"]')
