"""The host's models cache: filled once, reused, updated file by file, safe for two jobs at once."""

from __future__ import annotations

import errno
import multiprocessing
import os
import time
from pathlib import Path
from typing import Iterator

import boto3
import pytest
from moto import mock_aws
from moto.server import ThreadedMotoServer

from gpu_tasks import storage
from gpu_tasks.models import fetch_models
from gpu_tasks.models.cache import INDEX_NAME, KEEP_COPIES, default_cache_dir, models_cache_dir
from pipeline.environment import EnvVar

BUCKET = "models-bucket"
MODELS_URI = f"s3://{BUCKET}/models/"
FILES = {"detector/config.json": b"{}", "detector/model.safetensors": b"w" * 4096,
         "depth/model.safetensors": b"d" * 2048, "depth/source.json": b'{"role": "depth"}'}


def _put(files: dict[str, bytes]) -> None:
    s3 = boto3.client("s3")
    for relative, body in files.items():
        s3.put_object(Bucket=BUCKET, Key="models/" + relative, Body=body)


@pytest.fixture
def bucket(aws_env: None) -> Iterator[None]:
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        _put(FILES)
        boto3.client("s3").put_object(Bucket=BUCKET, Key="models/", Body=b"")  # a folder marker
        yield


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URI the cache downloads, in order (the real download still runs)."""
    seen: list[str] = []
    real = storage.download

    def counting(uri: str, destination: Path) -> Path:
        seen.append(uri)
        return real(uri, destination)

    monkeypatch.setattr(storage, "download", counting)
    return seen


def _contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name != INDEX_NAME}


def test_the_cache_is_filled_once_then_reused(tmp_path: Path, bucket: None, downloads: list[str]) -> None:
    first = fetch_models(MODELS_URI, cache_dir=tmp_path)
    assert _contents(first) == FILES
    assert len(downloads) == len(FILES)
    assert fetch_models(MODELS_URI.rstrip("/"), cache_dir=tmp_path) == first
    assert len(downloads) == len(FILES)  # nothing downloaded again


def test_the_cache_folder_comes_from_models_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      bucket: None) -> None:
    assert models_cache_dir({}) == default_cache_dir()
    monkeypatch.setenv(EnvVar.MODELS_CACHE_DIR.value, str(tmp_path / "host-cache"))
    local = fetch_models(MODELS_URI)
    assert local.is_relative_to(tmp_path / "host-cache") and _contents(local) == FILES


def test_an_update_downloads_only_what_changed(tmp_path: Path, bucket: None, downloads: list[str]) -> None:
    first = fetch_models(MODELS_URI, cache_dir=tmp_path)
    copies = [first]
    for round_ in range(3):
        _put({"detector/model.safetensors": bytes([round_]) * 4096})  # same size, new ETag
        downloads.clear()
        copies.append(fetch_models(MODELS_URI, cache_dir=tmp_path))
        assert downloads == [f"{MODELS_URI}detector/model.safetensors"]
        assert _contents(copies[-1])["detector/model.safetensors"] == bytes([round_]) * 4096
    newest = copies[-1]
    assert (newest / "depth/model.safetensors").stat().st_ino == (copies[-2] / "depth/model.safetensors").stat().st_ino
    assert [c.is_dir() for c in copies] == [False] * (len(copies) - KEEP_COPIES) + [True] * KEEP_COPIES


def test_a_half_written_copy_is_never_used(tmp_path: Path, bucket: None, downloads: list[str]) -> None:
    prefix_dir = fetch_models(MODELS_URI, cache_dir=tmp_path).parent
    for copy in prefix_dir.iterdir():
        if copy.is_dir():
            copy.rename(prefix_dir / ".partial-crashed")  # as if a job died before its rename
    (prefix_dir / ".partial-crashed" / "detector" / "model.safetensors").write_bytes(b"half")
    downloads.clear()
    local = fetch_models(MODELS_URI, cache_dir=tmp_path)
    assert _contents(local) == FILES and len(downloads) == len(FILES)
    assert not (prefix_dir / ".partial-crashed").exists()


def test_a_cache_the_task_cannot_write_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              bucket: None) -> None:
    real_mkdir = Path.mkdir

    def read_only_host_folder(self: Path, *args, **kwargs) -> None:
        if self.is_relative_to(tmp_path / "host"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only_host_folder)
    with pytest.raises(PermissionError, match=f"not writable by uid {os.getuid()}.*{EnvVar.MODELS_CACHE_DIR.value}"):
        fetch_models(MODELS_URI, cache_dir=tmp_path / "host")


def _fetch_in_another_process(cache_dir: str, log: str, jobs: int) -> tuple[str, float, float]:
    """One job: once ``jobs`` processes are ready, fetch the models with a slow download that logs each
    object it fetches; returns the folder and when the fetch started and ended (epoch seconds)."""
    real = storage.download
    ready = Path(log).with_name(f"ready-{os.getpid()}")
    ready.touch()
    deadline = time.monotonic() + 60
    while len(list(ready.parent.glob("ready-*"))) < jobs and time.monotonic() < deadline:
        time.sleep(0.01)

    def slow(uri: str, destination: Path) -> Path:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(uri + "\n")
        time.sleep(0.2)  # keeps the first job inside its lock while the second arrives
        return real(uri, destination)

    storage.download = slow  # type: ignore[assignment]  (this process only)
    started = time.time()
    local = fetch_models(MODELS_URI, cache_dir=Path(cache_dir))
    assert _contents(local) == FILES, "returned a copy that is not complete"
    return str(local), started, time.time()


def test_two_jobs_starting_at_once_share_one_download(tmp_path: Path, aws_env: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://{host}:{port}")
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        _put(FILES)
        log = tmp_path / "downloads.log"
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            jobs = [pool.apply_async(_fetch_in_another_process, (str(tmp_path / "cache"), str(log), 2))
                    for _ in range(2)]
            (first, start_1, end_1), (second, start_2, end_2) = sorted(job.get(timeout=120) for job in jobs)
    finally:
        server.stop()
    assert first == second
    assert max(start_1, start_2) < min(end_1, end_2), "the two fetches did not overlap"
    assert sorted(log.read_text().split()) == sorted(f"{MODELS_URI}{relative}" for relative in FILES)
