"""The job's settings: command-line arguments first, then the environment the Batch job definition
and the state machine's container overrides set (:class:`pipeline.runtime_settings.AnalysisTaskEnvironment`),
then the defaults of :mod:`pipeline.config`."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import Literal, Mapping

from pydantic import ValidationError

from pipeline.config import AnalysisSettings, GeminiSettings, ModelsSettings
from pipeline.environment import EnvVar, MissingEnvironmentError
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.runtime_settings import AnalysisTaskEnvironment, InvalidEnvironmentError, read_settings
from pipeline.video.probe import VideoLimits


@dataclass(frozen=True)
class JobSettings:
    """Everything one run of the analysis task needs (units in the names)."""

    job_id: str
    video_uri: str
    output_uri: str
    models_uri: str | None
    backend: Literal["transformers", "gemini", "scene"]
    max_keyframes: int
    detection_threshold: float
    field_of_view_deg: float
    models: ModelsSettings
    limits: VideoLimits
    gemini: GeminiSettings
    device: str | None = None
    intrinsics: Literal["truth", "prior"] = "prior"  # scene inputs only: the scene's own, or as for a phone video


#: Perception backends; ``scene`` serves a rendered scene's readings (benchmarks, tests, offline demos).
BACKENDS: tuple[str, ...] = ("transformers", "gemini", "scene")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gpu_tasks.analyze",
                                     description="Analyse a meal video into detections.json and overlay images.")
    parser.add_argument("--job-id", help=f"job id (env {EnvVar.JOB_ID.value})")
    parser.add_argument("--video-uri", help=f"s3:// URI or local path of the video (env {EnvVar.VIDEO_URI.value})")
    parser.add_argument("--output-uri", help=f"s3:// prefix or folder for the outputs (env {EnvVar.OUTPUT_URI.value})")
    parser.add_argument("--models", help=f"models folder or s3:// prefix (env {EnvVar.MODELS_URI.value})")
    parser.add_argument("--backend", choices=list(BACKENDS),
                        help=f"perception backend (env {EnvVar.ANALYSIS_BACKEND.value}); 'scene' reads a rendered "
                             "scene .npz as the video")
    parser.add_argument("--intrinsics", choices=["truth", "prior"], default="prior",
                        help="scene inputs: use the scene's intrinsics (truth) or estimate them as for a phone "
                             "video (prior, the default)")
    parser.add_argument("--max-keyframes", type=int, help=f"env {EnvVar.MAX_KEYFRAMES.value}")
    parser.add_argument("--device", help="torch device, e.g. cpu or cuda (default: cuda when available)")
    return parser


def _invalid(message: str, value: object = None) -> Exception:
    return pipeline_error(ErrorCode.INVALID_INPUT, message, value=value)


def settings_from(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> JobSettings:
    """Merge ``args`` over ``env`` (default: the process environment, read as
    :class:`AnalysisTaskEnvironment`) over the configuration defaults; INVALID_INPUT when unusable."""
    try:
        task = read_settings(AnalysisTaskEnvironment, env)
    except (MissingEnvironmentError, InvalidEnvironmentError) as error:
        raise _invalid(str(error)) from None
    job_id = args.job_id or task.job_id
    video_uri = args.video_uri or task.video_uri
    output_uri = args.output_uri or task.output_uri
    for value, flag, name in ((job_id, "--job-id", EnvVar.JOB_ID), (video_uri, "--video-uri", EnvVar.VIDEO_URI),
                              (output_uri, "--output-uri", EnvVar.OUTPUT_URI)):
        if not value:
            raise _invalid(f"no {flag} given and {name.value} is not set")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}", job_id):
        raise _invalid(f"job id {job_id!r} must be letters, digits, '-' or '_' (it names S3 keys)", job_id)
    try:
        checked = AnalysisSettings(
            backend=args.backend or task.analysis_backend,
            max_keyframes=args.max_keyframes or task.max_keyframes,
            detection_threshold=task.detection_threshold,
            field_of_view_deg=task.field_of_view_deg,
        )
    except ValidationError as error:
        raise _invalid(f"invalid analysis setting: {error.errors()[0]['loc'][0]}: {error.errors()[0]['msg']}") from None
    gemini = GeminiSettings(model=task.gemini_model, secret_name=task.gemini_secret_name)
    return JobSettings(
        job_id=job_id, video_uri=video_uri, output_uri=output_uri,
        models_uri=args.models or task.models_uri or None,
        backend=checked.backend, max_keyframes=checked.max_keyframes,
        detection_threshold=checked.detection_threshold, field_of_view_deg=checked.field_of_view_deg,
        models=task.model_ids, limits=VideoLimits.of(task), gemini=gemini, device=args.device,
        intrinsics=getattr(args, "intrinsics", None) or "prior",
    )
