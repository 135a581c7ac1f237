"""Small builders of detections for the nutrition tests."""

from __future__ import annotations

from typing import Any

from pipeline.contracts.detections import Detections

JOB_ID = "0123456789abcdef0123456789abcdef"


def detected(item_id: str, label: str, **fields: Any) -> dict[str, Any]:
    base = {"id": item_id, "label": label, "confidence": 0.9, "best_frame": 3, "frames": [1, 3, 5],
            "box": {"x0": 0, "y0": 0, "x1": 10, "y1": 10}}
    return {**base, **fields}


def detections(*items: dict[str, Any], **fields: Any) -> Detections:
    document = {"job_id": JOB_ID, "video": {"duration_s": 4.0, "fps": 30, "width": 640, "height": 480, "codec": "h264"},
                "frames_analysed": [1, 3, 5], "items": list(items), **fields}
    return Detections.model_validate(document)
