"""Fixtures of the web page's browser tests: a folder for the screenshots each test module keeps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "build" / "artifacts" / "web-page"
"""Screenshots, one folder per test module (printed when it starts)."""


@pytest.fixture(scope="module")
def screenshots(request: pytest.FixtureRequest) -> Path:
    folder = ARTIFACTS / request.module.__name__.rsplit(".", 1)[-1]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"\nscreenshots of {request.module.__name__}: {folder}")
    return folder
