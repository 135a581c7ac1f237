"""The runtime settings that come from the config alone, written as the runtimes read them
(:mod:`pipeline.runtime_settings`): each function's environment and the analysis job definition take
theirs from here, the stack's resources add the rest."""

from __future__ import annotations

import json

from pipeline.config import Config
from pipeline.environment import EnvVar
from templates.names import gemini_secret_name


def config_settings(config: Config) -> dict[EnvVar, str]:
    """Each config-derived variable's value (a string, as an environment holds it)."""
    analysis, nutrition = config.analysis, config.nutrition
    return {
        EnvVar.MAX_UPLOAD_MB: str(config.max_upload_mb),
        EnvVar.MAX_VIDEO_SECONDS: str(config.max_video_seconds),
        EnvVar.MAX_VIDEO_PIXELS: str(config.max_video_pixels),
        EnvVar.JOB_TTL_DAYS: str(config.job_ttl_days),
        EnvVar.CORS_ORIGINS: ",".join(config.cors_origins),
        EnvVar.AUTH_MODE: config.auth.mode,
        EnvVar.SELF_SIGN_UP: "true" if config.auth.uses_own_user_pool and config.auth.self_sign_up else "false",
        EnvVar.OIDC_ISSUER_URL: config.auth.issuer_url or "",
        EnvVar.OIDC_AUDIENCE: config.auth.audience or "",
        EnvVar.REQUIRED_SCOPE: config.auth.required_scope,
        EnvVar.NUTRITION_TOP_K: str(nutrition.top_k),
        EnvVar.NUTRITION_MIN_CONFIDENCE: str(nutrition.min_confidence),
        EnvVar.ENABLE_LLM_DISAMBIGUATION: "true" if nutrition.enable_llm_disambiguation else "false",
        EnvVar.GEMINI_SECRET_NAME: gemini_secret_name(config),
        EnvVar.GEMINI_MODEL: config.gemini.model,
        EnvVar.MODEL_IDS: json.dumps(config.models.model_dump(), sort_keys=True),
        EnvVar.ANALYSIS_BACKEND: analysis.backend,
        EnvVar.MAX_KEYFRAMES: str(analysis.max_keyframes),
        EnvVar.DETECTION_THRESHOLD: str(analysis.detection_threshold),
        EnvVar.FIELD_OF_VIEW_DEG: str(analysis.field_of_view_deg),
    }
