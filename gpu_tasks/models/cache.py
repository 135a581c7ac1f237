"""The host's copy of the models bucket prefix, shared by every job that runs on the host.

Layout: ``<cache>/<prefix hash>/<content hash>/<role>/...``. The content hash is taken over the
listing (relative key, size, ETag), so a model update in the bucket is a new folder, and a folder, once
it exists under its final name, is complete and never changes: it is filled under a temporary name
beside it (``.partial-*``) and renamed (atomic on one file system). An exclusive ``flock`` on
``<prefix hash>/.lock`` lets one job fill the cache while another on the same host waits, then reuses
the copy. Files whose size and ETag did not change are hard-linked from the previous copy, so an update
downloads only what changed. The newest two copies are kept (a job started just before an update may
still be loading the older one).

The cache folder is ``MODELS_CACHE_DIR`` when set (a host folder the job definition mounts, so the
weights outlive the container), else ``~/.cache/nutrition-video/models``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from gpu_tasks import storage
from gpu_tasks.models.layout import fetch_hint
from gpu_tasks.storage import StoredObject
from pipeline.environment import EnvVar
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.layout import S3Uri
from pipeline.runtime_settings import ModelsLocation, read_settings

INDEX_NAME = ".objects.json"
"""In each complete copy: ``{relative key: {"size_bytes": int, "etag": str}}`` of what it holds."""
KEEP_COPIES = 2
"""Complete copies kept per prefix: the newest and the one before it."""
_LOCK_NAME = ".lock"
_PARTIAL_PREFIX = ".partial-"


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "nutrition-video" / "models"


def models_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``MODELS_CACHE_DIR`` when set, else :func:`default_cache_dir`."""
    value = read_settings(ModelsLocation, environ).models_cache_dir
    return Path(value) if value else default_cache_dir()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _wanted(prefix: S3Uri, objects: list[StoredObject]) -> dict[str, StoredObject]:
    """``{relative key: object}`` for the files under ``prefix`` (folder markers skipped)."""
    wanted: dict[str, StoredObject] = {}
    for stored in objects:
        relative = stored.key[len(prefix.key):]
        if not relative or relative.endswith("/"):
            continue
        if ".." in PurePosixPath(relative).parts or relative.startswith("/"):
            raise pipeline_error(ErrorCode.MODELS_MISSING, f"model key {stored.key!r} leaves its folder",
                                 value=stored.key)
        wanted[relative] = stored
    return wanted


def _index(wanted: dict[str, StoredObject]) -> dict[str, dict[str, int | str]]:
    return {relative: {"size_bytes": o.size_bytes, "etag": o.etag} for relative, o in sorted(wanted.items())}


def _complete_copies(prefix_dir: Path) -> list[Path]:
    """Complete copies under ``prefix_dir``, newest first."""
    copies = [p for p in prefix_dir.iterdir() if not p.name.startswith(".") and (p / INDEX_NAME).is_file()]
    return sorted(copies, key=lambda p: (p / INDEX_NAME).stat().st_mtime_ns, reverse=True)


def _reusable(prefix_dir: Path) -> dict[tuple[str, int, str], Path]:
    """Files of the complete copies, keyed by (relative key, size in bytes, ETag)."""
    found: dict[tuple[str, int, str], Path] = {}
    for copy in reversed(_complete_copies(prefix_dir)):  # newest last, so it wins
        for relative, entry in json.loads((copy / INDEX_NAME).read_text(encoding="utf-8")).items():
            path = copy / relative
            if path.is_file() and path.stat().st_size == entry["size_bytes"]:
                found[(relative, int(entry["size_bytes"]), str(entry["etag"]))] = path
    return found


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (released on exit, or by the kernel if the process dies)."""
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another job on this host to finish copying the models into {lock_path.parent}",
                  flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prepare(prefix_dir: Path) -> None:
    """Create ``prefix_dir`` and its lock file; a clear error when the cache folder is not writable."""
    try:
        prefix_dir.mkdir(parents=True, exist_ok=True)
        (prefix_dir / _LOCK_NAME).touch(exist_ok=True)
    except PermissionError as error:
        raise PermissionError(
            f"the models cache {prefix_dir.parent} is not writable by uid {os.getuid()} ({error.strerror}); "
            f"the host folder mounted at {EnvVar.MODELS_CACHE_DIR.value} must belong to that user"
        ) from None


def _fill(stage: Path, prefix: S3Uri, wanted: dict[str, StoredObject],
          reusable: dict[tuple[str, int, str], Path]) -> tuple[int, int]:
    """Put every wanted file into ``stage``; returns (files linked from an older copy, files downloaded)."""
    linked = downloaded = 0
    for relative, stored in sorted(wanted.items()):
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        previous = reusable.get((relative, stored.size_bytes, stored.etag))
        if previous is not None:
            try:
                os.link(previous, target)
            except OSError:
                shutil.copyfile(previous, target)
            linked += 1
            continue
        storage.download(str(S3Uri(prefix.bucket, stored.key)), target)
        if target.stat().st_size != stored.size_bytes:
            raise OSError(f"{S3Uri(prefix.bucket, stored.key)} changed while it was downloaded "
                          f"({target.stat().st_size} bytes, listed {stored.size_bytes}); run the job again")
        downloaded += 1
    return linked, downloaded


def _prune(prefix_dir: Path, newest: Path | None = None) -> None:
    """Remove unfinished copies and all complete ones but ``newest`` and the latest others up to
    :data:`KEEP_COPIES` (called with the lock held)."""
    for partial in prefix_dir.glob(_PARTIAL_PREFIX + "*"):
        shutil.rmtree(partial, ignore_errors=True)
    if newest is None:
        return
    others = [copy for copy in _complete_copies(prefix_dir) if copy != newest]
    for old in others[KEEP_COPIES - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def fetch_prefix(prefix: S3Uri, cache_dir: Path) -> Path:
    """A complete local copy of the objects under ``prefix`` (a folder ending in ``/``), kept in ``cache_dir``.

    Lists the prefix on every call (one request) and downloads only objects that no earlier copy holds
    with the same size and ETag. Raises MODELS_MISSING when the prefix holds no objects.
    """
    wanted = _wanted(prefix, storage.list_objects(prefix))
    if not wanted:
        raise pipeline_error(ErrorCode.MODELS_MISSING, f"no models under {prefix}; {fetch_hint(str(prefix))}",
                             value=str(prefix))
    index = _index(wanted)
    prefix_dir = cache_dir / _digest(str(prefix))
    copy = prefix_dir / _digest(json.dumps(index, sort_keys=True))
    if copy.is_dir():  # complete: copies only ever appear by rename
        return copy
    _prepare(prefix_dir)
    with _exclusive(prefix_dir / _LOCK_NAME):
        if copy.is_dir():  # another job finished it while this one waited
            return copy
        _prune(prefix_dir)  # what a crashed job left half-written
        stage = Path(tempfile.mkdtemp(prefix=_PARTIAL_PREFIX, dir=prefix_dir))
        stage.chmod(0o755)  # mkdtemp makes it private
        try:
            linked, downloaded = _fill(stage, prefix, wanted, _reusable(prefix_dir))
            (stage / INDEX_NAME).write_text(json.dumps(index, indent=1, sort_keys=True), encoding="utf-8")
            os.rename(stage, copy)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        _prune(prefix_dir, newest=copy)
    print(f"models from {prefix}: {downloaded} files downloaded, {linked} reused, in {copy}", flush=True)
    return copy
