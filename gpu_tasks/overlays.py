"""Overlay images: each analysed keyframe with its boxes, the masks of items measured there, and
labels with volumes. JPEG bytes, one image per keyframe."""

from __future__ import annotations

import io
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from gpu_tasks.analysis import Analysis
from pipeline.video.frames import DecodedFrame

_PALETTE = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48), (145, 30, 180),
            (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212)]
_REFERENCE_COLOUR = (200, 200, 200)
MASK_ALPHA = 0.45


def _colour(index: int) -> tuple[int, int, int]:
    return _PALETTE[index % len(_PALETTE)]


def render_overlay(frame: DecodedFrame, analysis: Analysis) -> Image.Image:
    """``frame`` with the item masks measured on it, every detection box and its label."""
    rgb = frame.rgb.astype(np.float32)
    item_colour = {item.id: _colour(i) for i, item in enumerate(analysis.items)}
    for item_id, (frame_index, mask) in analysis.masks.items():
        if frame_index == frame.index and mask.shape == rgb.shape[:2]:
            colour = np.array(item_colour.get(item_id, (255, 255, 255)), np.float32)
            rgb[mask] = rgb[mask] * (1 - MASK_ALPHA) + colour * MASK_ALPHA
    image = Image.fromarray(rgb.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    for item in analysis.items:
        if frame.index not in item.frames:
            continue
        colour = item_colour[item.id]
        if item.best_frame == frame.index:
            box = (item.box.x0, item.box.y0, item.box.x1, item.box.y1)
            volume = f" {item.volume_ml:.0f} ml" if item.volume_ml is not None else ""
            grams = f" {item.mass_g:.0f} g" if item.mass_g is not None else ""
            draw.rectangle(box, outline=colour, width=3)
            draw.text((box[0] + 3, box[1] + 3), f"{item.label}{volume}{grams}", fill=colour, font=font)
    for detection in analysis.detections.get(frame.index, []):
        x0, y0, x1, y1 = (float(v) for v in detection.box)
        draw.rectangle((x0, y0, x1, y1), outline=_REFERENCE_COLOUR, width=1)
        draw.text((x0 + 3, y1 - 12), f"{detection.label} {detection.score:.2f}", fill=_REFERENCE_COLOUR, font=font)
    return image


def encode_jpeg(image: Image.Image, quality: int = 85) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def render_overlays(frames: Sequence[DecodedFrame], analysis: Analysis) -> dict[int, bytes]:
    """JPEG bytes of every analysed keyframe, by frame index."""
    return {frame.index: encode_jpeg(render_overlay(frame, analysis)) for frame in frames}
