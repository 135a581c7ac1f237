"""The GPU image: built for the GPU hosts' platform, from a small build context, with a stable tag."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from ops import image
from ops.build_context import context_files, is_excluded, parse_dockerignore
from ops.image import DOCKERFILE, IMAGE_DEPENDENCY_GROUP, REPO_ROOT, TARGET_PLATFORM, ImageError

REPOSITORY = "registry.test/nutrition-video-gpu"  # a made-up registry: nothing is contacted


class FakeEcr:
    """An ECR repository holding the image tags ``tags``."""

    class exceptions:  # noqa: N801 - as boto3 clients name it
        class ImageNotFoundException(Exception):
            pass

    def __init__(self, tags: tuple[str, ...] = ()) -> None:
        self.tags = tags

    def get_authorization_token(self) -> dict:
        return {"authorizationData": [{"authorizationToken": base64.b64encode(b"AWS:secret").decode()}]}

    def describe_images(self, *, repositoryName: str, imageIds: list[dict]) -> dict:  # noqa: N803
        assert repositoryName == "nutrition-video-gpu"
        if imageIds[0]["imageTag"] not in self.tags:
            raise self.exceptions.ImageNotFoundException(imageIds[0]["imageTag"])
        return {"imageDetails": [{"imageTags": [imageIds[0]["imageTag"]]}]}


class FakeDocker:
    """Records each command; ``docker image inspect`` answers ``built_for``."""

    def __init__(self, built_for: str) -> None:
        self.built_for = built_for
        self.commands: list[list[str]] = []

    def run(self, command: list[str], **kwargs) -> subprocess.CompletedProcess:
        self.commands.append(command)
        stdout = self.built_for + "\n" if command[1:3] == ["image", "inspect"] else ""
        return subprocess.CompletedProcess(command, 0, stdout=stdout, stderr="")


@pytest.fixture
def docker(monkeypatch: pytest.MonkeyPatch) -> FakeDocker:
    fake = FakeDocker(built_for=TARGET_PLATFORM)
    monkeypatch.setattr(image, "docker_engine_available", lambda: True)
    monkeypatch.setattr(image.subprocess, "run", fake.run)
    return fake


def test_the_image_is_built_for_the_gpu_hosts_platform(docker: FakeDocker) -> None:
    assert TARGET_PLATFORM == "linux/amd64"
    image_uri = image.build_and_push(FakeEcr(), REPOSITORY)
    assert image_uri == f"{REPOSITORY}:{image.source_digest()}"
    assert [c[:2] for c in docker.commands] == [["docker", "login"], ["docker", "build"], ["docker", "image"],
                                                ["docker", "push"]]
    assert docker.commands[1] == ["docker", "build", "--platform", "linux/amd64", "-f", str(DOCKERFILE),
                                  "-t", image_uri, str(REPO_ROOT)]
    assert docker.commands[0][-1] == "registry.test"
    assert docker.commands[3] == ["docker", "push", image_uri]


def test_an_image_already_pushed_under_its_tag_is_kept(docker: FakeDocker) -> None:
    """The repositories' tags are immutable: a second push of an unchanged image would be refused."""
    image_uri = image.build_and_push(FakeEcr(tags=(image.source_digest(),)), REPOSITORY)
    assert image_uri == f"{REPOSITORY}:{image.source_digest()}"
    assert docker.commands == []


def test_an_image_for_another_platform_is_not_pushed(docker: FakeDocker) -> None:
    docker.built_for = "linux/arm64"
    with pytest.raises(ImageError, match="built for linux/arm64, not linux/amd64"):
        image.build_and_push(FakeEcr(), REPOSITORY)
    assert all(command[1] != "push" for command in docker.commands)


def test_the_documented_build_commands_name_the_platform() -> None:
    for doc in (DOCKERFILE, REPO_ROOT / "gpu_tasks" / "README.md"):
        builds = [line for line in doc.read_text(encoding="utf-8").splitlines() if "docker build" in line]
        assert builds and all(f"--platform {TARGET_PLATFORM}" in line for line in builds), doc


def _copied_sources() -> list[str]:
    """The sources of every COPY in the Dockerfile (all arguments but the destination)."""
    sources = []
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("COPY "):
            sources.extend(arg.rstrip("/") for arg in line.split()[1:-1] if not arg.startswith("--"))
    return sources


def test_the_build_context_holds_what_the_dockerfile_copies_and_little_else() -> None:
    patterns = parse_dockerignore((REPO_ROOT / ".dockerignore").read_text(encoding="utf-8"))
    assert sorted(_copied_sources()) == ["constraints.txt", "gpu_tasks", "pipeline", "pyproject.toml"]
    for path in (".venv/bin/python", ".cache/x", "runs/sample/meal.mp4", ".models/detector/model.safetensors",
                 ".git/HEAD", "tests/gpu_tasks/test_models.py", "pipeline/__pycache__/config.cpython-311.pyc",
                 "gpu_tasks/models/stray.pyc", "pipeline/tests/test_x.py", "README.md", "build.py"):
        assert is_excluded(path, patterns), path
    files = context_files(REPO_ROOT)
    tracked = subprocess.run(["git", "ls-files", *_copied_sources()], cwd=REPO_ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert set(tracked) <= set(files)  # everything the Dockerfile COPYs is sent
    assert {path.split("/")[0] for path in files} == set(_copied_sources())
    assert sum((REPO_ROOT / path).stat().st_size for path in files) < 20 * 1024 * 1024


@pytest.mark.parametrize(("lines", "path", "excluded"), [
    (["*", "!pipeline/"], "pipeline/config.py", False),
    (["*", "!pipeline/"], "pipelines/config.py", True),
    (["*", "!pipeline", "**/__pycache__"], "pipeline/a/__pycache__/b.pyc", True),
    (["**/__pycache__", "!pipeline"], "pipeline/__pycache__/b.pyc", False),  # the last match wins
    (["*.md"], "docs/notes.md", False),  # * stays within one segment
    (["**/*.md"], "docs/notes.md", True),
    (["/build"], "build/synth/x.json", True),
])
def test_dockerignore_rules_follow_docker(lines: list[str], path: str, excluded: bool) -> None:
    assert is_excluded(path, parse_dockerignore("\n".join(lines))) is excluded


def _context_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for relative in (".dockerignore", "pyproject.toml", "constraints.txt", "gpu_tasks/Dockerfile",
                     "pipeline/layout.py"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO_ROOT / relative, root / relative)
    return root


def test_the_tag_changes_with_the_context_only(tmp_path: Path) -> None:
    root = _context_copy(tmp_path)
    tag = image.source_digest(root)
    (root / "README.md").write_text("not in the image")
    (root / "pipeline" / "__pycache__").mkdir()
    (root / "pipeline" / "__pycache__" / "layout.cpython-311.pyc").write_bytes(b"\0")
    assert image.source_digest(root) == tag
    (root / "pipeline" / "layout.py").write_text("# changed\n", encoding="utf-8")
    assert image.source_digest(root) != tag


def test_the_dockerfile_installs_the_image_dependency_group() -> None:
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert f"['project']['optional-dependencies']['{IMAGE_DEPENDENCY_GROUP}']" in dockerfile
    assert "pip install -c constraints.txt -r /tmp/gpu-requirements.txt" in dockerfile
    requirements = image.image_requirements()
    assert any(r.startswith("torch==") for r in requirements) and "boto3==1.44.8" in requirements
