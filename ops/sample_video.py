"""The demo's sample clip: a plate on a table, filmed with a slow orbit, made with PyAV.

It is synthetic (no meal video ships with the repository), so it shows the whole flow working; real
nutrition needs a real meal video: ``python build.py run path/to/your_meal.mp4``.
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

WIDTH, HEIGHT, FPS, SECONDS = 1280, 720, 15, 4


def _frame(t: float, rng_noise: np.ndarray) -> np.ndarray:
    """One RGB frame at time ``t`` (s): wood table, white plate, rice, broccoli and salmon."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    image = np.empty((HEIGHT, WIDTH, 3), np.float32)
    grain = 0.5 + 0.5 * np.sin(xx / 9.0 + 3 * np.sin(yy / 60.0))
    image[..., 0], image[..., 1], image[..., 2] = 120 + 40 * grain, 80 + 25 * grain, 45 + 15 * grain
    cx, cy = WIDTH / 2 + 60 * np.sin(t * 0.8), HEIGHT / 2 + 20 * np.cos(t * 0.8)
    squash = 0.62 + 0.05 * np.sin(t * 0.5)  # the plate seen obliquely
    plate = ((xx - cx) / 330) ** 2 + ((yy - cy) / (330 * squash)) ** 2
    image[plate < 1.0] = (236, 236, 232)
    image[(plate < 1.0) & (plate > 0.8)] = (220, 220, 216)

    def blob(dx: float, dy: float, rx: float, ry: float, colour: tuple[int, int, int], texture: float) -> None:
        inside = ((xx - cx - dx) / rx) ** 2 + ((yy - cy - dy * squash) / (ry * squash)) ** 2 < 1.0
        shade = 1.0 + texture * (rng_noise - 0.5)
        for channel in range(3):
            image[..., channel][inside] = np.clip(colour[channel] * shade[inside], 0, 255)

    blob(-120, -40, 120, 95, (240, 238, 225), 0.15)   # rice
    blob(120, -70, 95, 80, (60, 130, 45), 0.6)         # broccoli
    blob(40, 120, 130, 70, (245, 140, 95), 0.25)       # salmon
    return image.astype(np.uint8)


def write_sample_video(path: Path) -> Path:
    """Write the clip as H.264 MP4 (about 1 MB) unless it already exists; returns ``path``."""
    if path.is_file() and path.stat().st_size > 0:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    noise = rng.random((HEIGHT, WIDTH)).astype(np.float32)
    tmp = path.with_suffix(".partial.mp4")
    with av.open(str(tmp), mode="w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.options = {"crf": "23", "preset": "veryfast"}
        for index in range(FPS * SECONDS):
            frame = av.VideoFrame.from_ndarray(_frame(index / FPS, noise), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    tmp.replace(path)
    return path
