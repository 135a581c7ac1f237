"""The ``scene`` backend on a video rendered from a scene (the demo's sample meal, samples/): the video
path runs as for any upload and each keyframe takes the readings of the scene frame it shows."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from gpu_tasks.analyze import main
from gpu_tasks.perception.scene_file import load_scene
from gpu_tasks.scene_input import scene_frames_for_video
from pipeline.contracts.detections import Detections
from pipeline.errors import ErrorCode, exit_code_for
from pipeline.video.frames import DecodedFrame

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
VIDEO, SCENE = SAMPLES / "sample-meal.mp4", SAMPLES / "sample-meal.npz"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JOB_ID", "VIDEO_URI", "OUTPUT_URI", "MODELS_URI", "ANALYSIS_BACKEND", "MAX_KEYFRAMES"):
        monkeypatch.delenv(name, raising=False)


def test_the_sample_is_small_and_its_video_shows_the_scene() -> None:
    assert VIDEO.stat().st_size + SCENE.stat().st_size < 2.5e6
    scene = load_scene(SCENE)
    with av.open(str(VIDEO)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264" and stream.codec_context.pix_fmt == "yuv420p"
        frames = [DecodedFrame(i, float(f.time), f.to_ndarray(format="rgb24")) for i, f in enumerate(container.decode(stream))]
    assert 2.0 <= frames[-1].time_s <= 10.0
    matched = scene_frames_for_video(frames, [SCENE], truth_intrinsics=False)
    assert len(matched.frames) == len(frames) and not matched.warnings   # every frame shows a view
    assert matched.intrinsics is None
    shown = {int(np.argmin([np.abs(f.depth_m - d).sum() for d in scene.depth_m])) for f in matched.frames}
    assert shown == set(range(scene.frame_count))


def test_the_sample_video_through_the_entrypoint(tmp_path: Path) -> None:
    code = main(["--job-id", "sample", "--video-uri", str(VIDEO), "--output-uri", str(tmp_path),
                 "--backend", "scene", "--models", str(SAMPLES)])
    assert code == 0
    document = Detections.model_validate_json((tmp_path / "detections.json").read_text())
    assert document.weights == "scene" and document.video.codec == "h264"
    # the video records its focal length as a phone does: the pipeline reads it, not the scene's
    assert document.calibration.method == "metadata_intrinsics"
    truth = {i.label: i.volume_ml for i in load_scene(SCENE).instances if i.kind == "food"}
    assert sorted(item.label for item in document.items) == sorted(truth)
    for item in document.items:
        assert 0.7 < item.volume_ml / truth[item.label] < 1.3, (item.label, item.volume_ml, truth[item.label])


def test_a_video_of_something_else_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    other = tmp_path / "other.mp4"
    with av.open(str(other), mode="w") as container:
        stream = container.add_stream("libx264", rate=12)
        stream.width, stream.height, stream.pix_fmt = 640, 480, "yuv420p"
        rng = np.random.default_rng(0)
        for _ in range(24):
            for packet in stream.encode(av.VideoFrame.from_ndarray(rng.integers(0, 255, (480, 640, 3), np.uint8),
                                                                   format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    code = main(["--job-id", "o", "--video-uri", str(other), "--output-uri", str(tmp_path / "out"),
                 "--backend", "scene", "--models", str(SAMPLES)])
    assert code == exit_code_for(ErrorCode.INVALID_INPUT)
    assert "shows none of the scenes sample-meal.npz" in capsys.readouterr().err


def test_the_scene_files_folder_is_required(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["--job-id", "n", "--video-uri", str(VIDEO), "--output-uri", str(tmp_path), "--backend", "scene"])
    assert code == exit_code_for(ErrorCode.INVALID_INPUT) and "--models" in capsys.readouterr().err
    code = main(["--job-id", "n", "--video-uri", str(VIDEO), "--output-uri", str(tmp_path), "--backend", "scene",
                 "--models", str(tmp_path)])
    assert code == exit_code_for(ErrorCode.INVALID_INPUT) and "no scene file" in capsys.readouterr().err
