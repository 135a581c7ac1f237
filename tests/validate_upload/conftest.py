"""Fixtures of the upload validation tests: the corpus (built once) and fake AWS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.moto_resources import TEST_LIMITS, FakeAws, fake_aws
from tests.corpus import CorpusCase, build_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CorpusCase]:
    return build_corpus(tmp_path_factory.mktemp("corpus"), **TEST_LIMITS)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAws]:
    with fake_aws(monkeypatch) as resources:
        yield resources


def upload(aws: FakeAws, job_id: str, name: str, path: Path) -> dict[str, str]:
    """Put ``path`` at ``uploads/{job_id}/{name}``; the ValidateUpload payload for it."""
    key = f"uploads/{job_id}/{name}"
    aws.s3.put_object(Bucket=aws.videos_bucket, Key=key, Body=path.read_bytes())
    return {"job_id": job_id, "bucket": aws.videos_bucket, "key": key}
