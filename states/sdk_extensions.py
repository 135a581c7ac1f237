"""Fields of the Amazon States Language that the ``stepfunctions`` 2.3.0 SDK predates.

The SDK builds each state's JSON from ``allowed_fields()``, turning ``snake_case`` field names into
``PascalCase`` keys. It has no ``ResultSelector`` on tasks, no ``MaxDelaySeconds``/``JitterStrategy``
on retriers, no ``CausePath`` on Fail states, and it derives the integration ARN's partition from
the local boto3 session. The subclasses here add exactly those fields, and take the partition from
the deployment region, so the definition is the same on every machine.
"""

from __future__ import annotations

import enum
from typing import Any

from stepfunctions.steps import compute, service, states
from stepfunctions.steps.fields import Field


class ExtraField(enum.Enum):
    """ASL fields missing from :class:`stepfunctions.steps.fields.Field` (values are snake_case)."""

    ResultSelector = "result_selector"
    MaxDelaySeconds = "max_delay_seconds"
    JitterStrategy = "jitter_strategy"
    CausePath = "cause_path"
    ErrorPath = "error_path"


class JitterStrategy(str, enum.Enum):
    FULL = "FULL"
    NONE = "NONE"


def partition_for_region(region: str) -> str:
    """AWS partition of ``region`` (``aws``, ``aws-cn`` or ``aws-us-gov``)."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def integration_arn(region: str, service_name: str, api: str, *, sync: bool = False) -> str:
    """``arn:{partition}:states:::{service}:{api}[.sync]`` for an optimized integration."""
    suffix = ".sync" if sync else ""
    return f"arn:{partition_for_region(region)}:states:::{service_name}:{api}{suffix}"


class Retry(states.Retry):
    """A retrier with ``MaxDelaySeconds`` (s) and ``JitterStrategy``."""

    def allowed_fields(self) -> list[Any]:
        return [*super().allowed_fields(), ExtraField.MaxDelaySeconds, ExtraField.JitterStrategy]


class Fail(states.Fail):
    """A Fail state that may take its cause or error from the input (``CausePath``/``ErrorPath``)."""

    def allowed_fields(self) -> list[Any]:
        return [*super().allowed_fields(), ExtraField.CausePath, ExtraField.ErrorPath]


class _WithResultSelector:
    """Adds ``ResultSelector`` to a Task subclass and pins its ``Resource`` to ``resource_arn``."""

    def _finish(self, resource_arn: str) -> None:
        self.fields[Field.Resource.value] = resource_arn  # type: ignore[attr-defined]

    def allowed_fields(self) -> list[Any]:
        return [*super().allowed_fields(), ExtraField.ResultSelector]  # type: ignore[misc]


class LambdaInvokeStep(_WithResultSelector, compute.LambdaStep):
    """``lambda:invoke`` (request/response) with ``ResultSelector``."""

    def __init__(self, state_id: str, *, region: str, **kwargs: Any) -> None:
        super().__init__(state_id, **kwargs)
        self._finish(integration_arn(region, "lambda", "invoke"))


class BatchSubmitJobSyncStep(_WithResultSelector, compute.BatchSubmitJobStep):
    """``batch:submitJob.sync`` (waits for the job to finish) with ``ResultSelector``."""

    def __init__(self, state_id: str, *, region: str, **kwargs: Any) -> None:
        super().__init__(state_id, wait_for_completion=True, **kwargs)
        self._finish(integration_arn(region, "batch", "submitJob", sync=True))


class DynamoDBUpdateItemStep(_WithResultSelector, service.DynamoDBUpdateItemStep):
    """``dynamodb:updateItem`` with ``ResultSelector``."""

    def __init__(self, state_id: str, *, region: str, **kwargs: Any) -> None:
        super().__init__(state_id, **kwargs)
        self._finish(integration_arn(region, "dynamodb", "updateItem"))


class DynamoDBGetItemStep(_WithResultSelector, service.DynamoDBGetItemStep):
    """``dynamodb:getItem`` with ``ResultSelector``."""

    def __init__(self, state_id: str, *, region: str, **kwargs: Any) -> None:
        super().__init__(state_id, **kwargs)
        self._finish(integration_arn(region, "dynamodb", "getItem"))


class SnsPublishStep(_WithResultSelector, service.SnsPublishStep):
    """``sns:publish`` with ``ResultSelector``."""

    def __init__(self, state_id: str, *, region: str, **kwargs: Any) -> None:
        super().__init__(state_id, **kwargs)
        self._finish(integration_arn(region, "sns", "publish"))
