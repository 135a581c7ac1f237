"""Which exceptions a command reports as one readable line instead of a traceback."""

from __future__ import annotations


def explain(error: Exception) -> str | None:
    """A one-line message for errors a person can act on; ``None`` for bugs (show the traceback)."""
    import botocore.exceptions

    from ops.artifacts import ArtifactError
    from ops.aws import AwsAccessError
    from ops.deploy import DeployCancelled, DeployError
    from ops.image import ImageError
    from ops.preflight import PreflightError
    from ops.stack_commands import NotAvailableLocally, StackMissingError
    from pipeline.config import ConfigError
    from pipeline.errors import PipelineError

    readable = (
        ConfigError, AwsAccessError, DeployError, DeployCancelled, ImageError, ArtifactError,
        StackMissingError, NotAvailableLocally, PipelineError, FileNotFoundError, PreflightError,
    )
    if isinstance(error, readable):
        return str(error)
    if isinstance(error, botocore.exceptions.NoCredentialsError):
        return "no AWS credentials found: run `aws configure`, set AWS_PROFILE or pass --profile (or use --local)"
    if isinstance(error, botocore.exceptions.EndpointConnectionError):
        return f"{error}. If you meant the embedded AWS, start it with `python build.py local up`."
    if isinstance(error, botocore.exceptions.ClientError):
        return f"AWS: {error}"
    return None
