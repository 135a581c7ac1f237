"""The GPU image: build and push it with a local Docker engine, or take a URI built elsewhere."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO_ROOT / "gpu_tasks" / "Dockerfile"
IMAGE_SOURCES = ("gpu_tasks", "pipeline", "pyproject.toml", "constraints.txt")


class ImageError(RuntimeError):
    """The image could not be built or pushed; the message says what to do instead."""


def docker_engine_available() -> bool:
    """True when a Docker client exists and its engine answers."""
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def source_digest() -> str:
    """A tag derived from the image's sources, so an unchanged image keeps its tag."""
    digest = hashlib.sha256()
    for relative in IMAGE_SOURCES:
        root = REPO_ROOT / relative
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_and_push(ecr, repository_uri: str) -> str:
    """Build ``gpu_tasks/Dockerfile`` and push it to ``repository_uri``; returns the image URI."""
    if not docker_engine_available():
        raise ImageError(
            "no Docker engine answers here, so the GPU image cannot be built. Build and push it on a "
            "machine with Docker (`docker build -f gpu_tasks/Dockerfile .`), then deploy with --image-uri URI."
        )
    image_uri = f"{repository_uri}:{source_digest()}"
    token = ecr.get_authorization_token()["authorizationData"][0]
    user, password = base64.b64decode(token["authorizationToken"]).decode().split(":", 1)
    registry = repository_uri.split("/", 1)[0]
    steps = [
        ["docker", "login", "--username", user, "--password-stdin", registry],
        ["docker", "build", "-f", str(DOCKERFILE), "-t", image_uri, str(REPO_ROOT)],
        ["docker", "push", image_uri],
    ]
    for step in steps:
        result = subprocess.run(step, input=password if "login" in step else None, text=True, capture_output=True)
        if result.returncode != 0:
            raise ImageError(f"`{' '.join(step[:2])}` failed:\n{result.stderr[-2000:]}")
    return image_uri
