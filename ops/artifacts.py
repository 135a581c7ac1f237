"""Content-hashed Lambda artifacts: the code an artifact needs plus only its own dependency group.

A zip is deterministic (sorted entries, fixed timestamps and modes), so its SHA-256 names it and an
unchanged artifact is never uploaded twice. Dependencies come from the group's pins in
``pyproject.toml`` (constrained by ``constraints.txt``) as wheels for the Lambda platform.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / ".cache" / "artifacts"
PROJECT_NAME = "nutrition-video-analysis"
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_SKIP_PARTS = {"__pycache__", ".pytest_cache"}
#: Lambda's Python runtime already has these; shipping them only adds weight.
_PROVIDED_BY_RUNTIME = {"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six"}
#: Wheel tags the Lambda python3.11 runtime (Amazon Linux 2023, glibc 2.34) can load, per architecture.
_GLIBC_TAGS = ("2014", "_2_24", "_2_28", "_2_34")
_PLATFORMS = {arch: [f"manylinux{tag}_{machine}" for tag in _GLIBC_TAGS]
              for arch, machine in (("arm64", "aarch64"), ("x86_64", "x86_64"))}


class ArtifactError(RuntimeError):
    """An artifact could not be built; the message says which and why."""


@dataclass(frozen=True)
class BuiltArtifact:
    """A zip on disk with its content hash and the S3 key it is published under."""

    name: str
    path: Path
    sha256: str

    @property
    def key(self) -> str:
        return f"lambda/{self.name}/{self.sha256[:20]}.zip"


def group_requirements(group: str, pyproject: Path = REPO_ROOT / "pyproject.toml") -> list[str]:
    """The pinned requirements of an optional-dependency group, with self-references expanded."""
    groups = tomllib.loads(pyproject.read_text())["project"]["optional-dependencies"]
    if group not in groups:
        raise ArtifactError(f"dependency group {group!r} is not in pyproject.toml (have: {sorted(groups)})")
    requirements: list[str] = []
    for requirement in groups[group]:
        if requirement.startswith(f"{PROJECT_NAME}["):
            for inner in requirement[len(PROJECT_NAME) + 1 : -1].split(","):
                requirements.extend(group_requirements(inner.strip(), pyproject))
        elif requirement not in requirements:
            requirements.append(requirement)
    return requirements


def _source_files(source_dirs: tuple[str, ...]) -> list[tuple[str, Path]]:
    files = []
    for relative in source_dirs:
        root = REPO_ROOT / relative
        if root.is_file():
            files.append((relative, root))
            continue
        if not root.is_dir():
            raise ArtifactError(f"artifact source {relative!r} does not exist under {REPO_ROOT}")
        for path in root.rglob("*"):
            if path.is_file() and not _SKIP_PARTS.intersection(path.parts) and path.suffix != ".pyc":
                files.append((path.relative_to(REPO_ROOT).as_posix(), path))
    return files


def _install_dependencies(group: str, architecture: str) -> Path:
    requirements = [
        r for r in group_requirements(group) if r.split("==")[0].split("[")[0].lower() not in _PROVIDED_BY_RUNTIME
    ]
    digest = hashlib.sha256("\n".join(sorted(requirements) + [architecture]).encode()).hexdigest()[:16]
    target = CACHE_DIR / f"deps-{group}-{architecture}-{digest}"
    if (target / ".complete").exists():
        return target
    command = [
        sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), "--only-binary=:all:",
        *[option for tag in _PLATFORMS[architecture] for option in ("--platform", tag)],
        "--implementation", "cp", "--python-version", "3.11",
        "-c", str(REPO_ROOT / "constraints.txt"), *requirements,
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise ArtifactError(f"installing {group} for {architecture} failed:\n{result.stderr[-2000:]}")
    (target / ".complete").write_text(digest)
    return target


def _deterministic_zip(entries: list[tuple[str, Path]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, path in sorted(entries, key=lambda entry: entry[0]):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def build_artifact(
    name: str,
    source_dirs: tuple[str, ...],
    dependency_group: str | None,
    *,
    architecture: str = "arm64",
    include_dependencies: bool = True,
    out_dir: Path = CACHE_DIR,
) -> BuiltArtifact:
    """Build (or reuse) the zip of one artifact.

    ``include_dependencies=False`` ships only our code: the embedded AWS runs handlers in-process with
    the project's own environment, so it needs no wheels.
    """
    entries = _source_files(source_dirs)
    if include_dependencies and dependency_group:
        deps = _install_dependencies(dependency_group, architecture)
        entries += [
            (path.relative_to(deps).as_posix(), path)
            for path in deps.rglob("*")
            if path.is_file() and path.name != ".complete" and "__pycache__" not in path.parts
        ]
    data = _deterministic_zip(entries)
    sha256 = hashlib.sha256(data).hexdigest()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}-{sha256[:20]}.zip"
    if not path.exists():
        path.write_bytes(data)
    return BuiltArtifact(name=name, path=path, sha256=sha256)


def publish(s3, bucket: str, artifact: BuiltArtifact) -> str:
    """Upload ``artifact`` unless an object with its key already exists; returns the key."""
    try:
        s3.head_object(Bucket=bucket, Key=artifact.key)
        return artifact.key
    except s3.exceptions.ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
            raise
    s3.upload_file(str(artifact.path), bucket, artifact.key, ExtraArgs={"Metadata": {"sha256": artifact.sha256}})
    return artifact.key
