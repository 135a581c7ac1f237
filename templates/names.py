"""Names shared by the templates, ``build.py`` and tests: stacks, parameters, outputs, the API stage.

One definition of each; nothing here creates a resource.
"""

from __future__ import annotations

import enum

from pipeline.config import Config

API_STAGE_NAME = "v1"
"""The API Gateway stage; the API URL ends with it."""


class BootstrapOutput(str, enum.Enum):
    """Outputs of the bootstrap stack (deployed first)."""

    ARTIFACTS_BUCKET_NAME = "ArtifactsBucketName"
    IMAGE_REPOSITORY_URI = "ImageRepositoryUri"
    CPU_IMAGE_REPOSITORY_URI = "CpuImageRepositoryUri"


class MainParameter(str, enum.Enum):
    """Parameters of the main stack other than the per-artifact code keys (see :func:`code_key_parameter`)."""

    ARTIFACTS_BUCKET_NAME = "ArtifactsBucketName"
    KNOWLEDGE_BASE_KEY = "KnowledgeBaseKey"
    GPU_IMAGE_URI = "GpuImageUri"
    """Only when ``analysis.compute`` is ``gpu`` or ``auto``."""
    CPU_IMAGE_URI = "CpuImageUri"
    """Only when ``analysis.compute`` is ``fargate`` or ``auto``."""


class MainOutput(str, enum.Enum):
    """Outputs of the main stack."""

    STATE_MACHINE_ARN = "StateMachineArn"
    BACKFILL_STATE_MACHINE_ARN = "BackfillStateMachineArn"
    API_URL = "ApiUrl"
    WEB_PAGE_URL = "WebPageUrl"
    VIDEOS_BUCKET_NAME = "VideosBucketName"
    RESULTS_BUCKET_NAME = "ResultsBucketName"
    MODELS_BUCKET_NAME = "ModelsBucketName"
    JOBS_TABLE_NAME = "JobsTableName"
    NOTIFICATION_TOPIC_ARN = "NotificationTopicArn"
    JOB_QUEUE_ARN = "JobQueueArn"
    ON_DEMAND_JOB_QUEUE_ARN = "OnDemandJobQueueArn"
    """Only present with spot enabled: the queue a job moves to when spot has no capacity."""
    CPU_JOB_QUEUE_ARN = "CpuJobQueueArn"
    """Only with the Fargate path (``analysis.compute`` ``fargate`` or ``auto``)."""
    CPU_ON_DEMAND_JOB_QUEUE_ARN = "CpuOnDemandJobQueueArn"
    """Only with the Fargate path and spot: the queue a job moves to when Fargate Spot has no capacity."""
    CPU_JOB_DEFINITION_ARN = "CpuJobDefinitionArn"
    JOB_DEFINITION_ARN = "JobDefinitionArn"
    API_KEY_ID = "ApiKeyId"
    """Only present when ``auth.mode = "api_key"``; read the value with ``aws apigateway get-api-key --include-value``."""
    USER_POOL_ID = "UserPoolId"
    """Only with ``auth.mode = "jwt"`` and the stack's own pool: where people sign in (``build.py login``)."""
    USER_POOL_CLIENT_ID = "UserPoolClientId"
    """The pool's public app client the CLI and the web page sign in through."""
    TOKEN_ISSUER_URL = "TokenIssuerUrl"
    """Only with ``auth.issuer_url``: the OIDC issuer whose access tokens the API takes (no pool of its own)."""


def code_key_parameter(artifact_name: str) -> str:
    """The main-stack parameter holding the S3 key of one Lambda artifact, e.g. ``NutritionRagCodeKey``."""
    return "".join(part.capitalize() for part in artifact_name.split("_")) + "CodeKey"


def bootstrap_stack_name(config: Config) -> str:
    """``{project_name}-{environment}-bootstrap``: the artifacts bucket and the image repository."""
    return f"{config.stack_name}-bootstrap"


def account_stack_name(config: Config) -> str:
    """``{project_name}-account``: settings held once per account and region (``templates.account``),
    shared by every environment and never deleted by ``destroy``."""
    return f"{config.project_name}-account"


def main_stack_name(config: Config) -> str:
    """``{project_name}-{environment}``: everything else."""
    return config.stack_name


def image_repository_name(config: Config) -> str:
    """The ECR repository of the GPU image, ``{project_name}-{environment}/gpu-tasks``."""
    return f"{config.stack_name}/gpu-tasks"


def state_machine_name(config: Config) -> str:
    """The AnalyzeMeal state machine, ``{project_name}-{environment}-analyze-meal``."""
    return config.resource_name("analyze-meal")


def backfill_state_machine_name(config: Config) -> str:
    """The BackfillMeals state machine, ``{project_name}-{environment}-backfill-meals``."""
    return config.resource_name("backfill-meals")


def cpu_image_repository_name(config: Config) -> str:
    """The ECR repository of the CPU image (the same task on Fargate), ``{project_name}-{environment}/cpu-tasks``."""
    return f"{config.stack_name}/cpu-tasks"


def uses_gpu(config: Config) -> bool:
    """The GPU path exists (``analysis.compute`` is ``gpu`` or ``auto``)."""
    return config.analysis.compute in ("gpu", "auto")


def uses_fargate(config: Config) -> bool:
    """The Fargate CPU path exists (``analysis.compute`` is ``fargate`` or ``auto``)."""
    return config.analysis.compute in ("fargate", "auto")


def gemini_secret_name(config: Config) -> str:
    """The Secrets Manager secret holding the Gemini API key, ``{stack}/{gemini.secret_name}``.

    ``build.py secrets set`` creates it outside the templates; the templates only reference it by name.
    """
    return f"{config.stack_name}/{config.gemini.secret_name}"
