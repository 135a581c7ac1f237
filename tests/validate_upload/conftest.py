"""Fixtures of the upload validation tests: the corpus (built once) and fake AWS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.video.declared import DECLARED_SIZE_METADATA
from tests.api.moto_resources import TEST_LIMITS, FakeAws, fake_aws
from tests.corpus import CorpusCase, build_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CorpusCase]:
    return build_corpus(tmp_path_factory.mktemp("corpus"), **TEST_LIMITS)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAws]:
    with fake_aws(monkeypatch) as resources:
        yield resources


def upload(aws: FakeAws, job_id: str, name: str, path: Path, declared_size: int | None = None) -> dict[str, str]:
    """Put ``path`` at ``uploads/{job_id}/{name}`` (with the declared size the form would bind); the
    ValidateUpload payload for it."""
    key = f"uploads/{job_id}/{name}"
    metadata = {DECLARED_SIZE_METADATA: str(declared_size)} if declared_size is not None else {}
    aws.s3.put_object(Bucket=aws.videos_bucket, Key=key, Body=path.read_bytes(), Metadata=metadata)
    return {"job_id": job_id, "bucket": aws.videos_bucket, "key": key}
