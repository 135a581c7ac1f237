"""Names of the environment variables the deployed code reads.

The templates set these on each Lambda and on the Batch job definition; handlers and the GPU task
read them through their settings model (:mod:`pipeline.runtime_settings`, whose fields are these
names in lower case). One definition of each name, imported by all.
"""

from __future__ import annotations

import enum


class EnvVar(str, enum.Enum):
    """Environment variables of the Lambdas and the GPU task."""

    JOBS_TABLE = "JOBS_TABLE"
    VIDEOS_BUCKET = "VIDEOS_BUCKET"
    RESULTS_BUCKET = "RESULTS_BUCKET"
    STATE_MACHINE_ARN = "STATE_MACHINE_ARN"
    IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE"
    MAX_UPLOAD_MB = "MAX_UPLOAD_MB"
    MAX_VIDEO_SECONDS = "MAX_VIDEO_SECONDS"
    MAX_VIDEO_PIXELS = "MAX_VIDEO_PIXELS"
    JOB_TTL_DAYS = "JOB_TTL_DAYS"
    CORS_ORIGINS = "CORS_ORIGINS"
    KNOWLEDGE_BASE_URI = "KNOWLEDGE_BASE_URI"
    NUTRITION_TOP_K = "NUTRITION_TOP_K"
    NUTRITION_MIN_CONFIDENCE = "NUTRITION_MIN_CONFIDENCE"
    ENABLE_LLM_DISAMBIGUATION = "ENABLE_LLM_DISAMBIGUATION"
    GEMINI_SECRET_NAME = "GEMINI_SECRET_NAME"
    GEMINI_MODEL = "GEMINI_MODEL"
    AUTH_MODE = "AUTH_MODE"  # pipeline.config.AuthSettings.mode: jwt limits each caller to its own jobs
    SIGN_IN_CLIENT_ID = "SIGN_IN_CLIENT_ID"  # the stack's Cognito app client the web page signs in through ("" if none)
    SELF_SIGN_UP = "SELF_SIGN_UP"  # "true": the stack's pool lets people sign up, and the web page offers it
    NOTIFICATION_TOPIC_ARN = "NOTIFICATION_TOPIC_ARN"  # job notices; the corrections route says "updated" there
    # the Lambda authorizer of another OIDC issuer (pipeline.config.AuthSettings)
    OIDC_ISSUER_URL = "OIDC_ISSUER_URL"  # auth.issuer_url: its tokens' iss, and where its discovery document is
    OIDC_AUDIENCE = "OIDC_AUDIENCE"  # auth.audience: the aud its access tokens carry for this API
    REQUIRED_SCOPE = "REQUIRED_SCOPE"  # auth.required_scope: 403 for a token without it
    # GPU task (container overrides from the state machine, defaults from the job definition)
    JOB_ID = "JOB_ID"
    VIDEO_URI = "VIDEO_URI"
    OUTPUT_URI = "OUTPUT_URI"
    MODELS_URI = "MODELS_URI"
    ANALYSIS_BACKEND = "ANALYSIS_BACKEND"
    MAX_KEYFRAMES = "MAX_KEYFRAMES"
    DETECTION_THRESHOLD = "DETECTION_THRESHOLD"
    FIELD_OF_VIEW_DEG = "FIELD_OF_VIEW_DEG"
    MODEL_IDS = "MODEL_IDS"  # JSON: {"detector": {"id":..., "revision":...}, ...}
    MODELS_CACHE_DIR = "MODELS_CACHE_DIR"  # host folder mounted into the job: weights survive between jobs
    AWS_REGION = "AWS_REGION"  # the region of the task's S3 client (set by the job definition)
    EMBEDDED_AWS = "EMBEDDED_AWS"  # "1" in a Batch job the embedded AWS runs as a local process (its Batch bridge)
    # embedded AWS: "1" = its Batch bridge forks `python -m` jobs from a warm process
    # (local_aws/bridges/batch_warm_start.py)
    EMBEDDED_AWS_WARM_JOBS = "EMBEDDED_AWS_WARM_JOBS"


class MissingEnvironmentError(RuntimeError):
    """A required environment variable is unset; the message names it."""
