"""Lambda bridge: run a function's real handler in-process instead of in Docker.

moto 5.2.5 runs Lambda code only in Docker containers. This bridge replaces
``LambdaFunction.invoke``, the one method behind every invoke path (the Invoke API used by
``aws lambda invoke`` and by the Step Functions engine, EventBridge targets, S3 notifications), so
that it imports the function's ``Handler`` (``lambdas.api.handler.handler``) from the repository
and calls it with the event and a Lambda-like context, under the function's environment variables
plus the endpoint, fake credentials and the ``AWS_LAMBDA_*`` variables the runtime sets.

An exception is reported as Lambda reports it: header ``X-Amz-Function-Error: Unhandled`` and the
payload ``{"errorType": type(e).__name__, "errorMessage": str(e), "stackTrace": [...]}``, so Step
Functions sees ``Error == errorType``. Handlers share one process, and the environment is
process-wide: invocations run one at a time under a lock, each with its own environment. Each
invocation's output goes to the function's log group (``lambda_logs``); ``LogType=Tail`` returns
its last 4 KB, as Lambda does.

The function's ``Timeout`` is enforced: a handler still running after it is reported as Lambda
reports it (``errorType`` ``Sandbox.Timedout``, ``errorMessage`` "... Task timed out after N.00
seconds"), so Step Functions sees ``Error == "Sandbox.Timedout"``. Python cannot kill a thread: the
handler runs on in the background, its output no longer captured, and the next invocation proceeds.
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import json
import os
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from moto.awslambda.models import LambdaFunction

from local_aws.bridges.lambda_logs import InvocationOutput, capture_output, log_group_of, write_invocation_log
from local_aws.bridges.settings import BridgeSettings

_INVOKE_LOCK = threading.Lock()
#: Seconds an invocation waits for the one before it; a handler that synchronously invokes another
#: Lambda would otherwise wait forever (the lock is not re-entrant across threads).
LOCK_WAIT_S = 900.0
_original_invoke = LambdaFunction.invoke
TIMEOUT_ERROR = "Sandbox.Timedout"
"""The ``errorType`` of an invocation that ran past its function's ``Timeout``, as on AWS."""


@dataclass
class LambdaContext:
    """The attributes of the Lambda Python runtime's context object that handlers use."""

    function_name: str
    function_version: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    timeout_s: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = ""
    log_stream_name: str = ""
    _deadline: float = 0.0

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.timeout_s
        self.log_group_name = self.log_group_name or f"/aws/lambda/{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def resolve_handler(handler: str) -> Callable[[Any, Any], Any]:
    """Import ``package.module.function`` from the repository."""
    module_name, _, function_name = handler.rpartition(".")
    if not module_name:
        raise ValueError(f"Lambda Handler {handler!r} is not 'module.function'")
    return getattr(importlib.import_module(module_name), function_name)


_thread_environment = threading.local()


class _ThreadAwareEnviron(type(os.environ)):  # type: ignore[misc]
    """``os.environ`` whose contents a thread may replace for itself alone.

    The handler's thread sees its function's environment while every other thread (the state machine
    engine, the server, the tests) keeps seeing the process's. Swapping the process-wide mapping
    instead made readers in other threads fail half-way (``dict(os.environ)`` raising ``KeyError``
    for a key removed under it), which the ASL engine reported as ``States.Runtime``.
    """

    @property
    def _data(self) -> dict[bytes, bytes]:
        override = getattr(_thread_environment, "data", None)
        return override if override is not None else self.__dict__["_data"]

    @_data.setter
    def _data(self, value: dict[bytes, bytes]) -> None:
        self.__dict__["_data"] = value


def _thread_aware_environ() -> None:
    if not isinstance(os.environ, _ThreadAwareEnviron):
        os.environ.__class__ = _ThreadAwareEnviron


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` is ``values`` in this thread for the duration; other threads see no change."""
    _thread_aware_environ()
    environ = os.environ
    _thread_environment.data = {environ.encodekey(k): environ.encodevalue(v) for k, v in values.items()}
    try:
        yield
    finally:
        _thread_environment.data = None


def function_environment(fn: LambdaFunction, settings: BridgeSettings) -> dict[str, str]:
    """The environment a deployed function would see, pointed at the embedded AWS."""
    runtime = {
        "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
        "AWS_LAMBDA_FUNCTION_VERSION": str(fn.version),
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(fn.memory_size),
        "AWS_LAMBDA_LOG_GROUP_NAME": fn.logs_group_name,
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{fn.run_time}",  # what Lambda sets: the function's own runtime
        "_HANDLER": fn.handler or "",
    }
    variables = {k: str(v) for k, v in fn.environment_vars.items()}
    return {**settings.base_environment, **settings.aws_environment(fn.region), **runtime, **variables}


def _error_payload(error: BaseException) -> dict[str, Any]:
    return {
        "errorType": type(error).__name__,
        "errorMessage": str(error),
        "stackTrace": traceback.format_list([frame for frame in traceback.extract_tb(error.__traceback__)
                                             if frame.filename != __file__]),  # the handler's frames
    }


class _Timedout(Exception):
    pass


def _call_before_deadline(fn: LambdaFunction, event: Any, context: LambdaContext,
                          environment: Mapping[str, str], threads: set[int]) -> Any:
    """Call the handler on a thread under ``environment``; its result, its exception, or ``_Timedout``
    when it is still running after ``context.timeout_s``. The thread adds itself to ``threads`` (whose
    output the invocation captures) before the handler runs."""
    outcome: dict[str, Any] = {}

    def call() -> None:
        threads.add(threading.get_ident())
        with _environment(environment):
            try:
                outcome["result"] = resolve_handler(fn.handler or "")(event, context)
            except BaseException as error:  # noqa: BLE001 - re-raised in the invoking thread
                outcome["error"] = error

    worker = threading.Thread(target=call, name=f"lambda-{fn.function_name}", daemon=True)
    worker.start()
    worker.join(timeout=context.timeout_s)
    if worker.is_alive():
        raise _Timedout(f"RequestId: {context.aws_request_id} Error: Task timed out after "
                        f"{context.timeout_s:.2f} seconds")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def run_handler(fn: LambdaFunction, event: Any, settings: BridgeSettings) -> tuple[dict[str, Any] | Any, bool, str]:
    """Call the function's handler and write its log; returns ``(payload, errored, log text)``."""
    context = LambdaContext(
        function_name=fn.function_name,
        function_version=str(fn.version),
        invoked_function_arn=fn.function_arn,
        memory_limit_in_mb=int(fn.memory_size),
        timeout_s=int(fn.timeout),
        log_group_name=log_group_of(fn),
    )
    output = InvocationOutput()
    if not _INVOKE_LOCK.acquire(timeout=LOCK_WAIT_S):
        return _error_payload(TimeoutError(f"{fn.function_name}: another invocation held the runtime")), True, ""
    started = time.time()
    threads = {threading.get_ident()}
    try:
        with capture_output(output, threads):
            try:
                payload, errored = _call_before_deadline(fn, event, context, function_environment(fn, settings),
                                                         threads), False
            except _Timedout as timeout:
                print(f"{context.aws_request_id} Task timed out after {context.timeout_s:.2f} seconds")
                payload, errored = {"errorType": TIMEOUT_ERROR, "errorMessage": str(timeout)}, True
            except Exception as error:  # noqa: BLE001 - reported to the caller as Lambda does
                print(f"[ERROR] {type(error).__name__}: {error}")
                traceback.print_exception(error, file=output)
                payload, errored = _error_payload(error), True
    finally:
        _INVOKE_LOCK.release()
    messages = write_invocation_log(fn, context.aws_request_id, output.finish(), started, time.time())
    return payload, errored, "\n".join(messages) + "\n"


def _invoke_in_process(self: LambdaFunction, body: Any, request_headers: Any, response_headers: Any) -> bytes:
    settings = BridgeSettings.current()
    event = json.loads(body) if body else {}
    headers = {str(k).lower(): v for k, v in dict(request_headers or {}).items()}
    invocation_type = headers.get("x-amz-invocation-type", "RequestResponse")
    if invocation_type == "DryRun":
        return b""
    if invocation_type == "Event":
        threading.Thread(target=run_handler, args=(self, event, settings), name=f"lambda-event-{self.function_name}",
                         daemon=True).start()
        return b""
    payload, errored, log = run_handler(self, event, settings)
    if errored:
        response_headers["x-amz-function-error"] = "Unhandled"
    response_headers["x-amz-log-result"] = base64.b64encode(log.encode("utf-8")[-4096:]).decode("ascii")
    return json.dumps(payload, default=str).encode("utf-8")


def install() -> None:
    """Route every Lambda invocation to the in-process runtime."""
    LambdaFunction.invoke = _invoke_in_process  # type: ignore[method-assign]


def uninstall() -> None:
    LambdaFunction.invoke = _original_invoke  # type: ignore[method-assign]
