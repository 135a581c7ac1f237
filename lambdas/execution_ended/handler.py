"""ExecutionEnded: an AnalyzeMeal execution that ended without passing through MarkFailed still ends its job.

The state machine records every error it catches (MarkFailed, NotifyFailure). An execution can also end
where no Catch runs: a person stops it (StopExecution, the console: ``ABORTED``), it runs past a time
limit (``TIMED_OUT``), or it fails where no Catch applies (``States.Runtime``: ``FAILED``). Step Functions
then sends "Step Functions Execution Status Change" to the default event bus; a rule of this stack
(``templates.execution_ended``) hands this function the machine's FAILED, TIMED_OUT and ABORTED ones.

It marks the job FAILED with EXECUTION_STOPPED, EXECUTION_TIMED_OUT or EXECUTION_FAILED and a message
naming the execution, its status and the event's error and cause, and publishes the job's failure notice
(``pipeline.notices``, as NotifyFailure words it). The write is conditional
(``JobsStore.mark_failed``): a job already COMPLETED or FAILED (MarkFailed's own error), or analysed by
another execution, is left as it is and no notice is sent. The job is the execution input's ``job_id``
(``pipeline.jobs.job_id_of_execution``). The function's role needs ``dynamodb:UpdateItem`` on the jobs
table and ``sns:Publish`` on the topic.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from lambdas.common import clients
from lambdas.common.jobs_store import JobsStore
from pipeline.jobs import EXECUTION_END_CODES, job_id_of_execution, utc_now
from pipeline.notices import failure_notice
from pipeline.runtime_settings import ExecutionEndedEnvironment, read_settings

logger = Logger(service="execution_ended")

#: The ``stage`` the job item records for this write (MarkFailed records its state's name).
STAGE = "ExecutionEnded"
#: What happened to an execution of each status :data:`EXECUTION_END_CODES` names, in words.
WHAT_HAPPENED = {
    "ABORTED": "was stopped before the analysis finished",
    "TIMED_OUT": "ran past its time limit",
    "FAILED": "failed outside the state machine's error handling",
}
#: Characters of the event's cause kept in the message (the API shows at most 2,000 of it).
MAX_CAUSE_CHARS = 1500


def failure_message(status: str, name: str, error: str | None, cause: str | None) -> str:
    """What the job's ``error.message`` says: the execution, what happened to it, its error and cause."""
    text = f"the analysis's execution {name} {WHAT_HAPPENED[status]} (status {status}"
    details = ": ".join(part for part in (error, (cause or "")[:MAX_CAUSE_CHARS]) if part)
    text += f"; {details})" if details else ")"
    return f"{text}; start a new job with POST /jobs"


def _ignored(reason: str, **details: Any) -> dict[str, Any]:
    logger.info("event ignored", extra={"reason": reason, **details})
    return {"marked": False, "reason": reason, **details}


def _notify(topic_arn: str, job_id: str, code: str, message: str) -> bool:
    """The job's failure notice; ``False`` (logged) when SNS refuses it: the job's FAILED status stays."""
    try:
        clients.client("sns").publish(TopicArn=topic_arn, **failure_notice(job_id, code, message))
    except ClientError as error:
        logger.error("failure notice not sent", extra={"job_id": job_id, "error": repr(error)})
        return False
    return True


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    logger.append_keys(request_id=getattr(context, "aws_request_id", None))
    detail = event.get("detail") if isinstance(event, dict) else None
    if not isinstance(detail, dict):
        return _ignored("not a Step Functions Execution Status Change event (no detail)")
    status, arn, name = detail.get("status"), detail.get("executionArn"), detail.get("name")
    if status not in EXECUTION_END_CODES:
        return _ignored("the execution did not end in FAILED, TIMED_OUT or ABORTED", status=status)
    if not isinstance(arn, str) or not isinstance(name, str) or not arn or not name:
        return _ignored("the event names no execution (detail.executionArn, detail.name)", status=status)
    job_id = job_id_of_execution(name, detail.get("input"))
    code = EXECUTION_END_CODES[status].value
    message = failure_message(status, name, detail.get("error"), detail.get("cause"))
    settings = read_settings(ExecutionEndedEnvironment)
    marked = JobsStore(settings.jobs_table).mark_failed(
        job_id, execution_arn=arn, code=code, message=message, stage=STAGE, now=utc_now())
    result: dict[str, Any] = {"marked": marked, "job_id": job_id, "execution_arn": arn, "status": status}
    if marked:
        result.update(code=code, notified=_notify(settings.notification_topic_arn, job_id, code, message))
    else:
        result["reason"] = "the job is already final, has no item, or belongs to another execution"
    logger.info("execution end handled", extra=result)
    return result

