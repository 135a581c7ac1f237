"""EventBridge bridge: rules deliver events to Lambda targets.

moto 5.2.5 matches an event (an S3 "Object Created" included) against each rule, but its
``Rule.send_to_targets`` knows only log groups, archives, SQS, event buses and API destinations: a
Lambda target raises ``NotImplementedError``, which S3's notification code swallows, so an upload
never reaches ``start_analysis``. Here Lambda targets are invoked asynchronously (invocation type
``Event``, as EventBridge does) with the event, the target's constant ``Input`` or its
``InputTransformer`` output; S3's numeric ``time`` becomes the ISO-8601 string EventBridge sends.
Other targets keep moto's behaviour. A disabled rule (``aws events disable-rule``) delivers nothing,
as on AWS; moto delivers regardless of the rule's state.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from typing import Any

from moto.awslambda.utils import get_backend as lambda_backend
from moto.events.models import Rule
from moto.events.utils import EventTemplateParser
from moto.utilities.arns import parse_arn

_original_send_to_targets = Rule.send_to_targets


def _iso_time(event: dict[str, Any]) -> dict[str, Any]:
    if isinstance(event.get("time"), (int, float)):
        event = {**event, "time": datetime.fromtimestamp(event["time"], tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return event


def target_input(target: dict[str, Any], event: dict[str, Any], transform_input: bool) -> Any:
    """What EventBridge sends the target: constant ``Input``, the transformed event, or the event."""
    if "Input" in target:
        return json.loads(target["Input"])
    transformer = target.get("InputTransformer")
    if transform_input and transformer:
        return EventTemplateParser.parse(
            input_template=transformer.get("InputTemplate"),
            input_paths_map=transformer.get("InputPathsMap", {}),
            event=event,
        )
    return event


def _send_to_targets(self: Rule, original_event: dict[str, Any], transform_input: bool = True) -> None:
    if self.state != "ENABLED" or not self.event_pattern.matches_event(original_event):
        return
    event = _iso_time(copy.deepcopy(original_event))
    lambda_targets = [t for t in self.targets if parse_arn(t["Arn"]).service == "lambda"]
    for target in lambda_targets:
        arn = parse_arn(target["Arn"])
        lambda_backend(arn.account, arn.region).invoke(
            function_name=target["Arn"],
            qualifier=None,
            body=json.dumps(target_input(target, event, transform_input)),
            headers={"x-amz-invocation-type": "Event"},
            response_headers={},
        )
    others = [t for t in self.targets if t not in lambda_targets]
    if others:
        rest = copy.copy(self)
        rest.targets = others
        _original_send_to_targets(rest, original_event, transform_input)  # moto's targets expect its own event


def install() -> None:
    Rule.send_to_targets = _send_to_targets  # type: ignore[method-assign]


def uninstall() -> None:
    Rule.send_to_targets = _original_send_to_targets  # type: ignore[method-assign]
