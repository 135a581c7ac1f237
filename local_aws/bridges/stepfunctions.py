"""Step Functions bridge: state machines created by CloudFormation execute, unnamed executions work.

With ``execute_state_machine`` on, moto 5.2.5 serves the Step Functions API from
``stepfunctions_parser_backends`` (the ASL engine), but ``AWS::StepFunctions::StateMachine``
resources are written to the plain ``stepfunctions_backends``, whose executions never run: a stack's
state machine is invisible to ``aws stepfunctions start-execution``. The bridge points the
CloudFormation handlers at the parser backends.

moto's engine also names an execution started without ``name`` "None", so the second unnamed start
fails with ExecutionAlreadyExists; Step Functions generates a UUID, and so does the bridge.
"""

from __future__ import annotations

import uuid
from typing import Any

from moto.core.config import default_user_config
from moto.stepfunctions import models as sfn_models
from moto.stepfunctions.parser.models import StepFunctionsParserBackend, stepfunctions_parser_backends

_original_backends = sfn_models.stepfunctions_backends
_original_start_execution = StepFunctionsParserBackend.start_execution


def _start_execution(self: StepFunctionsParserBackend, state_machine_arn: str, name: Any = None,
                     execution_input: Any = None, trace_header: Any = None) -> Any:
    return _original_start_execution(self, state_machine_arn, name or str(uuid.uuid4()), execution_input,
                                     trace_header)


def install() -> None:
    """Execute state machines in-process, including those that CloudFormation creates."""
    default_user_config["stepfunctions"]["execute_state_machine"] = True
    sfn_models.stepfunctions_backends = stepfunctions_parser_backends  # type: ignore[assignment]
    StepFunctionsParserBackend.start_execution = _start_execution  # type: ignore[method-assign]


def uninstall() -> None:
    default_user_config["stepfunctions"]["execute_state_machine"] = False
    sfn_models.stepfunctions_backends = _original_backends
    StepFunctionsParserBackend.start_execution = _original_start_execution  # type: ignore[method-assign]
