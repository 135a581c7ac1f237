"""What ends a job whose execution could not: Step Functions' "Execution Status Change" events of the
AnalyzeMeal machine with status FAILED, TIMED_OUT or ABORTED, on the default event bus -> the
``execution_ended`` function, which marks the job FAILED unless it already is final
(``lambdas/execution_ended/handler.py``).

Delivery follows the upload rule's convention (``templates.triggers.add_lambda_rule``): bounded
retries, an encrypted dead-letter queue watched by an alarm in ``templates.monitoring``.
"""

from __future__ import annotations

from troposphere import Template

from pipeline.config import Config
from pipeline.jobs import EXECUTION_END_CODES
from templates.functions import FunctionResources
from templates.orchestration import OrchestrationResources
from templates.security import SecurityResources
from templates.triggers import RuleResources, add_lambda_rule

EXECUTION_ENDED_RULE = "ExecutionEndedRule"
DEAD_LETTER_QUEUE = "ExecutionEndedEventsDeadLetterQueue"


def execution_ended_pattern(orchestration: OrchestrationResources) -> dict:
    """Status changes of this stack's AnalyzeMeal executions to FAILED, TIMED_OUT or ABORTED."""
    return {
        "source": ["aws.states"],
        "detail-type": ["Step Functions Execution Status Change"],
        "detail": {"status": sorted(EXECUTION_END_CODES), "stateMachineArn": [orchestration.arn]},
    }


def add_execution_ended_rule(template: Template, *, config: Config, orchestration: OrchestrationResources,
                             execution_ended: FunctionResources, security: SecurityResources) -> RuleResources:
    """Add the rule, its dead-letter queue (and queue policy) and the invoke permission."""
    return add_lambda_rule(
        template, rule_id=EXECUTION_ENDED_RULE, queue_id=DEAD_LETTER_QUEUE, queue_sid="ExecutionEndedRuleDeadLetters",
        description=f"{config.stack_name}: an analysis execution stopped, timed out or failed outside its Catch",
        pattern=execution_ended_pattern(orchestration), target_id="ExecutionEnded", function=execution_ended,
        security=security)
