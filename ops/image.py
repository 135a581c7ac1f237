"""The task images: build and push them with a local Docker engine, or take URIs built elsewhere.

Two images of the same code and entry point (``python -m gpu_tasks.analyze``): :data:`GPU_IMAGE` for the
EC2 GPU hosts and :data:`CPU_IMAGE` for Fargate. The build context is what ``.dockerignore`` lets
through (:mod:`ops.build_context`); each image is built for its platform whatever the machine building it.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ops.build_context import context_files

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO_ROOT / "gpu_tasks" / "Dockerfile"
TARGET_PLATFORM = "linux/amd64"
"""The platform of the GPU hosts (``pipeline.config.GPU_INSTANCE_FAMILIES``, all x86_64). Passed to
``docker build --platform`` so an arm64 laptop cross-builds an image they can run, instead of an arm64
one that fails there with ``exec format error`` (cross-building needs QEMU emulation, which Docker
Desktop ships; on Linux install it with ``docker run --privileged --rm tonistiigi/binfmt --install amd64``)."""
IMAGE_DEPENDENCY_GROUP = "gpu"
"""The ``[project.optional-dependencies]`` group of ``pyproject.toml`` the image installs."""


@dataclass(frozen=True)
class ImageSpec:
    """One task image: its Dockerfile and the platform of the machines that run it."""

    name: str
    dockerfile: Path
    platform: str


GPU_IMAGE = ImageSpec("gpu", DOCKERFILE, TARGET_PLATFORM)
CPU_IMAGE = ImageSpec("cpu", REPO_ROOT / "gpu_tasks" / "Dockerfile.cpu", "linux/arm64")
"""Fargate runs it on Graviton (``templates.compute_fargate.CPU_ARCHITECTURE``): a fifth cheaper than
x86, and the arm64 torch the Dockerfile pins is a CPU build."""


class ImageError(RuntimeError):
    """The image could not be built or pushed; the message says what to do instead."""


def docker_engine_available() -> bool:
    """True when a Docker client exists and its engine answers."""
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def image_requirements(pyproject: Path = REPO_ROOT / "pyproject.toml") -> list[str]:
    """The requirements the image installs: :data:`IMAGE_DEPENDENCY_GROUP` of ``pyproject``, as the
    Dockerfile's install step reads them (it installs them under ``-c constraints.txt``)."""
    with open(pyproject, "rb") as handle:
        return list(tomllib.load(handle)["project"]["optional-dependencies"][IMAGE_DEPENDENCY_GROUP])


def source_digest(root: Path = REPO_ROOT, spec: ImageSpec = GPU_IMAGE) -> str:
    """A tag derived from the build context, the Dockerfile and the platform: an unchanged image keeps its tag."""
    digest = hashlib.sha256(spec.platform.encode())
    for relative in sorted({*context_files(root), spec.dockerfile.relative_to(REPO_ROOT).as_posix()}):
        digest.update(relative.encode())
        digest.update((root / relative).read_bytes())
    return digest.hexdigest()[:16]


def build_command(image_uri: str, spec: ImageSpec = GPU_IMAGE) -> list[str]:
    """``docker build`` of the image's Dockerfile for its platform, tagged ``image_uri``."""
    return ["docker", "build", "--platform", spec.platform, "-f", str(spec.dockerfile), "-t", image_uri, str(REPO_ROOT)]


def _run(step: list[str], stdin: str | None = None) -> str:
    """Run one docker command; its stdout, or :class:`ImageError` with the end of its stderr."""
    result = subprocess.run(step, input=stdin, text=True, capture_output=True)
    if result.returncode != 0:
        raise ImageError(f"`{' '.join(step[:3])}` failed:\n{result.stderr[-2000:]}")
    return result.stdout


def image_pushed(ecr, repository_uri: str, tag: str) -> bool:
    """Whether ``repository_uri`` already holds ``tag``. Its tags are immutable, so an image whose
    sources did not change (same tag) is not pushed again: ECR would refuse the tag."""
    try:
        ecr.describe_images(repositoryName=repository_uri.split("/", 1)[1], imageIds=[{"imageTag": tag}])
    except ecr.exceptions.ImageNotFoundException:
        return False
    return True


def build_and_push(ecr, repository_uri: str, spec: ImageSpec = GPU_IMAGE) -> str:
    """Build the image of ``spec`` and push it to ``repository_uri``; returns the image URI. An image
    already pushed under the tag of its sources is kept as it is."""
    tag = source_digest(spec=spec)
    image_uri = f"{repository_uri}:{tag}"
    if image_pushed(ecr, repository_uri, tag):
        return image_uri
    if not docker_engine_available():
        flag = "--image-uri" if spec is GPU_IMAGE else "--cpu-image-uri"
        raise ImageError(
            f"no Docker engine answers here, so the {spec.name.upper()} image cannot be built. Build and push it on a "
            f"machine with Docker (`docker build --platform {spec.platform} -f "
            f"{spec.dockerfile.relative_to(REPO_ROOT).as_posix()} .`), then deploy with {flag} URI."
        )
    token = ecr.get_authorization_token()["authorizationData"][0]
    user, password = base64.b64decode(token["authorizationToken"]).decode().split(":", 1)
    registry = repository_uri.split("/", 1)[0]
    _run(["docker", "login", "--username", user, "--password-stdin", registry], stdin=password)
    _run(build_command(image_uri, spec))
    built = _run(["docker", "image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", image_uri]).strip()
    if built != spec.platform:
        raise ImageError(f"the {spec.name} image was built for {built}, not {spec.platform}; use a Docker with "
                         "BuildKit (Docker 23 or later) so `docker build --platform` is honoured")
    _run(["docker", "push", image_uri])
    return image_uri
