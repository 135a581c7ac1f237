"""Fields of the Amazon States Language that the ``stepfunctions`` 2.3.0 SDK predates.

The SDK builds each state's JSON from ``allowed_fields()``, turning ``snake_case`` field names into
``PascalCase`` keys. It has no ``ResultSelector`` on tasks, no ``MaxDelaySeconds``/``JitterStrategy``
on retriers, no ``CausePath`` on Fail states, no Distributed Map (``ItemProcessor`` with its
``ProcessorConfig``, ``ItemReader``, ``ItemSelector``, ``ResultWriter``, ``ToleratedFailurePercentage``,
``MaxConcurrencyPath``, ``ToleratedFailurePercentagePath``), and it derives the integration ARN's partition from
the local boto3 session. The subclasses here add exactly those fields, and take the partition from
the deployment region, so the definition is the same on every machine.

The SDK's own partition lookup still runs in every Task's constructor (its ARN is then replaced) and costs
about 0.4 s each time: it builds three boto3 sessions and parses botocore's endpoint data anew. It is
answered here from the session region's name with one reused session (:func:`_session_partition`), the
same answer in the ``aws``, ``aws-cn`` and ``aws-us-gov`` partitions.
"""

from __future__ import annotations

import enum
import functools
from typing import Any

import botocore.session
from stepfunctions.steps import compute, integration_resources, service, states
from stepfunctions.steps.fields import Field


class ExtraField(enum.Enum):
    """ASL fields missing from :class:`stepfunctions.steps.fields.Field` (values are snake_case)."""

    ResultSelector = "result_selector"
    MaxDelaySeconds = "max_delay_seconds"
    JitterStrategy = "jitter_strategy"
    CausePath = "cause_path"
    ErrorPath = "error_path"
    ItemReader = "item_reader"
    ItemSelector = "item_selector"
    ResultWriter = "result_writer"
    ToleratedFailurePercentage = "tolerated_failure_percentage"
    ToleratedFailurePercentagePath = "tolerated_failure_percentage_path"
    MaxConcurrencyPath = "max_concurrency_path"


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


@functools.cache
def _local_session() -> botocore.session.Session:
    return botocore.session.Session()


def _session_partition() -> str:
    """The partition of the local session's region (``aws`` without one): the SDK's ``get_aws_partition``
    without building sessions and re-reading botocore's endpoint data on every call. The region is read
    anew each time (environment, then config file), as a new session would read it."""
    region = _local_session().get_config_variable("region")
    return partition_for_region(region) if region else "aws"


integration_resources.get_aws_partition = _session_partition


def integration_arn(region: str, service_name: str, api: str, *, sync: bool = False, version: int | None = None) -> str:
    """``arn:{partition}:states:::{service}:{api}[.sync[:version]]`` for an optimized integration."""
    suffix = (".sync" if sync else "") + (f":{version}" if version is not None else "")
    return f"arn:{partition_for_region(region)}:states:::{service_name}:{api}{suffix}"


def resource_arn(region: str, service_name: str, api: str) -> str:
    """``arn:{partition}:states:::{service}:{api}``: the ``Resource`` of an ItemReader or a ResultWriter."""
    return integration_arn(region, service_name, api)


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


class StartExecutionSyncStep(_WithResultSelector, service.StepFunctionsStartExecutionStep):
    """``states:startExecution.sync:2``: start a child execution and wait for it; its output arrives
    as JSON (``:2``), not as an escaped string."""

    def __init__(self, state_id: str, *, region: str, **kwargs: Any) -> None:
        super().__init__(state_id, **kwargs)
        self._finish(integration_arn(region, "states", "startExecution", sync=True, version=2))


class DistributedMap(states.Map):
    """A Map state in ``DISTRIBUTED`` mode: each item runs as a child workflow execution of
    ``execution_type`` (``STANDARD`` or ``EXPRESS``), the items come from ``item_reader`` (an S3 listing
    or an object), and ``result_writer`` exports the children's results to S3.

    ``iterator`` is the child workflow; it becomes ``ItemProcessor`` with its ``ProcessorConfig``
    (the SDK writes the inline Map's ``Iterator``, which a Distributed Map does not take).
    """

    def __init__(self, state_id: str, *, execution_type: str = "STANDARD", **kwargs: Any) -> None:
        super().__init__(state_id, **kwargs)
        self.execution_type = execution_type

    def allowed_fields(self) -> list[Any]:
        return [*super().allowed_fields(), ExtraField.ItemReader, ExtraField.ItemSelector, ExtraField.ResultWriter,
                ExtraField.ToleratedFailurePercentage, ExtraField.ToleratedFailurePercentagePath,
                ExtraField.MaxConcurrencyPath]

    def to_dict(self) -> dict[str, Any]:
        result = super().to_dict()
        processor = result.pop(Field.Iterator.name)
        result["ItemProcessor"] = {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": self.execution_type},
            **processor,
        }
        return result
