"""Which exceptions a command reports as one readable line instead of a traceback, and its exit code.

A person's mistake (a mistyped job id, a busy port, a missing folder, no credentials) ends in one
``error: ...`` line saying what to do, with an exit code of its kind; anything else is a bug and keeps
its traceback (Python exits 1 for those, so no mistake uses 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """``build.py``'s exit codes, one per kind of outcome."""

    OK = 0
    #: the command ran and its answer is "no": a job failed, drift found, lint errors, a check failed
    FAILED = 1
    #: argparse's code for a command line it cannot parse
    USAGE = 2
    #: a value given is wrong: config file, option, input file's content
    INVALID_INPUT = 3
    #: what was named does not exist: a file, folder, job, stack, log group
    NOT_FOUND = 4
    #: AWS (or the embedded AWS) cannot be reached or no credentials are configured
    NO_AWS = 5
    #: AWS or the API refused the request, or a deploy stopped
    REFUSED = 6
    #: something else holds what is needed: a port, a running embedded AWS
    BUSY = 7
    #: the embedded AWS cannot do this (drift detection, ...)
    NOT_AVAILABLE_LOCALLY = 8
    INTERRUPTED = 130


class CommandError(RuntimeError):
    """A mistake a person can fix; ``str()`` says what to do. Subclasses set the exit code."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value


class NotFoundError(CommandError):
    """A job, log group, folder or port named on the command line does not exist."""

    exit_code = ExitCode.NOT_FOUND


class BusyError(CommandError):
    """A port or an embedded AWS is already in use."""

    exit_code = ExitCode.BUSY


class NotConfirmed(CommandError):
    """A destructive command was not confirmed (no terminal to ask on, or the answer was no)."""

    exit_code = ExitCode.REFUSED


@dataclass(frozen=True)
class Explained:
    """One line for the person and the process's exit code."""

    message: str
    exit_code: ExitCode


def explain(error: BaseException) -> Explained | None:
    """The line and exit code for errors a person can act on; ``None`` for bugs (show the traceback)."""
    import botocore.exceptions

    from local_aws.server import EmbeddedAwsError
    from ops.api_client import ApiError
    from ops.artifacts import ArtifactError
    from ops.aws import AwsAccessError
    from ops.cost.usage import CostInputError
    from ops.deploy import DeployCancelled, DeployError
    from ops.image import ImageError
    from ops.preflight import PreflightError
    from ops.stack_commands import NotAvailableLocally, StackMissingError
    from pipeline.config import ConfigError
    from pipeline.errors import PipelineError

    kinds: tuple[tuple[tuple[type[BaseException], ...], ExitCode], ...] = (
        ((ConfigError, CostInputError, PipelineError), ExitCode.INVALID_INPUT),
        ((StackMissingError, FileNotFoundError, NotADirectoryError), ExitCode.NOT_FOUND),
        ((AwsAccessError,), ExitCode.NO_AWS),
        ((DeployError, DeployCancelled, ImageError, ArtifactError, PreflightError, ApiError), ExitCode.REFUSED),
        ((EmbeddedAwsError,), ExitCode.BUSY),
        ((NotAvailableLocally,), ExitCode.NOT_AVAILABLE_LOCALLY),
    )
    if isinstance(error, CommandError):
        return Explained(str(error), error.exit_code)
    for types, code in kinds:
        if isinstance(error, types):
            return Explained(str(error), code)
    if isinstance(error, botocore.exceptions.NoCredentialsError):
        return Explained("no AWS credentials found: run `aws configure`, set AWS_PROFILE or pass --profile "
                         "(or use --local)", ExitCode.NO_AWS)
    if isinstance(error, botocore.exceptions.EndpointConnectionError):
        return Explained(f"{error}. If you meant the embedded AWS, start it with `python build.py local up`.",
                         ExitCode.NO_AWS)
    if isinstance(error, botocore.exceptions.ClientError):
        return Explained(f"AWS: {error}", ExitCode.REFUSED)
    return None
