"""Content-hashed Lambda artifacts: the code an artifact needs plus only its own dependency group.

A zip is deterministic (sorted entries, fixed timestamps and modes), so its SHA-256 names it and an
unchanged artifact is never uploaded twice. Dependencies come from the group's pins in
``pyproject.toml`` (constrained by ``constraints.txt``) as wheels for the Lambda runtime of
``templates.lambda_runtime`` (its Python version, its glibc, the architecture's machine), without the
distributions that runtime already provides, and the zip is checked by ``ops.artifact_check``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

from ops.artifact_check import HOW_TO_FIX, check_archive
from pipeline.errors import s3_key_missing
from templates.lambda_runtime import ARCHITECTURE, LAMBDA_RUNTIME, LambdaRuntime

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / ".cache" / "artifacts"
PROJECT_NAME = "nutrition-video-analysis"
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_SKIP_PARTS = {"__pycache__", ".pytest_cache"}
#: Lambda's Python runtime already has these (boto3 and its dependencies); shipping them only adds weight.
PROVIDED_BY_RUNTIME = frozenset({"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six"})
#: The oldest glibc a manylinux wheel for aarch64 can name (manylinux2014 = manylinux_2_17).
_OLDEST_MANYLINUX = 17


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


def canonical_name(name: str) -> str:
    """A distribution name as PEP 503 compares them (``Python_DateUtil`` -> ``python-dateutil``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_platforms(runtime: LambdaRuntime, architecture: str) -> list[str]:
    """The ``--platform`` tags pip may install for ``runtime`` on ``architecture``, newest glibc first:
    every ``manylinux_2_N`` from the runtime's glibc down to 2.17, and ``manylinux2014`` (which pip
    widens to ``manylinux2010`` and ``manylinux1`` on x86_64)."""
    machine = runtime.machine(architecture)
    major, newest = runtime.glibc
    return [*(f"manylinux_{major}_{minor}_{machine}" for minor in range(newest, _OLDEST_MANYLINUX - 1, -1)),
            f"manylinux2014_{machine}"]


def remove_provided_distributions(target: Path, provided: frozenset[str] = PROVIDED_BY_RUNTIME) -> list[str]:
    """Delete from a ``pip install --target`` directory every distribution in ``provided``, also those
    pulled in transitively, with the files their ``RECORD`` lists; returns the names removed.

    ``--target`` puts packages in the target and scripts in ``target/bin``, which RECORD names
    relative to the ``lib/python`` pip installed into first (``../../bin/jp.py``)."""
    removed = []
    for dist_info in sorted(target.glob("*.dist-info")):
        metadata = HeaderParser().parsestr((dist_info / "METADATA").read_text(encoding="utf-8"))
        if canonical_name(metadata["Name"]) not in provided:
            continue
        with (dist_info / "RECORD").open(newline="", encoding="utf-8") as record:
            for path in ((target / row[0].removeprefix("../../")).resolve() for row in csv.reader(record) if row):
                if path.is_relative_to(target.resolve()) and path.is_file():
                    path.unlink()
        shutil.rmtree(dist_info)
        removed.append(canonical_name(metadata["Name"]))
    for directory in sorted((p for p in target.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return removed


def _install_dependencies(group: str, architecture: str, runtime: LambdaRuntime) -> Path:
    """The group's wheels for ``runtime`` on ``architecture`` in a cached ``pip install --target`` dir.

    pip picks wheels by the runtime's tags but evaluates environment markers with the Python running
    it; tests import every handler with the runtime's own Python to catch a marker-only dependency."""
    requirements = [r for r in group_requirements(group)
                    if canonical_name(r.split("==")[0].split("[")[0]) not in PROVIDED_BY_RUNTIME]
    # --no-compile: pip would compile every module with the Python running it, not the runtime's, and the
    # zip leaves __pycache__ out; that bytecode was half of pip's CPU time for runtime-nutrition.
    options = [
        "--only-binary=:all:", "--no-compile",
        *[option for platform in runtime_platforms(runtime, architecture) for option in ("--platform", platform)],
        "--implementation", "cp", "--python-version", runtime.python,
    ]
    key = [*sorted(requirements), runtime.name, *options, *sorted(PROVIDED_BY_RUNTIME)]
    digest = hashlib.sha256("\n".join(key).encode()).hexdigest()[:16]
    target = CACHE_DIR / f"deps-{group}-{runtime.name}-{architecture}-{digest}"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    command = [
        sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), *options,
        "-c", str(REPO_ROOT / "constraints.txt"), *requirements,
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise ArtifactError(f"installing {group} for {runtime.name} on {architecture} failed:\n{result.stderr[-2000:]}")
    remove_provided_distributions(target)
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
    architecture: str = ARCHITECTURE,
    include_dependencies: bool = True,
    out_dir: Path = CACHE_DIR,
    runtime: LambdaRuntime = LAMBDA_RUNTIME,
) -> BuiltArtifact:
    """Build (or reuse) the zip of one artifact for ``runtime`` on ``architecture``.

    With dependencies the zip is checked (``ops.artifact_check``) and refused with an
    :class:`ArtifactError` naming each wheel or library the runtime cannot load.
    ``include_dependencies=False`` ships only our code: the embedded AWS runs handlers in-process with
    the project's own environment, so it needs no wheels.
    """
    entries = _source_files(source_dirs)
    if include_dependencies and dependency_group:
        deps = _install_dependencies(dependency_group, architecture, runtime)
        entries += [
            (path.relative_to(deps).as_posix(), path)
            for path in deps.rglob("*")
            if path.is_file() and path.name != ".complete" and "__pycache__" not in path.parts
        ]
    data = _deterministic_zip(entries)
    if include_dependencies and dependency_group:
        problems = check_archive(zipfile.ZipFile(io.BytesIO(data)), runtime, architecture)
        if problems:
            raise ArtifactError(
                f"artifact {name!r} ({dependency_group}) cannot run on Lambda {runtime.name} {architecture}:\n"
                + "".join(f"  [{problem.code}] {problem.path}: needs {problem.needs}\n" for problem in problems)
                + f"{problems[0].supported}.\nTo fix: {HOW_TO_FIX} ({dependency_group} in pyproject.toml).")
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
        if not s3_key_missing(error.response):
            raise
    s3.upload_file(str(artifact.path), bucket, artifact.key, ExtraArgs={"Metadata": {"sha256": artifact.sha256}})
    return artifact.key
