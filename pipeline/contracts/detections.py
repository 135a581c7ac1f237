"""``detections.json``: what the GPU task saw, written by ``gpu_tasks`` and read by ``nutrition_rag``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DETECTIONS_SCHEMA_VERSION = "1.0"

#: What perception ran on: trained weights, random stand-ins (a plumbing test), or no models at all,
#: a rendered scene's ground truth served in their place (the ``scene`` backend, the offline demo).
Weights = Literal["pretrained", "random", "scene"]
#: The words every output of a ``scene`` run carries (console, results.json, report banner).
SCENE_PERCEPTION = "perception from the rendered scene's ground truth, no models"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VideoInfo(_Model):
    """The probed video stream, after rotation (width/height as displayed)."""

    duration_s: float = Field(ge=0)
    fps: float = Field(ge=0, description="average frames per second")
    width: int = Field(gt=0, description="pixels")
    height: int = Field(gt=0, description="pixels")
    codec: str
    rotation_deg: int = 0
    frame_count: int | None = Field(default=None, ge=0)


class Intrinsics(_Model):
    """Pinhole camera intrinsics in pixels."""

    fx: float = Field(gt=0)
    fy: float = Field(gt=0)
    cx: float
    cy: float


class Calibration(_Model):
    """How pixels became centimetres; ``method`` names the source of the metric scale."""

    method: Literal["metadata_intrinsics", "fov_prior", "reference_object", "manual"]
    intrinsics: Intrinsics | None = None
    pixels_per_cm: float | None = Field(default=None, gt=0, description="at the supporting plane")
    plane: list[float] | None = Field(default=None, description="supporting plane (a, b, c, d), metres, camera frame")
    reference: str | None = Field(default=None, description="the object used for scale, e.g. 'dinner plate 27 cm'")
    scale_correction: float = Field(default=1.0, gt=0, description="factor applied to the model's metric depth")


class Box(_Model):
    """Axis-aligned box in pixels of the analysed frame: (x0, y0) top-left, (x1, y1) bottom-right."""

    x0: float
    y0: float
    x1: float
    y1: float


class Mask(_Model):
    """Item mask: COCO-style uncompressed RLE (column-major counts) or a PNG stored next to the JSON."""

    format: Literal["rle", "png"]
    size: tuple[int, int] = Field(description="(height, width) in pixels")
    counts: list[int] | None = None
    key: str | None = Field(default=None, description="object key of the PNG, when format is 'png'")


class DetectedItem(_Model):
    """One food item, possibly seen in several frames and measured from its best view."""

    id: str
    label: str = Field(min_length=1, description="short lower-case food name, e.g. 'fried rice'")
    confidence: float = Field(ge=0, le=1)
    best_frame: int = Field(ge=0, description="index of the frame in the decoded video")
    frames: list[int] = Field(default_factory=list, description="every analysed frame the item was seen in")
    box: Box
    mask: Mask | None = None
    area_cm2: float | None = Field(default=None, ge=0)
    height_cm: float | None = Field(default=None, ge=0)
    volume_ml: float | None = Field(default=None, ge=0)
    volume_method: str | None = Field(default=None, description="e.g. 'depth_integration', 'vlm_estimate'")
    volume_ml_p10: float | None = Field(default=None, ge=0, description="low end of the 80 % interval of volume_ml")
    volume_ml_p90: float | None = Field(default=None, ge=0, description="high end of the 80 % interval of volume_ml")
    container: str | None = Field(default=None, description="'bowl' or 'cup' when measured inside one")
    mass_g: float | None = Field(default=None, ge=0, description="explicit mass when a model or person gave one")
    mass_source: str | None = None


class ModelInfo(_Model):
    """A model the task ran, with the weights it used."""

    role: str = Field(description="detector, segmenter, depth, vlm")
    id: str
    revision: str
    weights: Weights = "pretrained"


class Detections(_Model):
    """The whole ``detections.json`` document."""

    schema_version: str = DETECTIONS_SCHEMA_VERSION
    job_id: str
    video: VideoInfo
    frames_analysed: list[int] = Field(default_factory=list, description="frame indices, in time order")
    calibration: Calibration | None = None
    items: list[DetectedItem] = Field(default_factory=list)
    overlays: list[str] = Field(default_factory=list, description="object keys of the overlay images")
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")
    models: list[ModelInfo] = Field(default_factory=list)
    device: str = "cpu"
    weights: Weights = "pretrained"
    warnings: list[str] = Field(default_factory=list)
