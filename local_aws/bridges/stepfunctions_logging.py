"""Step Functions bridge: executions write their events to the state machine's CloudWatch Logs group.

AWS sends an execution's history events to the log group of the state machine's
``LoggingConfiguration`` (at its ``Level``: ALL, ERROR or FATAL; without input and output unless
``IncludeExecutionData``), one JSON object per event. moto 5.2.5 has the pieces but never joins them:

* ``AWS::StepFunctions::StateMachine`` from CloudFormation drops ``LoggingConfiguration``; here it is
  kept (in the API's shape) on create and update.
* ``StartExecution`` always passes ``cloud_watch_logging_session=None``, so no execution logs; here an
  execution whose state machine logs gets a session when it starts.
* moto's session cannot publish (it reads ``timestamp``/``message`` keys its log records lack and
  treats moto's own ResourceNotFoundException as delivered); here each event is put as AWS writes it:
  ``{id, type, details, previous_event_id, event_timestamp (ms), execution_arn}`` in the stream
  ``states/<state machine name>/<execution name>``, created on first use. A log group that does not
  exist loses the event with a warning, as a delivery failure does on AWS; the execution goes on.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from moto.logs.exceptions import ResourceAlreadyExistsException, ResourceNotFoundException
from moto.logs.models import logs_backends
from moto.stepfunctions import models as sfn_models
from moto.stepfunctions.parser.asl.eval.event.logging import (
    CloudWatchLoggingConfiguration, CloudWatchLoggingSession, HistoryLog,
)
from moto.stepfunctions.parser.backend.execution import Execution

from local_aws.bridges.cloudformation import register_models, unregister_models

STATE_MACHINE_TYPE = "AWS::StepFunctions::StateMachine"
_log = logging.getLogger(__name__)
_original_start = Execution.start


def api_logging_configuration(properties: dict[str, Any]) -> dict[str, Any] | None:
    """The API's ``loggingConfiguration`` for a CloudFormation ``LoggingConfiguration`` (None when absent)."""
    cfn = properties.get("LoggingConfiguration")
    if not cfn:
        return None
    return {
        "level": cfn.get("Level", "OFF"),
        "includeExecutionData": bool(cfn.get("IncludeExecutionData", False)),
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": d["CloudWatchLogsLogGroup"]["LogGroupArn"]}}
                         for d in cfn.get("Destinations", []) if d.get("CloudWatchLogsLogGroup")],
    }


class _StateMachine(sfn_models.StateMachine):
    """moto's CloudFormation model, keeping ``LoggingConfiguration``."""

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: Any, account_id: str,
                                        region_name: str, **kwargs: Any) -> sfn_models.StateMachine:
        machine = super().create_from_cloudformation_json(resource_name, cloudformation_json, account_id,
                                                          region_name, **kwargs)
        return _keep_logging(machine, cloudformation_json)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any,
                                        account_id: str, region_name: str) -> sfn_models.StateMachine:
        machine = super().update_from_cloudformation_json(original_resource, new_resource_name, cloudformation_json,
                                                          account_id, region_name)
        return _keep_logging(machine, cloudformation_json)


def _keep_logging(machine: sfn_models.StateMachine, cloudformation_json: Any) -> sfn_models.StateMachine:
    configuration = api_logging_configuration(cloudformation_json.get("Properties", {}))
    machine.loggingConfiguration = configuration or {"level": "OFF"}
    return machine


class ExecutionLogSession(CloudWatchLoggingSession):
    """Publishes each history event of one execution to its state machine's log group."""

    def __init__(self, execution_arn: str, configuration: CloudWatchLoggingConfiguration) -> None:
        super().__init__(execution_arn, configuration)
        machine, execution = execution_arn.split(":")[-2:]
        self.stream_name = f"states/{machine}/{execution}"

    def publish_history_log(self, history_log: HistoryLog) -> None:
        stamp = history_log["event_timestamp"]
        moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
        millis = int(moment.timestamp() * 1000)
        message = json.dumps({**history_log, "event_timestamp": str(millis)}, default=str)
        backend = self._logs_client
        group = self.configuration.log_group_name
        try:
            try:
                backend.put_log_events(group, self.stream_name, [{"timestamp": millis, "message": message}])
            except ResourceNotFoundException:
                try:
                    backend.create_log_stream(group, self.stream_name)
                except ResourceAlreadyExistsException:
                    pass
                backend.put_log_events(group, self.stream_name, [{"timestamp": millis, "message": message}])
        except ResourceNotFoundException:
            _log.warning("execution %s: log group %s does not exist; event %s not logged",
                         self.execution_arn, group, history_log["type"])


def log_session(execution: Execution) -> ExecutionLogSession | None:
    """The session of ``execution`` when its state machine's logging is on and names one log group."""
    configuration = dict(getattr(execution.state_machine, "loggingConfiguration", None) or {})
    configuration.setdefault("includeExecutionData", False)
    cloudwatch = CloudWatchLoggingConfiguration.from_logging_configuration(
        state_machine_arn=execution.state_machine.arn, logging_configuration=configuration)  # type: ignore[arg-type]
    return None if cloudwatch is None else ExecutionLogSession(execution.exec_arn, cloudwatch)


def _start(self: Execution) -> None:
    if self._cloud_watch_logging_session is None:
        self._cloud_watch_logging_session = log_session(self)
    _original_start(self)


def install() -> None:
    register_models({STATE_MACHINE_TYPE: _StateMachine})
    Execution.start = _start  # type: ignore[method-assign]


def uninstall() -> None:
    Execution.start = _original_start  # type: ignore[method-assign]
    unregister_models({STATE_MACHINE_TYPE: _StateMachine})


__all__ = ["ExecutionLogSession", "api_logging_configuration", "install", "log_session", "uninstall"]
