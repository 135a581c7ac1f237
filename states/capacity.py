"""What AWS Batch says when it gives up waiting for capacity: one definition for the queues that
cancel a stuck job (``templates.compute``) and the catcher that reads why (``states.analyze_meal``).

Source: the AWS Batch user guide, "Jobs stuck in a RUNNABLE status" and "Automatic remediation with
jobStateTimeLimitActions": a job cancelled by a queue's time limit action gets the status reason
``Canceled by JobStateTimeLimit action due to reason: <REASON>``, and a failed ``submitJob.sync``
task reports the job's description (``StatusReason`` included) as its error Cause.
"""

from __future__ import annotations

CAPACITY_REASONS = (
    "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
    "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
    "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
)
"""RUNNABLE reasons after which a queue's time limit action cancels a job. Only the first moves a
job from spot to on-demand; the others would fail there the same way."""
CANCELLED_BY_TIME_LIMIT = "Canceled by JobStateTimeLimit action"
"""The start of every status reason a job-state time limit action gives."""
CANCELLED_FOR_CAPACITY = f"{CANCELLED_BY_TIME_LIMIT} due to reason: {CAPACITY_REASONS[0]}"
"""The status reason of a job cancelled because no instance could be launched (spot had none)."""
