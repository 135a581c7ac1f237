"""Synthetic meal videos written with PyAV: a plate with food on a textured table, the camera
drifting; optionally rotated (display matrix), variable frame rate, 10-bit, or with a blurred stretch."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def meal_frame(width: int, height: int, t: float, *, seed: int = 0) -> np.ndarray:
    """An RGB meal scene at time ``t`` (s): wood-grain table, white plate, three coloured foods."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    shift_x, shift_y = 20.0 * np.sin(t), 10.0 * np.cos(t)
    grain = 0.5 + 0.5 * np.sin((xx + shift_x) * 0.15 + 3 * np.sin((yy + shift_y) * 0.02))
    image = np.stack([120 + 60 * grain, 80 + 40 * grain, 40 + 20 * grain], -1)
    cx, cy = width * 0.5 + shift_x, height * 0.5 + shift_y
    radius = min(width, height) * 0.38
    plate = (xx - cx) ** 2 + (yy - cy) ** 2 < radius**2
    image[plate] = (235, 235, 230)
    foods = [((-0.35, -0.2), (200, 170, 60)), ((0.3, -0.15), (40, 150, 50)), ((0.0, 0.35), (170, 60, 40))]
    for (dx, dy), colour in foods:
        fx, fy = cx + dx * radius, cy + dy * radius
        blob = (xx - fx) ** 2 + (yy - fy) ** 2 < (radius * 0.3) ** 2
        texture = rng.normal(0, 18, size=(int(blob.sum()), 3))
        image[blob] = np.array(colour, np.float32) + texture
    return image.clip(0, 255).astype(np.uint8)


def write_meal_video(path: Path, *, width: int = 160, height: int = 96, seconds: float = 2.0, fps: int = 10,
                     rotation_ccw: int = 0, variable_rate: bool = False, pix_fmt: str = "yuv420p",
                     codec: str = "libx264", blur_between: tuple[float, float] | None = None,
                     metadata: dict[str, str] | None = None, faststart: bool = False) -> Path:
    """Write a synthetic meal clip; returns ``path``.

    ``variable_rate`` spaces frames irregularly (presentation times 0, 0.05, 0.15, 0.2, 0.3, ...);
    ``blur_between`` (s) replaces frames in that interval with a box-blurred copy (motion blur stand-in).
    """
    options = {}
    if metadata:
        options["movflags"] = "use_metadata_tags"
    if faststart:
        options["movflags"] = (options.get("movflags", "") + "+faststart").lstrip("+")
    container = av.open(str(path), mode="w", options=options)
    for key, value in (metadata or {}).items():
        container.metadata[key] = value
    time_base = Fraction(1, 1000)
    stream = container.add_stream(codec, rate=fps)
    stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
    stream.time_base = time_base
    stream.codec_context.time_base = time_base
    if rotation_ccw:
        stream.set_display_rotation(rotation_ccw)
    count = int(seconds * fps)
    intervals = [(0.5 if i % 2 else 1.5) / fps if variable_rate else 1.0 / fps for i in range(count)]
    times = [round(float(sum(intervals[:i])), 3) for i in range(count)]
    for t in times:
        rgb = meal_frame(width, height, t)
        if blur_between and blur_between[0] <= t < blur_between[1]:
            rgb = box_blur(rgb, 9)
        frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
        frame.pts = int(round(t / time_base))
        frame.time_base = time_base
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return path


def box_blur(rgb: np.ndarray, size: int) -> np.ndarray:
    """A horizontal box blur of ``size`` pixels (what a fast pan does)."""
    kernel = np.ones(size, np.float32) / size
    out = np.empty(rgb.shape, np.float32)
    for channel in range(3):
        out[..., channel] = np.apply_along_axis(lambda r: np.convolve(r, kernel, mode="same"), 1,
                                                rgb[..., channel].astype(np.float32))
    return out.clip(0, 255).astype(np.uint8)


def write_audio_only(path: Path, seconds: float = 1.0) -> Path:
    """An .mp4 with one AAC audio stream and no video."""
    container = av.open(str(path), mode="w")
    stream = container.add_stream("aac", rate=44100)
    samples = int(seconds * 44100)
    tone = (0.2 * np.sin(np.arange(samples) * 2 * np.pi * 440 / 44100)).astype(np.float32)[None, :]
    for start in range(0, samples, 1024):
        frame = av.AudioFrame.from_ndarray(tone[:, start:start + 1024], format="fltp", layout="mono")
        frame.sample_rate = 44100
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return path


def write_undecodable(path: Path, packets: int = 5) -> Path:
    """An .mp4 whose H.264 track holds only garbage packets: it opens, but no frame decodes."""
    container = av.open(str(path), mode="w")
    stream = container.add_stream("libx264", rate=10)
    stream.width, stream.height = 64, 48
    rng = np.random.default_rng(1)
    for i in range(packets):
        packet = av.Packet(bytes(rng.integers(0, 256, 200, dtype=np.uint8)))
        packet.stream = stream
        packet.pts = packet.dts = i
        packet.time_base = Fraction(1, 10)
        packet.is_keyframe = True
        container.mux(packet)
    container.close()
    return path
