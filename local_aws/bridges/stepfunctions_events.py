"""Step Functions bridge: an execution that ends sends "Step Functions Execution Status Change" to EventBridge.

Step Functions sends an event to the account's default event bus whenever a Standard execution's status
changes; its ``detail`` carries what ``DescribeExecution`` answers (Step Functions developer guide,
"EventBridge (CloudWatch Events) for Step Functions execution status changes"). moto 5.2.5 sends none, so
a rule on ``aws.states`` never fires. Here, when an execution of the ASL engine ends (SUCCEEDED, FAILED,
TIMED_OUT, or ABORTED by ``StopExecution``), the event goes to the default bus through moto's
``PutEvents``, whose rules deliver it (Lambda targets through ``local_aws.bridges.events``)::

    {"source": "aws.states", "detail-type": "Step Functions Execution Status Change",
     "resources": [executionArn], "detail": {"executionArn", "stateMachineArn", "name", "status",
     "startDate", "stopDate" (epoch ms), "input", "inputDetails", "output", "outputDetails", "error", "cause"}}

``input`` is the execution's input as a JSON string; ``output`` is the JSON string of a SUCCEEDED
execution's output and ``null`` otherwise; ``error`` and ``cause`` are those of a FAILED execution and
``null`` otherwise, as in AWS's examples. Not sent: the RUNNING event at the start (no rule here asks
for it), and the ``error``/``cause`` given to ``StopExecution``, which moto's StopExecution drops
(an ABORTED event carries ``null`` for both). An event that cannot be put (no events backend) is
logged and lost, as a best-effort delivery on AWS may be; the execution's own status is unaffected.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from moto.events.models import events_backends
from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication, Execution

SOURCE = "aws.states"
DETAIL_TYPE = "Step Functions Execution Status Change"
ENDED = ("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")
_log = logging.getLogger(__name__)
_original_terminated = BaseExecutionWorkerCommunication.terminated


def _epoch_ms(moment: Any) -> int | None:
    return int(moment.timestamp() * 1000) if isinstance(moment, datetime) else None


def status_change_detail(execution: Execution) -> dict[str, Any]:
    """The event's ``detail`` for ``execution`` as it stands (``DescribeExecution``'s fields)."""
    status = execution.exec_status.value if execution.exec_status is not None else None
    succeeded = status == "SUCCEEDED"
    return {
        "executionArn": execution.exec_arn,
        "stateMachineArn": execution.state_machine_arn,
        "name": execution.name,
        "status": status,
        "startDate": _epoch_ms(execution.start_date),
        "stopDate": _epoch_ms(execution.stop_date),
        "input": json.dumps(execution.input_data, separators=(",", ":")),
        "inputDetails": {"included": True},
        "output": json.dumps(execution.output, separators=(",", ":")) if succeeded else None,
        "outputDetails": {"included": True} if succeeded else None,
        "error": execution.error or None,
        "cause": execution.cause or None,
    }


def send_status_change(execution: Execution) -> None:
    """Put the status-change event of ``execution`` on its account's and region's default event bus."""
    detail = status_change_detail(execution)
    try:
        backend = events_backends[execution.account_id][execution.region_name]
        backend.put_events([{"Source": SOURCE, "DetailType": DETAIL_TYPE, "Resources": [execution.exec_arn],
                             "Detail": json.dumps(detail)}])
    except Exception:  # noqa: BLE001 - a rule's target failing must not fail the execution's end
        _log.exception("execution %s: status change %s not sent to EventBridge", execution.exec_arn, detail["status"])


def _terminated(self: BaseExecutionWorkerCommunication) -> None:
    _original_terminated(self)  # sets the final status, stop date, output or error
    execution = self.execution
    standard = getattr(execution, "sm_type", "STANDARD") != "EXPRESS"  # Express workflows send no events
    if standard and execution.exec_status is not None and execution.exec_status.value in ENDED:
        send_status_change(execution)


def install() -> None:
    BaseExecutionWorkerCommunication.terminated = _terminated  # type: ignore[method-assign]


def uninstall() -> None:
    BaseExecutionWorkerCommunication.terminated = _original_terminated  # type: ignore[method-assign]


__all__ = ["DETAIL_TYPE", "SOURCE", "install", "send_status_change", "status_change_detail", "uninstall"]
