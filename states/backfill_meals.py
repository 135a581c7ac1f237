"""The BackfillMeals state machine: one AnalyzeMeal execution per video of a list, on the distributed engine.

::

    ReadSettings -> ApplyDefaults -> AnalyzeEachVideo (Distributed Map) -> BackfillDone
                                       ItemReader: s3:getObject of the video list (a JSON array)
                                       each item: AnalyzeVideo = states:startExecution.sync:2 AnalyzeMeal
                                       ResultWriter: s3:putObject, the children's results in the results bucket

The execution input is ``{"videos": {"bucket", "key"}}`` (the video list: a JSON array of AnalyzeMeal
inputs, :func:`pipeline.jobs.analysis_input`) and optionally ``"max_concurrency"`` and
``"tolerated_failure_percentage"``; ApplyDefaults fills them (``Config.backfill_max_concurrency``,
``backfill.tolerated_failure_percentage``) and the ResultWriter's prefix
(``backfills/{execution name}/results``, :func:`pipeline.layout.backfill_results_prefix`) when the
input has none. Each child execution is named after its job id, so ``build.py status JOB_ID`` and the
API follow it as any job. A child that fails (a bad video: its code is on the job item) fails its
item; the Map Run fails with ``States.ExceedToleratedFailureThreshold`` only when more than
``tolerated_failure_percentage`` percent of the items fail. No business logic lives here.
"""

from __future__ import annotations

import enum
from typing import Any

from stepfunctions.steps import Chain, Graph, Pass, Succeed

from pipeline.config import Config
from pipeline.layout import backfill_results_prefix
from states import policies
from states.placeholders import Placeholder
from states.sdk_extensions import DistributedMap, StartExecutionSyncStep, resource_arn

#: Where the Map's result (``MapRunArn`` and ``ResultWriterDetails``) goes in the execution's output.
MAP_RUN_PATH = "$.map_run"


class StateName(str, enum.Enum):
    """State names as they read in the Step Functions console."""

    READ_SETTINGS = "ReadSettings"
    APPLY_DEFAULTS = "ApplyDefaults"
    ANALYZE_EACH_VIDEO = "AnalyzeEachVideo"
    ANALYZE_VIDEO = "AnalyzeVideo"
    BACKFILL_DONE = "BackfillDone"


def _settings(config: Config) -> tuple[Pass, Pass]:
    """ReadSettings puts the defaults beside the input; ApplyDefaults merges them (the input wins)."""
    results_prefix = backfill_results_prefix("{}")
    read = Pass(StateName.READ_SETTINGS.value, comment="The defaults of this deployment beside the input.",
                parameters={"defaults": {"max_concurrency": config.backfill_max_concurrency,
                                         "tolerated_failure_percentage": config.backfill.tolerated_failure_percentage,
                                         "results_prefix.$": f"States.Format('{results_prefix}', $$.Execution.Name)"},
                            "given.$": "$"})
    apply = Pass(StateName.APPLY_DEFAULTS.value, comment="Input values over the defaults.",
                 parameters={"merged.$": "States.JsonMerge($.defaults, $.given, false)"}, output_path="$.merged")
    return read, apply


def _analyze_video(config: Config) -> StartExecutionSyncStep:
    """One AnalyzeMeal execution, named after the job, its input the list's item as it is."""
    task = StartExecutionSyncStep(
        StateName.ANALYZE_VIDEO.value,
        region=config.region,
        comment="Run AnalyzeMeal for one video and wait for it; it records the job's outcome itself.",
        parameters={"StateMachineArn": Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN.ref(),
                    "Name.$": "$.job_id", "Input.$": "$"},
        result_selector={"execution_arn.$": "$.ExecutionArn", "status.$": "$.Status"},
    )
    task.add_retry(policies.start_execution_retry())
    return task


def build_backfill_meals(config: Config) -> Graph:
    """The BackfillMeals machine as a ``stepfunctions`` graph."""
    read, apply = _settings(config)
    each_video = DistributedMap(
        StateName.ANALYZE_EACH_VIDEO.value,
        comment="One AnalyzeMeal execution per video of the list, at most max_concurrency at once.",
        item_reader={"Resource": resource_arn(config.region, "s3", "getObject"),
                     "ReaderConfig": {"InputType": "JSON"},
                     "Parameters": {"Bucket.$": "$.videos.bucket", "Key.$": "$.videos.key"}},
        max_concurrency_path="$.max_concurrency",
        tolerated_failure_percentage_path="$.tolerated_failure_percentage",
        result_writer={"Resource": resource_arn(config.region, "s3", "putObject"),
                       "Parameters": {"Bucket": Placeholder.RESULTS_BUCKET_NAME.ref(), "Prefix.$": "$.results_prefix"}},
        result_path=MAP_RUN_PATH,
    )
    each_video.attach_iterator(_analyze_video(config))
    return Graph(Chain([read, apply, each_video, Succeed(StateName.BACKFILL_DONE.value)]), comment=_COMMENT)


_COMMENT = "BackfillMeals: a list of videos -> one AnalyzeMeal execution each, on the distributed engine."


def build_backfill_meals_definition(config: Config) -> dict[str, Any]:
    """The ASL definition as a dict; ``${Name}`` placeholders remain for ``Fn::Sub``."""
    return build_backfill_meals(config).to_dict()
