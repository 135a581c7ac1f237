"""Step Functions bridge: the ``states:startExecution`` integration (``.sync`` and ``.sync:2`` included)
starts the child execution and reads it back.

moto 5.2.5's ASL engine hands the state's ``Parameters`` to boto3 as the state wrote them
(``StateMachineArn``, ``Name``, ``Input``): boto3 refuses them (``KeyError 'StateMachineArn'``, or
``'Input'``) and the task fails with States.Runtime before any execution starts. It then reads
``ExecutionArn`` from boto3's ``executionArn`` response. Step Functions documents the integration with
the API's own field names, in ``PascalCase``: "StateMachineArn", "Name" and "Input" as parameters, and
for ``.sync:2`` a result whose "Output" is JSON rather than a string, beside "ExecutionArn", "Status",
"StartDate" and "StopDate" (Step Functions developer guide, "Start a new AWS Step Functions state
machine from a running execution"). Here the parameters go to boto3 in its casing, by the API's
model, after moto has turned an ``Input`` object into its JSON string; responses come back in
``PascalCase`` (the same conversion the Batch bridge uses for ``batch:submitJob``), their dates as epoch
milliseconds, as the integration's examples show them (``"StartDate": 1.601944426429E12``); boto3's
``datetime`` objects would not even serialise into the state's JSON.
"""

from __future__ import annotations

import datetime
from typing import Any

from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
    StateTaskServiceSfn,
)

from local_aws.bridges.batch import to_boto_casing, to_states_casing

_original_parameters = StateTaskServiceSfn._normalise_parameters
_original_response = StateTaskServiceSfn._normalise_response


def _normalise_parameters(self: StateTaskServiceSfn, parameters: dict, boto_service_name: str | None = None,
                          service_action_name: str | None = None) -> None:
    _original_parameters(self, parameters, boto_service_name, service_action_name)  # Input object -> JSON text
    to_boto_casing(self, parameters, boto_service_name, service_action_name)


def _normalise_response(self: StateTaskServiceSfn, response: Any, boto_service_name: str | None = None,
                        service_action_name: str | None = None) -> None:
    to_states_casing(self, response, boto_service_name, service_action_name)
    if isinstance(response, dict):
        for key, value in response.items():
            if isinstance(value, datetime.datetime):
                response[key] = int(value.timestamp() * 1000)


def install() -> None:
    StateTaskServiceSfn._normalise_parameters = _normalise_parameters  # type: ignore[method-assign]
    StateTaskServiceSfn._normalise_response = _normalise_response  # type: ignore[method-assign]


def uninstall() -> None:
    StateTaskServiceSfn._normalise_parameters = _original_parameters  # type: ignore[method-assign]
    StateTaskServiceSfn._normalise_response = _original_response  # type: ignore[method-assign]
