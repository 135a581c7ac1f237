"""The image's Python dependencies install into a clean environment, and its entry point runs there.

What the Dockerfile does, without Docker: a fresh virtual environment (no system site packages), the
``gpu`` group of ``pyproject.toml`` under ``-c constraints.txt`` (torch first, alone, so a bare torch
never pulls a multi-GB build), then only ``pipeline/`` and ``gpu_tasks/`` copied beside each other.
It runs on this machine's interpreter, not the image's Python 3.12. The environment is kept under
``.cache/image-venv/<hash of pyproject.toml, constraints.txt and the Python version>`` and reused; a
clean checkout (CI) builds it once, in a few minutes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from ops.image import REPO_ROOT, image_requirements

pytestmark = pytest.mark.slow

VENV_CACHE = REPO_ROOT / ".cache" / "image-venv"
CONSTRAINTS = REPO_ROOT / "constraints.txt"
IMAGE_PACKAGES = ("pipeline", "gpu_tasks")  # what the Dockerfile COPYs into /app


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(sys.prefix))
    return env


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, env=_clean_env(), **kwargs)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _image_python() -> Path:
    """The Python of a clean environment holding the image's dependencies (built on first use)."""
    key = hashlib.sha256((REPO_ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()
                         + f"{sys.version_info[:2]}".encode()).hexdigest()[:16]
    venv = VENV_CACHE / key
    python = venv / "bin" / "python"
    VENV_CACHE.mkdir(parents=True, exist_ok=True)
    with _locked(VENV_CACHE / f"{key}.lock"):
        if (venv / ".installed").is_file():
            return python
        shutil.rmtree(venv, ignore_errors=True)
        started = time.monotonic()
        _run([sys.executable, "-m", "venv", str(venv)])
        requirements = image_requirements()
        torch = [r for r in requirements if r.startswith("torch==")]
        assert torch, "the image's dependency group pins no torch"
        _run([str(python), "-m", "pip", "install", "--quiet", *torch])
        (venv / "image-requirements.txt").write_text("\n".join(requirements) + "\n", encoding="utf-8")
        _run([str(python), "-m", "pip", "install", "--quiet", "-c", str(CONSTRAINTS),
              "-r", str(venv / "image-requirements.txt")])
        (venv / ".installed").write_text(f"{time.monotonic() - started:.0f} s\n", encoding="utf-8")
        print(f"built {venv} in {time.monotonic() - started:.0f} s")
    return python


@pytest.fixture(scope="module")
def image_app(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the environment's python, a folder holding only the packages the image copies)."""
    python = _image_python()
    app = tmp_path_factory.mktemp("app")
    for package in IMAGE_PACKAGES:
        shutil.copytree(REPO_ROOT / package, app / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return python, app


@pytest.mark.timeout(1800)
def test_the_entry_point_runs_with_only_the_image_dependencies(image_app: tuple[Path, Path]) -> None:
    python, app = image_app
    assert "include-system-site-packages = false" in (python.parent.parent / "pyvenv.cfg").read_text()
    help_text = _run([str(python), "-m", "gpu_tasks.analyze", "--help"], cwd=app).stdout
    for argument in ("--job-id", "--video-uri", "--output-uri", "--models", "--backend", "--max-keyframes",
                     "--device"):
        assert argument in help_text


@pytest.mark.timeout(1800)
def test_every_gpu_task_module_imports_with_only_the_image_dependencies(image_app: tuple[Path, Path]) -> None:
    python, app = image_app
    program = ("import importlib, pkgutil, gpu_tasks\n"
               "for module in pkgutil.walk_packages(gpu_tasks.__path__, 'gpu_tasks.'):\n"
               "    importlib.import_module(module.name)\n"
               "import torch, transformers, av, google.genai, boto3, safetensors, huggingface_hub\n"
               "print('ok', torch.__version__)")
    assert _run([str(python), "-c", program], cwd=app).stdout.startswith("ok ")
