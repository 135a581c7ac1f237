"""ValidateUpload on fake S3: every corpus file gives its code; a good video gives its probe."""

from __future__ import annotations

import pytest

from lambdas.validate_upload.handler import handler
from pipeline.errors import ErrorCode, PipelineError
from pipeline.filenames import safe_filename
from tests.api.moto_resources import FakeAws, FakeLambdaContext
from tests.corpus import CorpusCase, write_video
from tests.events import FIXTURE_JOB_ID, load_event
from tests.validate_upload.conftest import upload

BAD_CASES = ["empty", "text", "png", "truncated", "audio_only", "oversized", "too_long", "unsupported_codec",
             "resolution_too_high"]


def test_a_good_video_returns_its_probe(aws: FakeAws, corpus: dict[str, CorpusCase]) -> None:
    good = corpus["good"]
    upload(aws, FIXTURE_JOB_ID, "dinner.mp4", good.path)
    event = load_event("sfn_validate_upload")
    event["bucket"] = aws.videos_bucket

    probe = handler(event, FakeLambdaContext())

    assert probe == {
        "size_bytes": good.path.stat().st_size, "container": "mov,mp4,m4a,3gp,3g2,mj2", "codec": "h264",
        "duration_s": 1.2, "width": 160, "height": 120, "fps": 10.0, "frame_count": 12, "rotation_deg": 0,
    }


@pytest.mark.parametrize("case_name", BAD_CASES)
def test_each_bad_upload_fails_with_its_code(aws: FakeAws, corpus: dict[str, CorpusCase], case_name: str) -> None:
    case = corpus[case_name]
    payload = upload(aws, "1" * 32, safe_filename(case.filename), case.path)

    with pytest.raises(PipelineError) as raised:
        handler(payload, FakeLambdaContext())

    # Lambda reports the class name as errorType; Step Functions matches it as Error
    assert type(raised.value).__name__ == case.expected_code
    assert raised.value.message


def test_every_corpus_file_gets_the_code_validation_names_for_it(aws: FakeAws, corpus: dict[str, CorpusCase]) -> None:
    wrong = {}
    for index, case in enumerate(corpus.values()):
        declared = case.declared_size if case.outside_form else None
        payload = upload(aws, f"{index:032x}", "video.mp4", case.path, declared)
        try:
            handler(payload, FakeLambdaContext())
            got = None
        except PipelineError as error:
            got = type(error).__name__
        if got != case.expected_code:
            wrong[case.name] = (case.expected_code, got)
    assert not wrong


def test_every_validation_code_is_covered(corpus: dict[str, CorpusCase]) -> None:
    codes = {case.expected_code for case in corpus.values()} - {None}
    assert codes == {"EMPTY", "TOO_LARGE", "SIZE_MISMATCH", "NOT_A_VIDEO", "CORRUPT", "NO_DECODABLE_FRAMES",
                     "TOO_LONG", "UNSUPPORTED_CODEC", "RESOLUTION_TOO_HIGH"}


def test_the_path_traversal_upload_is_a_valid_video_in_its_own_folder(
    aws: FakeAws, corpus: dict[str, CorpusCase]
) -> None:
    case = corpus["path_traversal"]
    payload = upload(aws, "2" * 32, safe_filename(case.filename), case.path)

    assert payload["key"] == f"uploads/{'2' * 32}/passwd.mp4"
    assert handler(payload, FakeLambdaContext())["codec"] == "h264"


def test_a_missing_upload_is_upload_not_found(aws: FakeAws) -> None:
    payload = {"job_id": "3" * 32, "bucket": aws.videos_bucket, "key": f"uploads/{'3' * 32}/gone.mp4"}

    with pytest.raises(PipelineError) as raised:
        handler(payload, FakeLambdaContext())
    assert raised.value.code is ErrorCode.UPLOAD_NOT_FOUND


@pytest.mark.parametrize("payload", [{}, {"job_id": "nope", "bucket": "b" * 5, "key": "k"}, {"job_id": "4" * 32}])
def test_a_malformed_payload_is_invalid_input(aws: FakeAws, payload: dict) -> None:
    with pytest.raises(PipelineError) as raised:
        handler(payload, FakeLambdaContext())
    assert raised.value.code is ErrorCode.INVALID_INPUT


def test_a_portrait_phone_video_reports_displayed_size(aws: FakeAws, tmp_path) -> None:
    path = write_video(tmp_path / "portrait.mp4", rotation_deg=-90)
    probe = handler(upload(aws, "5" * 32, "portrait.mp4", path), FakeLambdaContext())

    assert (probe["width"], probe["height"], probe["rotation_deg"]) == (120, 160, 90)


def test_limits_come_from_the_environment(aws: FakeAws, corpus: dict[str, CorpusCase], monkeypatch) -> None:
    monkeypatch.setenv("MAX_VIDEO_SECONDS", "60")
    payload = upload(aws, "6" * 32, "long.mp4", corpus["too_long"].path)

    assert handler(payload, FakeLambdaContext())["duration_s"] > 5
