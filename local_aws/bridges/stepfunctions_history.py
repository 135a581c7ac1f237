"""Step Functions bridge: ``GetExecutionHistory`` honours ``reverseOrder``, ``maxResults`` and ``nextToken``.

moto 5.2.5's response handler reads only ``executionArn`` and always returns every event oldest
first, so a client asking for the newest events (``reverseOrder=True``, as ``build.py run`` and the
console do) gets the oldest ones: ``ExecutionStarted``, then the first state. Here the events are
ordered and paged as Step Functions documents: at most ``maxResults`` (1..1000, default 100) per
page and a ``nextToken`` while more remain.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from moto.core.responses import ActionResult
from moto.stepfunctions.exceptions import InvalidToken
from moto.stepfunctions.responses import StepFunctionResponse

#: Step Functions' page size when ``maxResults`` is absent or 0, and its largest allowed value.
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000

_original = StepFunctionResponse.get_execution_history


def _token(offset: int, arn: str, reverse: bool) -> str:
    return base64.urlsafe_b64encode(json.dumps([offset, arn, reverse]).encode()).decode()


def _offset(token: str | None, arn: str, reverse: bool) -> int:
    """Where the page a ``nextToken`` names starts; a token of another request starts nowhere."""
    if not token:
        return 0
    try:
        offset, token_arn, token_reverse = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError):
        offset, token_arn, token_reverse = -1, None, None
    if token_arn != arn or token_reverse != reverse or not isinstance(offset, int) or offset < 0:
        raise InvalidToken("the nextToken does not belong to this request")
    return offset


def page_of_events(events: list[dict[str, Any]], *, arn: str, reverse: bool, max_results: int | None,
                   next_token: str | None) -> dict[str, Any]:
    """One page of ``events`` (oldest first as recorded) as ``GetExecutionHistory`` answers it."""
    ordered = list(reversed(events)) if reverse else list(events)
    size = min(max_results or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    start = _offset(next_token, arn, reverse)
    page: dict[str, Any] = {"events": ordered[start:start + size]}
    if start + size < len(ordered):
        page["nextToken"] = _token(start + size, arn, reverse)
    return page


def _get_execution_history(self: StepFunctionResponse) -> ActionResult:
    arn = self._get_param("executionArn")
    history = self.stepfunction_backend.get_execution_history(arn)
    return ActionResult(page_of_events(
        list(history["events"]), arn=arn, reverse=bool(self._get_param("reverseOrder")),
        max_results=self._get_param("maxResults"), next_token=self._get_param("nextToken")))


def install() -> None:
    StepFunctionResponse.get_execution_history = _get_execution_history  # type: ignore[method-assign]


def uninstall() -> None:
    StepFunctionResponse.get_execution_history = _original  # type: ignore[method-assign]
