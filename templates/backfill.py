"""The BackfillMeals state machine (STANDARD), its role, its log group.

The definition comes from ``states.backfill_meals`` with ``${Name}`` placeholders resolved as for
AnalyzeMeal (:func:`templates.orchestration.definition_string`). The role allows what a Distributed
Map that starts AnalyzeMeal with ``states:startExecution.sync:2`` needs, and nothing else:

* the Map's own child workflow executions: ``states:StartExecution`` on this state machine and
  ``states:DescribeExecution``/``states:StopExecution`` on its executions (AWS's Distributed Map
  IAM policy example);
* ``.sync:2``: ``states:StartExecution`` on AnalyzeMeal, ``states:DescribeExecution``/``states:StopExecution``
  on its executions, and ``events:PutTargets``/``PutRule``/``DescribeRule`` on the rule Step Functions
  manages for it (``StepFunctionsGetEventsForStepFunctionsExecutionRule``);
* the ItemReader's ``s3:GetObject`` and the ResultWriter's ``s3:PutObject`` (with the multipart
  actions) under ``backfills/`` of the results bucket, and the data key when buckets are encrypted.
"""

from __future__ import annotations

from typing import Any

from troposphere import Ref, Sub, Template, iam

from pipeline.config import Config
from pipeline.layout import BACKFILL_PREFIX
from states.placeholders import Placeholder
from templates.iam import allow, objects_arn
from templates.names import backfill_state_machine_name, state_machine_name
from templates.orchestration import (
    OrchestrationResources,
    add_logged_state_machine,
    add_state_machine_role,
    definition_string,
)
from templates.security import SecurityResources
from templates.storage import StorageResources

BACKFILL_STATE_MACHINE = "BackfillMealsStateMachine"
BACKFILL_ROLE = "BackfillMealsStateMachineRole"
BACKFILL_LOG_GROUP = "BackfillMealsLogGroup"
EXECUTION_SYNC_RULE = "StepFunctionsGetEventsForStepFunctionsExecutionRule"
"""The EventBridge rule Step Functions manages for ``states:startExecution.sync``."""


def _states_arn(kind: str, name: str) -> Sub:
    """``arn:…:states:{region}:{account}:{kind}:{name}`` (``kind``: stateMachine or execution)."""
    return Sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:" + f"{kind}:{name}")


def _role(template: Template, *, config: Config, analyze_meal: OrchestrationResources, storage: StorageResources,
          security: SecurityResources) -> iam.Role:
    own_name, child_name = backfill_state_machine_name(config), state_machine_name(config)
    statements = [
        allow(["states:StartExecution"], [_states_arn("stateMachine", own_name)], sid="RunMapChildWorkflows"),
        allow(["states:DescribeExecution", "states:StopExecution"], [_states_arn("execution", f"{own_name}/*")],
              sid="FollowMapChildWorkflows"),
        allow(["states:StartExecution"], [analyze_meal.arn], sid="StartAnalyses"),
        allow(["states:DescribeExecution", "states:StopExecution"], [_states_arn("execution", f"{child_name}:*")],
              sid="FollowAnalyses"),
        allow(["events:DescribeRule", "events:PutRule", "events:PutTargets"],
              [Sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/" + EXECUTION_SYNC_RULE)],
              sid="ExecutionSyncRule"),
        allow(["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
              [objects_arn(Ref(storage.results_bucket), BACKFILL_PREFIX)], sid="ReadVideoListWriteResults"),
    ]
    return add_state_machine_role(
        template, BACKFILL_ROLE, description="BackfillMeals: its Map's child workflows, AnalyzeMeal executions, its "
        "files in the results bucket", policy_name="backfill-meals", statements=statements, security=security)


def add_backfill(template: Template, *, config: Config, definition: dict[str, Any],
                 analyze_meal: OrchestrationResources, storage: StorageResources,
                 security: SecurityResources) -> OrchestrationResources:
    """Add the BackfillMeals state machine for ``definition`` (ASL with placeholders), its role and log group."""
    role = _role(template, config=config, analyze_meal=analyze_meal, storage=storage, security=security)
    values = {Placeholder.RESULTS_BUCKET_NAME: Ref(storage.results_bucket),
              Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN: analyze_meal.arn}
    state_machine, log_group = add_logged_state_machine(
        template, BACKFILL_STATE_MACHINE, log_group_id=BACKFILL_LOG_GROUP, name=backfill_state_machine_name(config),
        log_suffix="backfill-meals", log_level="ERROR", role=role, definition=definition_string(definition, values),
        config=config, security=security)
    return OrchestrationResources(state_machine, role, log_group)
