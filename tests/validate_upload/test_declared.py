"""What the client declared: its media type parsed as a MIME type, its size compared with the upload's."""

from __future__ import annotations

import pytest

from lambdas.validate_upload.handler import handler
from pipeline.errors import ErrorCode, PipelineError
from pipeline.video.declared import DECLARED_SIZE_METADATA, check_declared_size, video_media_type
from tests.api.moto_resources import FakeAws, FakeLambdaContext
from tests.corpus import CorpusCase


@pytest.mark.parametrize(("text", "bare"), [
    ("video/mp4", "video/mp4"),
    ("Video/MP4", "video/mp4"),
    ('video/webm;codecs="vp8, opus"', "video/webm"),
    ("video/webm;codecs=vp8,opus", "video/webm"),
    ("video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"", "video/mp4"),
    ("  video/x-matroska  ", "video/x-matroska"),
])
def test_video_types_with_case_and_parameters_give_the_bare_type(text: str, bare: str) -> None:
    assert video_media_type(text) == bare


@pytest.mark.parametrize("text", ["image/png", "application/octet-stream", "video", "video/", "video/*",
                                  "video/mp4, video/webm", "vídeo/mp4", "video/mp4\r\nX-Injected: 1", "text/plain"])
def test_anything_else_is_not_a_video_and_names_the_value(text: str) -> None:
    with pytest.raises(PipelineError) as refused:
        video_media_type(text)
    assert refused.value.code is ErrorCode.NOT_A_VIDEO and refused.value.value == text


def test_the_declared_size_must_be_the_objects_size() -> None:
    check_declared_size(10, "10")
    check_declared_size(10, None)  # uploaded without the form: nothing to compare
    for declared in ("9", "11", "ten", ""):
        with pytest.raises(PipelineError) as refused:
            check_declared_size(10, declared)
        assert refused.value.code is ErrorCode.SIZE_MISMATCH and refused.value.value == 10
        assert f"{declared} bytes were declared" in refused.value.message


def _put(aws: FakeAws, job_id: str, body: bytes, declared: str | None) -> dict[str, str]:
    key = f"uploads/{job_id}/meal.mp4"
    metadata = {DECLARED_SIZE_METADATA: declared} if declared is not None else {}
    aws.s3.put_object(Bucket=aws.videos_bucket, Key=key, Body=body, Metadata=metadata)
    return {"job_id": job_id, "bucket": aws.videos_bucket, "key": key}


def test_validate_upload_refuses_an_object_whose_size_was_not_declared(
    aws: FakeAws, corpus: dict[str, CorpusCase]
) -> None:
    body = corpus["good"].path.read_bytes()

    with pytest.raises(PipelineError) as refused:
        handler(_put(aws, "7" * 32, body, str(len(body) - 10)), FakeLambdaContext())
    assert type(refused.value).__name__ == "SIZE_MISMATCH"  # the state machine's Error
    assert handler(_put(aws, "8" * 32, body, str(len(body))), FakeLambdaContext())["size_bytes"] == len(body)


def test_empty_and_oversized_say_so_before_any_mismatch(aws: FakeAws, corpus: dict[str, CorpusCase]) -> None:
    with pytest.raises(PipelineError) as refused:
        handler(_put(aws, "9" * 32, b"", "1000"), FakeLambdaContext())
    assert refused.value.code is ErrorCode.EMPTY
    with pytest.raises(PipelineError) as refused:
        handler(_put(aws, "a" * 32, corpus["oversized"].path.read_bytes(), "1000"), FakeLambdaContext())
    assert refused.value.code is ErrorCode.TOO_LARGE
