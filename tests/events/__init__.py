"""Real-shaped event fixtures (API Gateway REST proxy, EventBridge S3, Step Functions payloads).

``load_event(name)`` returns a fresh copy of ``tests/events/{name}.json``; tests change fields on it.
Every fixture uses the job id ``FIXTURE_JOB_ID`` and the bucket ``FIXTURE_BUCKET``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parent
FIXTURE_JOB_ID = "0f8e2c4a9b7d4e1f8a6c3b5d7e9f1a2b"
FIXTURE_BUCKET = "nutrition-video-dev-videos"


def load_event(name: str) -> dict[str, Any]:
    """The event ``tests/events/{name}.json`` as a new dict."""
    path = EVENTS_DIR / f"{name}.json"
    if not path.is_file():
        available = sorted(p.stem for p in EVENTS_DIR.glob("*.json"))
        raise FileNotFoundError(f"no event fixture {name!r}; available: {available}")
    return json.loads(path.read_text(encoding="utf-8"))
