"""The AnalyzeMeal state machine (STANDARD), its role, its log group.

The definition comes from ``states.analyze_meal`` with ``${Name}`` placeholders
(``states.placeholders.Placeholder``). Each placeholder maps to a resource of this stack and is
rewritten to its ``Fn::Sub`` reference (``${JobsTableName}`` -> ``${JobsTable}``,
``${ValidateUploadFunctionArn}`` -> ``${ValidateUploadFunction.Arn}``), so ``DefinitionString`` is one
``Fn::Sub`` string. The role allows exactly the integrations the states use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from troposphere import AWSHelperFn, GetAtt, Ref, Sub, Template, iam, logs, stepfunctions

from pipeline.config import Config
from states.placeholders import Placeholder
from templates.compute import ComputeResources
from templates.functions import FunctionsResources
from templates.iam import allow, assume_role_policy, inline_policy
from templates.notifications import NotificationResources
from templates.security import SecurityResources
from templates.storage import StorageResources

STATE_MACHINE = "AnalyzeMealStateMachine"
STATE_MACHINE_ROLE = "AnalyzeMealStateMachineRole"
STATE_MACHINE_LOG_GROUP = "AnalyzeMealLogGroup"
BATCH_SYNC_RULE = "StepFunctionsGetEventsForBatchJobsRule"
"""The EventBridge rule Step Functions manages for ``batch:submitJob.sync``."""
_PLACEHOLDER_PATTERN = re.compile(r"\$\{([^}!]+)\}")
# Vended log delivery and X-Ray have no resource-level permissions
_LOG_DELIVERY_ACTIONS = [
    "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
]
_XRAY_ACTIONS = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords",
                 "xray:PutTraceSegments"]


@dataclass(frozen=True)
class OrchestrationResources:
    state_machine: stepfunctions.StateMachine
    role: iam.Role
    log_group: logs.LogGroup

    @property
    def arn(self) -> Ref:
        return Ref(self.state_machine)


def placeholder_values(*, functions: FunctionsResources, storage: StorageResources, compute: ComputeResources,
                       notifications: NotificationResources) -> dict[Placeholder, AWSHelperFn]:
    """The stack's value of every placeholder the definition may use (each one, or ``KeyError``)."""
    values = {
        Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: functions["validate_upload"].arn,
        Placeholder.NUTRITION_FUNCTION_ARN: functions["nutrition_rag"].arn,
        Placeholder.JOBS_TABLE_NAME: Ref(storage.jobs_table),
        Placeholder.JOB_QUEUE_ARN: Ref(compute.job_queue),
        # without spot there is one queue; the definition then never names the on-demand one
        Placeholder.ON_DEMAND_JOB_QUEUE_ARN: Ref(compute.on_demand_job_queue or compute.job_queue),
        Placeholder.JOB_DEFINITION_ARN: Ref(compute.job_definition),
        Placeholder.NOTIFICATION_TOPIC_ARN: Ref(notifications.topic),
        Placeholder.RESULTS_BUCKET_NAME: Ref(storage.results_bucket),
    }
    missing = set(Placeholder) - values.keys()
    if missing:
        raise KeyError(f"no stack value for placeholders {sorted(p.value for p in missing)}")
    return values


def _reference(value: AWSHelperFn) -> str:
    """``Ref``/``GetAtt`` as ``Fn::Sub`` writes them: ``${LogicalId}`` / ``${LogicalId.Attribute}``."""
    data = value.data
    if isinstance(value, Ref) and isinstance(data.get("Ref"), str):
        return "${" + data["Ref"] + "}"
    if isinstance(value, GetAtt):
        logical_id, attribute = data["Fn::GetAtt"]
        return "${" + f"{logical_id}.{attribute}" + "}"
    raise TypeError(f"a placeholder must map to a Ref or GetAtt, got {data!r}")


def definition_string(definition: dict[str, Any], values: dict[Placeholder, AWSHelperFn]) -> Sub:
    """``Fn::Sub`` of the definition's JSON, each ``${Placeholder}`` rewritten to the resource it names
    (``${JobsTable}``, ``${ValidateUploadFunction.Arn}``); an unknown ``${Name}`` is an error.

    The single-string form of ``Fn::Sub`` leaves every other character alone, ``$$.Execution.Id``
    included (the list form with a variable map is equivalent in CloudFormation, but moto resolves it
    with ``string.Template``, which turns ``$$`` into ``$``).
    """
    text = json.dumps(definition, separators=(",", ":"), sort_keys=True)
    if "${!" in text:
        raise ValueError("the state machine definition contains '${!', which Fn::Sub would unescape")
    known = {placeholder.value: _reference(value) for placeholder, value in values.items()}
    unknown = set(_PLACEHOLDER_PATTERN.findall(text)) - known.keys()
    if unknown:
        raise ValueError(f"the state machine uses placeholders the template does not provide: {sorted(unknown)}")
    return Sub(_PLACEHOLDER_PATTERN.sub(lambda match: known[match.group(1)], text))


def _role(template: Template, *, functions: FunctionsResources, storage: StorageResources,
          compute: ComputeResources, notifications: NotificationResources, security: SecurityResources) -> iam.Role:
    invoked = [functions["validate_upload"].arn, functions["nutrition_rag"].arn]
    batch_rule = Sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/" + BATCH_SYNC_RULE)
    statements = [
        allow(["lambda:InvokeFunction"],
              invoked + [Sub("${Arn}:*", Arn=arn) for arn in invoked], sid="InvokeTaskFunctions"),
        allow(["dynamodb:UpdateItem"], [GetAtt(storage.jobs_table, "Arn")], sid="UpdateJob"),
        allow(["batch:SubmitJob"], [*(Ref(queue) for queue in compute.job_queues), Ref(compute.job_definition)],
              sid="SubmitAnalysis"),
        # DescribeJobs has no resource-level permissions; TerminateJob is scoped to jobs
        allow(["batch:DescribeJobs"], ["*"], sid="FollowAnalysis"),
        allow(["batch:TerminateJob"], [Sub("arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job/*")],
              sid="StopAnalysis"),
        allow(["events:DescribeRule", "events:PutRule", "events:PutTargets"], [batch_rule], sid="BatchSyncRule"),
        allow(["sns:Publish"], [Ref(notifications.topic)], sid="Notify"),
        allow(_LOG_DELIVERY_ACTIONS, ["*"], sid="LogDelivery"),
        allow(_XRAY_ACTIONS, ["*"], sid="XRay"),
        *security.data_key_statements(),
    ]
    return template.add_resource(iam.Role(
        STATE_MACHINE_ROLE,
        Description="AnalyzeMeal: only the integrations its states use",
        AssumeRolePolicyDocument=assume_role_policy("states.amazonaws.com", source_account=True),
        Policies=[inline_policy("analyze-meal", statements)],
    ))


def add_orchestration(template: Template, *, config: Config, definition: dict[str, Any],
                      functions: FunctionsResources, storage: StorageResources, compute: ComputeResources,
                      notifications: NotificationResources, security: SecurityResources) -> OrchestrationResources:
    """Add the state machine for ``definition`` (ASL with placeholders), its role and log group."""
    log_group = template.add_resource(logs.LogGroup(
        STATE_MACHINE_LOG_GROUP,
        # the /aws/vendedlogs/ prefix keeps CloudWatch Logs' resource policy within its size limit
        LogGroupName=f"/aws/vendedlogs/states/{config.stack_name}/analyze-meal",
        RetentionInDays=config.log_retention_days,
        **({"KmsKeyId": security.key_arn} if security.key is not None else {}),
    ))
    role = _role(template, functions=functions, storage=storage, compute=compute, notifications=notifications,
                 security=security)
    values = placeholder_values(functions=functions, storage=storage, compute=compute, notifications=notifications)
    state_machine = template.add_resource(stepfunctions.StateMachine(
        STATE_MACHINE,
        StateMachineName=config.resource_name("analyze-meal"),
        StateMachineType="STANDARD",
        RoleArn=GetAtt(role, "Arn"),
        DefinitionString=definition_string(definition, values),
        LoggingConfiguration=stepfunctions.LoggingConfiguration(
            Level="ALL",
            IncludeExecutionData=False,
            Destinations=[stepfunctions.LogDestination(
                CloudWatchLogsLogGroup=stepfunctions.CloudWatchLogsLogGroup(LogGroupArn=GetAtt(log_group, "Arn")))],
        ),
        TracingConfiguration=stepfunctions.TracingConfiguration(Enabled=True),
    ))
    return OrchestrationResources(state_machine, role, log_group)
