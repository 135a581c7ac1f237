"""Lambda bridge: each invocation's log lines go to the function's CloudWatch Logs group.

What a function prints or logs during an invocation is captured line by line with the time it was
written: ``print``, ``sys.stderr`` and every ``logging.StreamHandler`` pointed at the console,
including powertools' ``Logger``, whose handler keeps the ``sys.stdout`` it saw when the handler
module was first imported. The lines, framed by Lambda's ``START``/``END``/``REPORT`` lines, are
written to one new log stream ``YYYY/MM/DD/[VERSION]<id>`` of the function's log group:
``LoggingConfig.LogGroup`` when set (moto 5.2.5 ignores that property; this bridge applies it on
create and update, from the API and from CloudFormation) or ``/aws/lambda/<name>``. So
``build.py logs --local`` and ``aws logs filter-log-events`` read them back.

Handlers share this process with its other threads (the caller of ``build.py logs``, a test, moto's
server): only what the invocation's own threads write is captured; anything another thread writes
meanwhile goes where it would have gone.

``REPORT`` carries the measured duration, the billed duration (rounded up to 1 ms) and the configured
memory size; handlers share this process, so no per-invocation "Max Memory Used" exists to report.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from moto.awslambda.models import LambdaFunction

_originals: dict[str, Any] = {}
_log = logging.getLogger(__name__)


class InvocationOutput(io.TextIOBase):
    """A text stream that keeps complete lines with the time (ms since the epoch) each was written."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[int, str]] = []
        self._partial = ""
        self._lock = threading.Lock()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        with self._lock:
            *complete, self._partial = (self._partial + text).split("\n")
            now = int(time.time() * 1000)
            self.lines.extend((now, line) for line in complete)
        return len(text)

    def finish(self) -> list[tuple[int, str]]:
        """All lines, the unterminated last one included."""
        with self._lock:
            if self._partial:
                self.lines.append((int(time.time() * 1000), self._partial))
                self._partial = ""
            return list(self.lines)

    def getvalue(self) -> str:
        return "\n".join(line for _, line in self.finish())


class InvocationStream(io.TextIOBase):
    """What ``sys.stdout``, ``sys.stderr`` and the console logging handlers write to during one
    invocation: the invocation's threads (those in ``threads``) write to its ``output``, every other
    thread to the stream it would have used (``elsewhere``)."""

    def __init__(self, output: InvocationOutput, elsewhere: Any, threads: set[int]) -> None:
        super().__init__()
        self.output, self.elsewhere, self._threads = output, elsewhere, threads

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if threading.get_ident() in self._threads:
            return self.output.write(text)
        return self.elsewhere.write(text)

    def flush(self) -> None:
        if threading.get_ident() not in self._threads and not getattr(self.elsewhere, "closed", False):
            self.elsewhere.flush()


def _is_powertools(handler: logging.Handler) -> bool:
    """A handler powertools' Logger made: in Lambda it writes to the function's stdout, i.e. its log.

    It keeps the stdout of the moment its module was imported, which in a long-lived process (tests,
    ``local up``) may be any earlier stream, so it is recognised by its formatter, not its stream.
    """
    try:
        from aws_lambda_powertools.logging.formatter import BasePowertoolsFormatter
    except ImportError:  # pragma: no cover - powertools is in every Lambda group
        return False
    return isinstance(handler.formatter, BasePowertoolsFormatter)


def _console_handlers(consoles: tuple[Any, ...]) -> list[logging.StreamHandler]:
    """Stream handlers writing to a console stream, an earlier invocation's output or a closed stream,
    and every powertools handler."""
    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    return [handler for logger in loggers for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler)
            and not isinstance(getattr(type(handler), "stream", None), property)  # follows sys.stderr itself
            and (isinstance(handler.stream, (InvocationOutput, InvocationStream))
                 or getattr(handler.stream, "closed", False)
                 or any(handler.stream is c for c in consoles) or _is_powertools(handler))]


def _point(handler: logging.StreamHandler, stream: Any) -> None:
    """``handler.setStream`` without flushing the old stream, which may be closed."""
    handler.acquire()
    try:
        handler.stream = stream
    finally:
        handler.release()


@contextlib.contextmanager
def capture_output(output: InvocationOutput, threads: set[int]) -> Iterator[None]:
    """Send what ``threads`` (thread idents; the caller adds the handler's thread when it starts) write
    to stdout, stderr and console logging handlers to ``output`` (callers hold the invoke lock)."""
    consoles = tuple(s for s in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__) if s is not None)
    moved = [(handler, handler.stream) for handler in _console_handlers(consoles)]
    for handler, stream in moved:
        _point(handler, InvocationStream(output, _outside(stream), threads))
    try:
        with contextlib.redirect_stdout(InvocationStream(output, _outside(sys.stdout), threads)), \
                contextlib.redirect_stderr(InvocationStream(output, _outside(sys.stderr), threads)):
            yield
    finally:
        for handler, stream in moved:
            if isinstance(handler.stream, InvocationStream) and handler.stream.output is output:
                _point(handler, stream)


def _outside(stream: Any) -> Any:
    """Where another thread's writes go: ``stream``, or for an earlier invocation's leftover stream (a
    handler that outlived its timeout) what that one sent elsewhere."""
    while isinstance(stream, InvocationStream):
        stream = stream.elsewhere
    return stream if stream is not None else io.StringIO()


def log_group_of(fn: LambdaFunction) -> str:
    return fn.logs_group_name


def write_invocation_log(fn: LambdaFunction, request_id: str, lines: list[tuple[int, str]], started: float,
                         finished: float) -> list[str]:
    """Frame ``lines`` with START/END/REPORT, write them to a new stream; returns the messages."""
    duration_ms = (finished - started) * 1000
    start_ms, end_ms = int(started * 1000), int(finished * 1000)
    events = [(start_ms, f"START RequestId: {request_id} Version: {fn.version}"),
              *((stamp, line) for stamp, line in lines if line.strip()),
              (end_ms, f"END RequestId: {request_id}"),
              (end_ms, f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\t"
                       f"Billed Duration: {max(1, math.ceil(duration_ms))} ms\tMemory Size: {fn.memory_size} MB")]
    date = datetime.fromtimestamp(started, tz=timezone.utc)
    stream = f"{date:%Y/%m/%d}/[{fn.version}]{uuid.uuid4().hex}"
    backend = fn.logs_backend
    try:
        backend.ensure_log_group(log_group_of(fn))
        backend.create_log_stream(log_group_of(fn), stream)
        backend.put_log_events(log_group_of(fn), stream, [{"timestamp": t, "message": m} for t, m in events])
    except Exception as error:  # noqa: BLE001 - a log that cannot be written does not fail the invocation
        _log.warning("%s: log lines not written to %s: %r", fn.function_name, log_group_of(fn), error)
    return [message for _, message in events]


# --- LoggingConfig.LogGroup, which moto 5.2.5 ignores ------------------------------------------
def _apply_logging_config(fn: LambdaFunction, properties: dict[str, Any] | None) -> None:
    group = ((properties or {}).get("LoggingConfig") or {}).get("LogGroup")
    if group:
        fn.logs_group_name = group
        fn.logging_config = {"LogFormat": "Text", **(properties or {})["LoggingConfig"]}


def _init(self: LambdaFunction, *args: Any, **kwargs: Any) -> None:
    _originals["__init__"](self, *args, **kwargs)
    self.logging_config = {"LogFormat": "Text", "LogGroup": self.logs_group_name}
    spec = args[1] if len(args) > 1 else kwargs.get("spec")
    _apply_logging_config(self, spec if isinstance(spec, dict) else None)


def _create_from_cloudformation_json(cls: type, resource_name: str, cloudformation_json: dict[str, Any],
                                     account_id: str, region_name: str, **kwargs: Any) -> LambdaFunction:
    fn = _originals["create_from_cloudformation_json"].__func__(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    _apply_logging_config(fn, cloudformation_json.get("Properties"))
    return fn


def _update_configuration(self: LambdaFunction, config_updates: dict[str, Any]) -> Any:
    result = _originals["update_configuration"](self, config_updates)
    _apply_logging_config(self, config_updates)
    return result


def _get_configuration(self: LambdaFunction, *args: Any, **kwargs: Any) -> dict[str, Any]:
    configuration = _originals["get_configuration"](self, *args, **kwargs)
    configuration["LoggingConfig"] = dict(getattr(self, "logging_config", {"LogGroup": self.logs_group_name}))
    return configuration


_PATCHES = {
    "__init__": _init,
    "create_from_cloudformation_json": classmethod(_create_from_cloudformation_json),
    "update_configuration": _update_configuration,
    "get_configuration": _get_configuration,
}


def install() -> None:
    for name, replacement in _PATCHES.items():
        _originals.setdefault(name, LambdaFunction.__dict__[name])
        setattr(LambdaFunction, name, replacement)


def uninstall() -> None:
    for name in _PATCHES:
        if name in _originals:
            setattr(LambdaFunction, name, _originals[name])
