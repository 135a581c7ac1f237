"""Where the models live: ``sync_models`` fills the models bucket (or a folder) from the Hugging Face
Hub, and ``fetch_models`` brings a bucket prefix into the host's cache (:mod:`gpu_tasks.models.cache`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from gpu_tasks import storage
from gpu_tasks.models.cache import fetch_prefix, models_cache_dir
from gpu_tasks.models.layout import MANIFEST_NAME, Manifest, fetch_hint, role_dir
from gpu_tasks.models.registry import ROLES
from pipeline.config import Config, ModelRef
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.layout import S3Uri

#: Files a model folder needs (weights, configs, processor and tokenizer files); the rest is skipped.
MODEL_FILE_PATTERNS = ["*.json", "*.safetensors", "*.txt", "*.model"]

Downloader = Callable[[ModelRef], Path]


def hub_snapshot(ref: ModelRef) -> Path:
    """Download ``ref`` from the Hugging Face Hub (needs internet) and return the snapshot folder."""
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(repo_id=ref.id, revision=ref.revision, allow_patterns=MODEL_FILE_PATTERNS))


#: How long :func:`hub_unreachable` waits for the Hub's answer (s): enough for a slow link, short
#: enough that an offline machine is told at once instead of after the download's retries.
HUB_CHECK_TIMEOUT_S = 5.0


def hub_unreachable(ref: ModelRef, *, timeout_s: float = HUB_CHECK_TIMEOUT_S) -> str | None:
    """Why ``ref`` cannot be fetched from the Hugging Face Hub now (one request, no retries), or None
    when the Hub answers with its metadata."""
    from huggingface_hub import HfApi, constants

    if constants.HF_HUB_OFFLINE:
        return "HF_HUB_OFFLINE is set"
    try:
        HfApi().model_info(ref.id, revision=ref.revision, timeout=timeout_s)
    except Exception as error:  # noqa: BLE001 - whatever stops this request stops the download too
        return f"{constants.ENDPOINT} did not answer for {ref.id} ({type(error).__name__}: {str(error)[:120]})"
    return None


def _publish(source: Path, destination: str) -> int:
    """Copy every file of ``source`` to the folder or s3:// prefix ``destination``; return the count."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    for path in files:
        relative = path.relative_to(source).as_posix()
        if storage.is_s3(destination):
            location = S3Uri.parse(destination).join(relative)
            storage.s3_client().upload_file(str(path), location.bucket, location.key)
        else:
            target = Path(destination) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return len(files)


def sync_models(config: Config, destination: str, *, download: Downloader = hub_snapshot) -> dict[str, str]:
    """Download each configured model (``config.models``) and publish it under ``destination/<role>/``.

    ``destination`` is an s3:// prefix (the models bucket) or a local folder. The snapshot folder's
    name is the resolved commit, recorded in each role's manifest. Returns ``{role: revision}``.
    """
    resolved: dict[str, str] = {}
    for role in ROLES:
        ref: ModelRef = getattr(config.models, role)
        snapshot = download(ref)
        if not (snapshot / "config.json").is_file():
            raise FileNotFoundError(f"{ref.id}@{ref.revision}: the download has no config.json ({snapshot})")
        revision = snapshot.name if len(snapshot.name) == 40 else ref.revision
        role_destination = storage.join(destination, role)
        _publish(snapshot, role_destination)
        manifest = Manifest(role=role, id=ref.id, revision=revision, weights="pretrained")
        storage.put_bytes(storage.join(role_destination, MANIFEST_NAME), manifest.to_json().encode(), "application/json")
        resolved[role] = revision
    return resolved


def fetch_models(models_uri: str, cache_dir: Path | None = None) -> Path:
    """A local folder with the models of ``models_uri``: the folder itself, or a cached copy of the s3://
    prefix in ``cache_dir`` (default :func:`~gpu_tasks.models.cache.models_cache_dir`).

    Raises MODELS_MISSING when the folder or prefix does not exist or is empty.
    """
    if not storage.is_s3(models_uri):
        root = Path(models_uri)
        if not root.is_dir():
            raise pipeline_error(ErrorCode.MODELS_MISSING, f"models folder {root} does not exist; {fetch_hint(str(root))}",
                                 value=str(root))
        return root
    prefix = S3Uri.parse(models_uri if models_uri.endswith("/") else models_uri + "/")
    return fetch_prefix(prefix, cache_dir if cache_dir is not None else models_cache_dir())


def stored_roles(root: Path) -> dict[str, Manifest | None]:
    """The manifest of each role folder under ``root`` (None where it has none)."""
    return {role: Manifest.read(role_dir(root, role)) for role in ROLES}
