"""The job's settings: command-line arguments first, then the environment the Batch job definition
and the state machine's container overrides set (names in :mod:`pipeline.environment`), then the
defaults of :mod:`pipeline.config`."""

from __future__ import annotations

import argparse
import json
import os
import re
from dataclasses import dataclass
from typing import Literal, Mapping

from pydantic import ValidationError

from pipeline.config import AnalysisSettings, Config, GeminiSettings, ModelsSettings
from pipeline.environment import EnvVar
from pipeline.errors import ErrorCode, pipeline_error
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


def _number(env: Mapping[str, str], name: EnvVar, default: float, kind: type) -> float:
    raw = env.get(name.value, "")
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise _invalid(f"{name.value} must be a {kind.__name__}, got {raw!r}", raw) from None


def _models(env: Mapping[str, str]) -> ModelsSettings:
    raw = env.get(EnvVar.MODEL_IDS.value, "")
    if not raw:
        return ModelsSettings()
    try:
        return ModelsSettings.model_validate({**ModelsSettings().model_dump(), **json.loads(raw)})
    except (ValueError, ValidationError) as error:
        raise _invalid(f"{EnvVar.MODEL_IDS.value} must be JSON like "
                       f'{{"detector": {{"id": ..., "revision": ...}}}}: {error}', raw) from None


def settings_from(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> JobSettings:
    """Merge ``args`` over ``env`` over the configuration defaults; INVALID_INPUT when unusable."""
    env = os.environ if env is None else env
    defaults, analysis = Config(), AnalysisSettings()
    job_id = args.job_id or env.get(EnvVar.JOB_ID.value, "")
    video_uri = args.video_uri or env.get(EnvVar.VIDEO_URI.value, "")
    output_uri = args.output_uri or env.get(EnvVar.OUTPUT_URI.value, "")
    for value, flag, name in ((job_id, "--job-id", EnvVar.JOB_ID), (video_uri, "--video-uri", EnvVar.VIDEO_URI),
                              (output_uri, "--output-uri", EnvVar.OUTPUT_URI)):
        if not value:
            raise _invalid(f"no {flag} given and {name.value} is not set")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}", job_id):
        raise _invalid(f"job id {job_id!r} must be letters, digits, '-' or '_' (it names S3 keys)", job_id)
    backend = args.backend or env.get(EnvVar.ANALYSIS_BACKEND.value, "") or analysis.backend
    try:
        checked = AnalysisSettings(
            backend=backend,
            max_keyframes=args.max_keyframes or _number(env, EnvVar.MAX_KEYFRAMES, analysis.max_keyframes, int),
            detection_threshold=_number(env, EnvVar.DETECTION_THRESHOLD, analysis.detection_threshold, float),
            field_of_view_deg=_number(env, EnvVar.FIELD_OF_VIEW_DEG, analysis.field_of_view_deg, float),
        )
    except ValidationError as error:
        raise _invalid(f"invalid analysis setting: {error.errors()[0]['loc'][0]}: {error.errors()[0]['msg']}") from None
    limits = VideoLimits(
        max_bytes=int(_number(env, EnvVar.MAX_UPLOAD_MB, defaults.max_upload_mb, int)) * 2**20,
        max_seconds=_number(env, EnvVar.MAX_VIDEO_SECONDS, defaults.max_video_seconds, float),
        max_pixels=int(_number(env, EnvVar.MAX_VIDEO_PIXELS, defaults.max_video_pixels, int)),
    )
    gemini = GeminiSettings(
        model=env.get(EnvVar.GEMINI_MODEL.value, "") or defaults.gemini.model,
        secret_name=env.get(EnvVar.GEMINI_SECRET_NAME.value, "") or defaults.gemini.secret_name,
        timeout_s=defaults.gemini.timeout_s,
    )
    return JobSettings(
        job_id=job_id, video_uri=video_uri, output_uri=output_uri,
        models_uri=args.models or env.get(EnvVar.MODELS_URI.value, "") or None,
        backend=checked.backend, max_keyframes=checked.max_keyframes,
        detection_threshold=checked.detection_threshold, field_of_view_deg=checked.field_of_view_deg,
        models=_models(env), limits=limits, gemini=gemini, device=args.device,
        intrinsics=getattr(args, "intrinsics", None) or "prior",
    )
