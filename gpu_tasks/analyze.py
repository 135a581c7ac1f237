"""Entrypoint of the Batch container: ``python -m gpu_tasks.analyze``.

Video in (s3:// or a path), ``detections.json`` and one overlay JPEG per analysed keyframe out. With
``--backend scene`` the input is a rendered scene file (``.npz``, :mod:`gpu_tasks.scene_input`) whose
frames are the keyframes, or a video rendered from one whose scene file is in the ``--models`` folder.
Progress lines with stage timings go to stdout. On failure it prints one line
``ERROR <CODE>: <message>`` to stderr and exits with ``pipeline.errors.exit_code_for(code)``.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from gpu_tasks import storage
from gpu_tasks.analysis import AnalysisContext, Backend
from gpu_tasks.calibration import camera_intrinsics
from gpu_tasks.job import JobSettings, build_parser, settings_from
from gpu_tasks.overlays import render_overlays
from gpu_tasks.scene_input import fetch_scene_files, is_scene_path, read_scene_input, scene_frames_for_video
from gpu_tasks.timing import StageTimer
from pipeline.blas_threads import single_threaded_blas
from pipeline.contracts.detections import Detections, VideoInfo
from pipeline.errors import ErrorCode, PipelineError, exit_code_for, pipeline_error, s3_key_missing
from pipeline.geometry import Intrinsics
from pipeline.layout import DETECTIONS_FILENAME, S3Uri, overlay_key
from pipeline.video.frames import DecodedFrame, inspect_video, read_metadata
from pipeline.video.keyframes import select_keyframes

BackendFactory = Callable[[JobSettings, StageTimer], Backend]


def make_backend(settings: JobSettings, timer: StageTimer) -> Backend:
    """The configured backend, its models loaded once for the job."""
    if settings.backend == "gemini":
        from gpu_tasks.gemini_backend import GeminiBackend

        return GeminiBackend.from_settings(settings.gemini)
    if settings.backend == "scene":
        from gpu_tasks.perception.scene_backend import SceneBackend

        return SceneBackend()
    from gpu_tasks.device import compute_dtype, pick_device, use_available_cpus
    from gpu_tasks.models.layout import fetch_hint
    from gpu_tasks.models.loading import load_model_set
    from gpu_tasks.models.store import fetch_models
    from gpu_tasks.perception.transformers_backend import TransformersBackend

    if not settings.models_uri:
        raise pipeline_error(ErrorCode.MODELS_MISSING,
                             f"no --models given and MODELS_URI is not set; {fetch_hint(None)}")
    with timer.stage("fetch_models"):
        root = fetch_models(settings.models_uri)
    with timer.stage("load_models"):
        device = pick_device(settings.device)
        use_available_cpus(device)
        backend = TransformersBackend(load_model_set(root, settings.models, device, compute_dtype(device)))
    return backend


def fetch_video(uri: str, workdir: Path) -> Path:
    """A local path to the video; UPLOAD_NOT_FOUND when it does not exist."""
    if not storage.is_s3(uri):
        path = Path(uri)
        if not path.is_file():
            raise pipeline_error(ErrorCode.UPLOAD_NOT_FOUND, f"no video at {uri}", value=uri)
        return path
    from botocore.exceptions import ClientError

    try:
        return storage.download(uri, workdir / ("video" + Path(S3Uri.parse(uri).key).suffix))
    except ClientError as error:
        if s3_key_missing(error.response):
            raise pipeline_error(ErrorCode.UPLOAD_NOT_FOUND, f"no video at {uri}", value=uri) from None
        raise


def overlay_uri(output_uri: str, key: str) -> str:
    """Where an overlay with object key ``key`` goes: that key in the output's bucket, or under the folder."""
    if storage.is_s3(output_uri):
        return str(S3Uri(S3Uri.parse(output_uri).bucket, key))
    return str(Path(output_uri) / key)


@dataclass
class JobInput:
    """The keyframes and what is known about the clip before any model runs."""

    frames: list[DecodedFrame]
    video: VideoInfo
    intrinsics: Intrinsics
    intrinsics_method: str
    warnings: list[str]


def read_video_input(settings: JobSettings, timer: StageTimer) -> JobInput:
    """Download, probe and choose the keyframes of a video; intrinsics from its metadata or the prior."""
    with tempfile.TemporaryDirectory(prefix="analyze-") as workdir:
        with timer.stage("download"):
            video = fetch_video(settings.video_uri, Path(workdir))
        with timer.stage("probe"):
            probe = inspect_video(video, settings.limits)
            tags = read_metadata(video)
        with timer.stage("keyframes"):
            selection = select_keyframes(video, max_keyframes=settings.max_keyframes, duration_s=probe.duration_s,
                                         frame_count=probe.frame_count, fps=probe.fps)
    frames = selection.frames
    print(f"keyframes {[f.index for f in frames]} of {selection.decoded_frames} decoded frames", flush=True)
    height, width = frames[0].rgb.shape[:2]
    intrinsics, method = camera_intrinsics(tags, width, height, settings.field_of_view_deg)
    info = VideoInfo(duration_s=probe.duration_s, fps=probe.fps, width=probe.width, height=probe.height,
                     codec=probe.codec, rotation_deg=probe.rotation_deg, frame_count=probe.frame_count)
    return JobInput(frames, info, intrinsics, method, selection.warnings)


def read_scene_job_input(settings: JobSettings, timer: StageTimer) -> JobInput:
    """A rendered scene's frames; its intrinsics only with ``--intrinsics truth``, else the FOV prior."""
    with tempfile.TemporaryDirectory(prefix="analyze-") as workdir:
        with timer.stage("download"):
            path = fetch_video(settings.video_uri, Path(workdir))
            scene = read_scene_input(path, max_keyframes=settings.max_keyframes,
                                     truth_intrinsics=settings.intrinsics == "truth")
    height, width = scene.frames[0].rgb.shape[:2]
    if scene.intrinsics is not None:
        intrinsics, method = scene.intrinsics, "metadata_intrinsics"
    else:
        intrinsics, method = camera_intrinsics({}, width, height, settings.field_of_view_deg)
    return JobInput(list(scene.frames), scene.video, intrinsics, method, scene.warnings)


def with_scene_readings(job_input: JobInput, settings: JobSettings, timer: StageTimer) -> JobInput:
    """A video rendered from a scene: its keyframes, each with the readings of the scene frame it shows,
    from the scene files where the models would be (``--models`` / MODELS_URI); the scene's intrinsics
    only with ``--intrinsics truth``, else those of the video path (metadata or the prior)."""
    if not settings.models_uri:
        raise pipeline_error(ErrorCode.INVALID_INPUT, "the scene backend analyses a video with the scene files it was "
                             "rendered from: give their folder with --models or MODELS_URI")
    with tempfile.TemporaryDirectory(prefix="analyze-") as workdir:
        with timer.stage("fetch_scenes"):
            paths = fetch_scene_files(settings.models_uri, Path(workdir))
            scene = scene_frames_for_video(job_input.frames, paths, truth_intrinsics=settings.intrinsics == "truth")
    if scene.intrinsics is not None:
        intrinsics, method = scene.intrinsics, "metadata_intrinsics"
    else:
        intrinsics, method = job_input.intrinsics, job_input.intrinsics_method
    return JobInput(list(scene.frames), job_input.video, intrinsics, method, job_input.warnings + scene.warnings)


class BackgroundBackend:
    """``backend_factory`` run on a thread (the weights fetched from the models bucket and loaded while
    the video downloads and decodes); :meth:`result` waits for it and re-raises its error, :meth:`wait`
    only waits (a process must not exit while the thread is inside torch's native code)."""

    def __init__(self, settings: JobSettings, timer: StageTimer, backend_factory: BackendFactory) -> None:
        self._outcome: list = []
        self._thread = threading.Thread(target=self._run, args=(settings, timer, backend_factory),
                                        name="load-models")
        self._thread.start()

    def _run(self, settings: JobSettings, timer: StageTimer, backend_factory: BackendFactory) -> None:
        try:
            self._outcome.append(backend_factory(settings, timer))
        except BaseException as error:  # noqa: BLE001 - handed to the caller by result()
            self._outcome.append(error)

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> Backend:
        self.wait()
        outcome = self._outcome[0]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def run_job(settings: JobSettings, timer: StageTimer, backend_factory: BackendFactory = make_backend) -> Detections:
    """Analyse the video (or scene) and write ``detections.json`` and the overlays; return the document.

    The models load while the video is read; an error in the video is still the one reported when
    both fail (it is the person's to fix)."""
    started = time.perf_counter()
    if is_scene_path(settings.video_uri) and settings.backend != "scene":
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"{settings.video_uri} is a scene file; analyse it with "
                             "--backend scene", value=settings.video_uri)
    loading = BackgroundBackend(settings, timer, backend_factory)
    try:
        if is_scene_path(settings.video_uri):
            job_input = read_scene_job_input(settings, timer)
        else:
            job_input = read_video_input(settings, timer)
            if settings.backend == "scene":
                job_input = with_scene_readings(job_input, settings, timer)
    except BaseException:
        loading.wait()
        raise
    frames, intrinsics, method = job_input.frames, job_input.intrinsics, job_input.intrinsics_method
    backend = loading.result()
    analysis = backend.analyse(frames, AnalysisContext(intrinsics, method, settings.detection_threshold), timer)  # type: ignore[arg-type]
    with timer.stage("overlays"):
        keys = []
        for frame_index, jpeg in render_overlays(frames, analysis).items():
            key = overlay_key(settings.job_id, frame_index)
            storage.put_bytes(overlay_uri(settings.output_uri, key), jpeg, "image/jpeg")
            keys.append(key)
    warnings = job_input.warnings + analysis.warnings
    if not analysis.items:
        warnings.append(f"no food was detected in the {len(frames)} analysed keyframes")
    timings = dict(timer.timings)
    timings["total"] = round(time.perf_counter() - started, 4)  # wall time: loading overlaps the video stages
    document = Detections(
        job_id=settings.job_id,
        video=job_input.video,
        frames_analysed=[f.index for f in frames], calibration=analysis.calibration, items=analysis.items,
        overlays=keys, timings=timings, models=analysis.models, device=analysis.device, weights=analysis.weights,
        warnings=warnings,
    )
    body = Detections.model_validate(document.model_dump()).model_dump_json(indent=2).encode()
    storage.put_bytes(storage.join(settings.output_uri, DETECTIONS_FILENAME), body, "application/json")
    print(f"wrote {storage.join(settings.output_uri, DETECTIONS_FILENAME)}: {len(analysis.items)} items, "
          f"{len(keys)} overlays, weights {analysis.weights}, {timings['total']:.2f} s", flush=True)
    return document


def main(argv: Sequence[str] | None = None, backend_factory: BackendFactory = make_backend) -> int:
    """Run the job; return the process exit code (0, or ``exit_code_for(code)`` after one ERROR line)."""
    timer = StageTimer()
    single_threaded_blas()  # the geometry's numpy is small; torch keeps its own threads
    try:
        settings = settings_from(build_parser().parse_args(argv))
        run_job(settings, timer, backend_factory)
        return 0
    except PipelineError as error:
        code, message = error.code, error.message
    except Exception as error:  # noqa: BLE001 - the one place that turns any failure into an exit code
        traceback.print_exc(file=sys.stdout)
        code, message = ErrorCode.ANALYSIS_FAILED, f"{type(error).__name__}: {error}"
    print(f"ERROR {code.value}: {' '.join(message.split())}", file=sys.stderr, flush=True)
    return exit_code_for(code)


if __name__ == "__main__":
    sys.exit(main())
