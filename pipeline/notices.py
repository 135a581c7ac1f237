"""What a job's failure notice says, defined once for both senders: the state machine's NotifyFailure
(``States.Format`` of these templates) and ``lambdas/execution_ended`` (``str.format`` of the same), so a
subscriber reads one subject, one message and the same attributes however the job failed.

The templates hold no ``'``, ``{`` other than the ``{}`` to fill, or ``\\``: ``States.Format`` would need
them escaped.
"""

from __future__ import annotations

from typing import Any

from pipeline.contracts.job import JobStatus

FAILED_SUBJECT = "Meal analysis {} failed"
"""The job id fills it; SNS allows 100 ASCII characters, a job id is 32."""
FAILED_MESSAGE = "Job {} failed with {}: {}"
"""The job id, the error code and its message fill it."""
JOB_ID_ATTRIBUTE = "job_id"
STATUS_ATTRIBUTE = "status"
ERROR_CODE_ATTRIBUTE = "error_code"


def failure_notice(job_id: str, code: str, message: str) -> dict[str, Any]:
    """SNS ``Publish`` arguments (less the topic) of a FAILED job's notice, as NotifyFailure sends it."""
    return {
        "Subject": FAILED_SUBJECT.format(job_id),
        "Message": FAILED_MESSAGE.format(job_id, code, message),
        "MessageAttributes": {
            JOB_ID_ATTRIBUTE: {"DataType": "String", "StringValue": job_id},
            STATUS_ATTRIBUTE: {"DataType": "String", "StringValue": JobStatus.FAILED.value},
            ERROR_CODE_ATTRIBUTE: {"DataType": "String", "StringValue": code},
        },
    }
