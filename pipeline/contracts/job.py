"""The job item in DynamoDB; its status only moves forward."""

from __future__ import annotations

import enum

from pydantic import BaseModel, ConfigDict, Field


class JobStatus(str, enum.Enum):
    """Lifecycle of a job, in order; FAILED and COMPLETED are final."""

    PENDING_UPLOAD = "PENDING_UPLOAD"
    QUEUED = "QUEUED"
    ANALYZING = "ANALYZING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"

    @property
    def is_final(self) -> bool:
        return self in (JobStatus.COMPLETED, JobStatus.FAILED)

    def statuses_before(self) -> tuple["JobStatus", ...]:
        """Statuses from which a job may move to this one (conditional writes use this)."""
        order = [JobStatus.PENDING_UPLOAD, JobStatus.QUEUED, JobStatus.ANALYZING]
        if self is JobStatus.FAILED:
            return tuple(order)
        if self is JobStatus.COMPLETED:
            return (JobStatus.ANALYZING,)
        return tuple(order[: order.index(self)])


class JobError(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: str
    message: str


class JobRecord(BaseModel):
    """A job as stored in the jobs table (times are ISO-8601 UTC strings, ``ttl`` epoch seconds)."""

    model_config = ConfigDict(extra="ignore")

    job_id: str
    status: JobStatus
    created_at: str
    updated_at: str
    filename: str | None = None
    owner: str | None = Field(default=None, description="who may see the job: a token's subject (pipeline.auth)")
    upload_key: str | None = None
    stage: str | None = Field(default=None, description="state machine state that last wrote the item")
    execution_arn: str | None = None
    error: JobError | None = None
    results_uri: str | None = None
    totals: dict[str, float] | None = None
    results_version: int | None = Field(default=None, description="latest results version; None means 1 (uncorrected)")
    ttl: int | None = None
