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
from templates.names import state_machine_name
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
    """The stack's value of every placeholder it can resolve; the compute paths ``analysis.compute``
    leaves out have none (the definition then never names them, which ``definition_string`` checks)."""
    values: dict[Placeholder, AWSHelperFn] = {
        Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: functions["validate_upload"].arn,
        Placeholder.NUTRITION_FUNCTION_ARN: functions["nutrition_rag"].arn,
        Placeholder.JOBS_TABLE_NAME: Ref(storage.jobs_table),
        Placeholder.NOTIFICATION_TOPIC_ARN: Ref(notifications.topic),
        Placeholder.RESULTS_BUCKET_NAME: Ref(storage.results_bucket),
    }
    if compute.gpu is not None:
        values[Placeholder.JOB_QUEUE_ARN] = Ref(compute.gpu.job_queue)
        values[Placeholder.JOB_DEFINITION_ARN] = Ref(compute.gpu.job_definition)
        if compute.gpu.on_demand_job_queue is not None:
            values[Placeholder.ON_DEMAND_JOB_QUEUE_ARN] = Ref(compute.gpu.on_demand_job_queue)
    if compute.cpu is not None:
        values[Placeholder.CPU_JOB_QUEUE_ARN] = Ref(compute.cpu.job_queue)
        if compute.cpu.on_demand_job_queue is not None:
            values[Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN] = Ref(compute.cpu.on_demand_job_queue)
        values[Placeholder.CPU_JOB_DEFINITION_ARN] = Ref(compute.cpu.job_definition)
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
        # GetItem: why MarkAnalyzing's condition failed (a hand-started execution of a job that already ran)
        allow(["dynamodb:UpdateItem", "dynamodb:GetItem"], [GetAtt(storage.jobs_table, "Arn")], sid="UpdateJob"),
        allow(["batch:SubmitJob"], [*(Ref(queue) for queue in compute.job_queues),
                                    *(Ref(definition) for definition in compute.job_definitions)], sid="SubmitAnalysis"),
        # DescribeJobs has no resource-level permissions; TerminateJob is scoped to jobs
        allow(["batch:DescribeJobs"], ["*"], sid="FollowAnalysis"),
        allow(["batch:TerminateJob"], [Sub("arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job/*")],
              sid="StopAnalysis"),
        allow(["events:DescribeRule", "events:PutRule", "events:PutTargets"], [batch_rule], sid="BatchSyncRule"),
        allow(["sns:Publish"], [Ref(notifications.topic)], sid="Notify"),
    ]
    return add_state_machine_role(template, STATE_MACHINE_ROLE, description="AnalyzeMeal: only the integrations its "
                                  "states use", policy_name="analyze-meal", statements=statements, security=security)


def add_state_machine_role(template: Template, logical_id: str, *, description: str, policy_name: str,
                           statements: list[dict[str, Any]], security: SecurityResources) -> iam.Role:
    """A role Step Functions assumes (this account only): ``statements``, plus vended log delivery and
    X-Ray (no resource-level permissions) and the stack's data key when there is one."""
    statements = [
        *statements,
        allow(_LOG_DELIVERY_ACTIONS, ["*"], sid="LogDelivery"),
        allow(_XRAY_ACTIONS, ["*"], sid="XRay"),
        *security.data_key_statements(),
    ]
    return template.add_resource(iam.Role(
        logical_id,
        Description=description,
        AssumeRolePolicyDocument=assume_role_policy("states.amazonaws.com", source_account=True),
        Policies=[inline_policy(policy_name, statements)],
    ))


def add_logged_state_machine(template: Template, logical_id: str, *, log_group_id: str, name: str, log_suffix: str,
                             log_level: str, role: iam.Role, definition: Sub, config: Config,
                             security: SecurityResources) -> tuple[stepfunctions.StateMachine, logs.LogGroup]:
    """A STANDARD state machine traced with X-Ray, logging at ``log_level`` (no execution data) to its own
    log group ``/aws/vendedlogs/states/{stack}/{log_suffix}`` (encrypted with the stack key when there is one)."""
    log_group = template.add_resource(logs.LogGroup(
        log_group_id,
        # the /aws/vendedlogs/ prefix keeps CloudWatch Logs' resource policy within its size limit
        LogGroupName=f"/aws/vendedlogs/states/{config.stack_name}/{log_suffix}",
        RetentionInDays=config.log_retention_days,
        **({"KmsKeyId": security.key_arn} if security.key is not None else {}),
    ))
    state_machine = template.add_resource(stepfunctions.StateMachine(
        logical_id,
        StateMachineName=name,
        StateMachineType="STANDARD",
        RoleArn=GetAtt(role, "Arn"),
        DefinitionString=definition,
        LoggingConfiguration=stepfunctions.LoggingConfiguration(
            Level=log_level,
            IncludeExecutionData=False,
            Destinations=[stepfunctions.LogDestination(
                CloudWatchLogsLogGroup=stepfunctions.CloudWatchLogsLogGroup(LogGroupArn=GetAtt(log_group, "Arn")))],
        ),
        TracingConfiguration=stepfunctions.TracingConfiguration(Enabled=True),
    ))
    return state_machine, log_group


def add_orchestration(template: Template, *, config: Config, definition: dict[str, Any],
                      functions: FunctionsResources, storage: StorageResources, compute: ComputeResources,
                      notifications: NotificationResources, security: SecurityResources) -> OrchestrationResources:
    """Add the state machine for ``definition`` (ASL with placeholders), its role and log group."""
    role = _role(template, functions=functions, storage=storage, compute=compute, notifications=notifications,
                 security=security)
    values = placeholder_values(functions=functions, storage=storage, compute=compute, notifications=notifications)
    state_machine, log_group = add_logged_state_machine(
        template, STATE_MACHINE, log_group_id=STATE_MACHINE_LOG_GROUP, name=state_machine_name(config),
        log_suffix="analyze-meal", log_level="ALL", role=role, definition=definition_string(definition, values),
        config=config, security=security)
    return OrchestrationResources(state_machine, role, log_group)
