"""``${Name}`` placeholders of the state machine definition, resolved by ``Fn::Sub`` in the template.

The state machine never hard-codes an ARN or a name; ``templates/orchestration.py`` maps each of these
to a ``Ref``/``GetAtt`` of the resource it creates. One definition, imported by both.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Placeholder(str, enum.Enum):
    """Every value the definition takes from the stack."""

    VALIDATE_UPLOAD_FUNCTION_ARN = "ValidateUploadFunctionArn"
    NUTRITION_FUNCTION_ARN = "NutritionFunctionArn"
    JOBS_TABLE_NAME = "JobsTableName"
    JOB_QUEUE_ARN = "JobQueueArn"
    ON_DEMAND_JOB_QUEUE_ARN = "OnDemandJobQueueArn"
    CPU_JOB_QUEUE_ARN = "CpuJobQueueArn"
    CPU_ON_DEMAND_JOB_QUEUE_ARN = "CpuOnDemandJobQueueArn"
    CPU_JOB_DEFINITION_ARN = "CpuJobDefinitionArn"
    JOB_DEFINITION_ARN = "JobDefinitionArn"
    NOTIFICATION_TOPIC_ARN = "NotificationTopicArn"
    RESULTS_BUCKET_NAME = "ResultsBucketName"
    ANALYZE_MEAL_STATE_MACHINE_ARN = "AnalyzeMealStateMachineArn"
    """Only in BackfillMeals, which starts one AnalyzeMeal execution per video."""

    def ref(self) -> str:
        """The placeholder as it appears in the definition: ``${Name}``."""
        return "${" + self.value + "}"


def substitute(definition_json: str, values: Mapping[Placeholder, str]) -> str:
    """Resolve every ``${Name}`` in ``definition_json`` as ``Fn::Sub`` would (tests, embedded AWS).

    Raises ``KeyError`` naming the placeholders ``values`` lacks.
    """
    missing = [p.value for p in Placeholder if p.ref() in definition_json and p not in values]
    if missing:
        raise KeyError(f"no value for placeholders {missing}")
    for placeholder, value in values.items():
        definition_json = definition_json.replace(placeholder.ref(), value)
    return definition_json
