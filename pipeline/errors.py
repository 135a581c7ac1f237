"""Error codes a user can act on, shared by the Lambdas, the GPU task and the API.

A failing step raises :class:`PipelineError` (or exits with :func:`exit_code_for`). Lambda reports the
exception's class name as the Step Functions ``Error``, so each code has its own subclass whose
``__name__`` *is* the code: a Catch on ``UNSUPPORTED_CODEC`` and the job item's ``error.code`` read
the same word.
"""

from __future__ import annotations

import enum
import json
from typing import Any


class ErrorCode(str, enum.Enum):
    """Stable error codes; their names appear in job items, API errors and exit codes."""

    # upload validation (lambdas/validate_upload)
    EMPTY = "EMPTY"
    TOO_LARGE = "TOO_LARGE"
    NOT_A_VIDEO = "NOT_A_VIDEO"
    CORRUPT = "CORRUPT"
    TOO_LONG = "TOO_LONG"
    UNSUPPORTED_CODEC = "UNSUPPORTED_CODEC"
    RESOLUTION_TOO_HIGH = "RESOLUTION_TOO_HIGH"
    UPLOAD_NOT_FOUND = "UPLOAD_NOT_FOUND"
    SIZE_MISMATCH = "SIZE_MISMATCH"  # the object's size is not the size declared at POST /jobs
    # analysis (gpu_tasks)
    NO_VIDEO_STREAM = "NO_VIDEO_STREAM"
    NO_DECODABLE_FRAMES = "NO_DECODABLE_FRAMES"
    MODELS_MISSING = "MODELS_MISSING"
    ANALYSIS_FAILED = "ANALYSIS_FAILED"
    NO_GPU_CAPACITY = "NO_GPU_CAPACITY"  # Batch could place the job on no queue in time (state machine)
    NO_FARGATE_CAPACITY = "NO_FARGATE_CAPACITY"  # Fargate started no task in time (state machine)
    # nutrition (lambdas/nutrition_rag)
    DETECTIONS_INVALID = "DETECTIONS_INVALID"
    KNOWLEDGE_BASE_MISSING = "KNOWLEDGE_BASE_MISSING"
    # corrections of a completed job's items (POST /jobs/{job_id}/corrections, build.py correct)
    UNKNOWN_ITEM = "UNKNOWN_ITEM"
    INVALID_GRAMS = "INVALID_GRAMS"
    EMPTY_LABEL = "EMPTY_LABEL"
    # a hand-started execution of a job that has already run (state machine)
    JOB_ALREADY_FINISHED = "JOB_ALREADY_FINISHED"
    JOB_IN_PROGRESS = "JOB_IN_PROGRESS"
    # an execution that ended without its error handling (lambdas/execution_ended): stopped by a person
    # (StopExecution, the console), past its time limit, or failed where no Catch applies (States.Runtime)
    EXECUTION_STOPPED = "EXECUTION_STOPPED"
    EXECUTION_TIMED_OUT = "EXECUTION_TIMED_OUT"
    EXECUTION_FAILED = "EXECUTION_FAILED"
    # anything else
    INVALID_INPUT = "INVALID_INPUT"
    INTERNAL = "INTERNAL"


#: Process exit codes of ``python -m gpu_tasks.analyze`` (Batch records them on the job attempt).
EXIT_CODES: dict[ErrorCode, int] = {
    ErrorCode.INVALID_INPUT: 2,
    ErrorCode.EMPTY: 8,
    ErrorCode.TOO_LARGE: 9,
    ErrorCode.CORRUPT: 10,
    ErrorCode.NO_VIDEO_STREAM: 11,
    ErrorCode.NO_DECODABLE_FRAMES: 12,
    ErrorCode.NOT_A_VIDEO: 13,
    ErrorCode.TOO_LONG: 14,
    ErrorCode.RESOLUTION_TOO_HIGH: 15,
    ErrorCode.UPLOAD_NOT_FOUND: 16,
    ErrorCode.UNSUPPORTED_CODEC: 17,
    ErrorCode.MODELS_MISSING: 20,
    ErrorCode.ANALYSIS_FAILED: 30,
    ErrorCode.INTERNAL: 70,
}


class PipelineError(Exception):
    """An error with a stable code, a readable message and the offending value."""

    code: ErrorCode = ErrorCode.INTERNAL

    def __init__(self, message: str, *, value: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value

    def to_dict(self) -> dict[str, Any]:
        """The error as ``{code, message[, value]}`` (JSON-safe)."""
        body: dict[str, Any] = {"code": self.code.value, "message": self.message}
        if self.value is not None:
            body["value"] = self.value if isinstance(self.value, (str, int, float, bool)) else str(self.value)
        return body

    def __str__(self) -> str:  # what Lambda puts in errorMessage
        return self.message


def _make_error_class(code: ErrorCode) -> type[PipelineError]:
    return type(code.value, (PipelineError,), {"code": code, "__module__": __name__})


ERROR_CLASSES: dict[ErrorCode, type[PipelineError]] = {code: _make_error_class(code) for code in ErrorCode}


def pipeline_error(code: ErrorCode | str, message: str, *, value: Any = None) -> PipelineError:
    """Build the exception for ``code``; its class name is the code itself."""
    return ERROR_CLASSES[ErrorCode(code)](message, value=value)


def exit_code_for(code: ErrorCode) -> int:
    """Process exit code for ``code`` (70 for codes without their own)."""
    return EXIT_CODES.get(code, EXIT_CODES[ErrorCode.INTERNAL])


def code_for_exit(exit_code: int) -> ErrorCode | None:
    """Inverse of :func:`exit_code_for`; ``None`` for exit codes we never use."""
    for code, number in EXIT_CODES.items():
        if number == exit_code:
            return code
    return None


#: What S3 answers for a key that does not exist: GetObject says ``NoSuchKey``; HeadObject's answer has no body,
#: so botocore names it by its status, ``404``; s3transfer's download re-raises HeadObject's as ``NotFound``.
S3_NO_SUCH_KEY_CODES = frozenset({"NoSuchKey", "404", "NotFound"})


def s3_key_missing(response: dict[str, Any]) -> bool:
    """Whether a botocore ``ClientError.response`` says the S3 key does not exist."""
    return response.get("Error", {}).get("Code") in S3_NO_SUCH_KEY_CODES


def describe_failure(error: str | None, cause: str | None) -> tuple[str, str]:
    """Turn a Step Functions ``(Error, Cause)`` pair into ``(code, message)`` a person can read.

    Lambda causes are JSON envelopes with ``errorMessage``; Batch causes are the job description with
    the container's exit code and ``StatusReason``; other causes are plain text.
    """
    code = error or ErrorCode.INTERNAL.value
    message = cause or ""
    try:
        parsed = json.loads(cause) if cause else None
    except (TypeError, ValueError):
        parsed = None
    if isinstance(parsed, dict):
        if "errorMessage" in parsed:
            message = str(parsed["errorMessage"])
            code = str(parsed.get("errorType") or code)
        elif "Container" in parsed or "StatusReason" in parsed:
            container = parsed.get("Container") or {}
            exit_code = container.get("ExitCode")
            known = code_for_exit(exit_code) if isinstance(exit_code, int) else None
            if known is not None:
                code = known.value
            reason = container.get("Reason") or parsed.get("StatusReason") or "the analysis job failed"
            message = f"{reason} (exit code {exit_code})" if exit_code is not None else str(reason)
    if code not in ErrorCode.__members__ and code.startswith("States."):
        message = message or code
    message = message.removeprefix(f"ERROR {code}: ")  # the task's error line: its code is said once, by `code`
    return code, message[:2000]
