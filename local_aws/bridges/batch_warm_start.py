"""Warm job starts for the Batch bridge: a ``python -m MODULE ...`` job forks from a process that has
already imported the analysis task's heavy libraries, instead of starting a new interpreter.

A job of the analysis task spends about 5 of its 6-8 s importing torch and transformers before it reads
a frame (tiny models, 2 cores); a suite that runs a hundred jobs spends minutes on that alone. With
``EMBEDDED_AWS_WARM_JOBS=1`` the bridge starts one *warm server* per process on the first job: this file
run as a script, which imports :data:`WARM_MODULES` and then forks one child per job. The child becomes
the job as ``python -m MODULE args`` would: the job's environment (and nothing of the server's), its
working directory first on ``sys.path``, ``sys.argv``, stdout and stderr on the pipes the bridge reads,
stdin on ``/dev/null``, the module run as ``__main__``, non-daemon threads joined and ``atexit``
handlers run before it exits; an uncaught exception prints its traceback and exits 1, ``SystemExit``
exits with its code. The bridge sees it as it sees a process (``poll``/``wait``/``kill``,
a negative code for a signal), so attempts, timeouts, stops and logs behave as for a cold start.

Only third-party libraries are imported ahead, never this repository's modules, so a job always runs
the code as it is on disk. Off by default (the time a cold job takes is the honest local figure);
the test suite turns it on. Any other command, or a server that cannot start, runs as a new process.

The server speaks over a Unix socket, one connection per job: the client sends an 8-byte length with
the job's two pipe ends (``SCM_RIGHTS``), then that many bytes of JSON ``{"argv", "cwd", "env"}``;
the server answers ``pid N``, then ``exit CODE`` when the child ends, and kills the child on ``kill``
or when the client goes away. It exits, killing its children, when its stdin (held by the bridge's
process) closes. Standard library only: the server must not import the bridges (moto) it serves.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import logging
import os
import runpy
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

#: Third-party modules the analysis task (``python -m gpu_tasks.analyze``) imports that take seconds: the
#: warm server imports them once, and every job forks with them loaded.
WARM_MODULES = ("torch", "transformers.modeling_utils", "av", "numpy", "PIL.Image", "boto3", "pydantic")
_HEADER = struct.Struct("!Q")
_REAP_EVERY_S = 0.05


# --- the server (runs as a script) -------------------------------------------------------------
def _exit_code(code: Any) -> int:
    """The process exit code ``SystemExit(code)`` gives, as the interpreter computes it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run_as_main(module: str) -> int:
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as stop:
        code = _exit_code(stop.code)
    except BaseException:  # noqa: BLE001 - as the interpreter: print the traceback, exit 1
        sys.excepthook(*sys.exc_info())
        code = 1
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    return code


def _become_job(request: dict[str, Any], stdout_fd: int, stderr_fd: int) -> None:
    """In the forked child: turn into ``python -m MODULE args`` as the request describes; never returns."""
    code = 1
    try:
        stdin_fd = os.open(os.devnull, os.O_RDONLY)
        for source, target in ((stdin_fd, 0), (stdout_fd, 1), (stderr_fd, 2)):
            os.dup2(source, target)
            os.close(source)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        _, module, *arguments = request["argv"]
        sys.argv = [module, *arguments]  # runpy sets argv[0] to the module's file, as -m does
        sys.path.insert(0, request["cwd"])
        code = _run_as_main(module)
    finally:
        os._exit(code)


def _receive_request(connection: socket.socket) -> tuple[dict[str, Any], list[int]]:
    header, fds, _, _ = socket.recv_fds(connection, _HEADER.size, 2)
    (length,) = _HEADER.unpack(header)
    body = b""
    while len(body) < length:
        chunk = connection.recv(length - len(body))
        if not chunk:
            raise ConnectionError("the client went away mid-request")
        body += chunk
    return json.loads(body), fds


def serve(address: str) -> None:
    """Import :data:`WARM_MODULES`, listen at ``address``, print ``ready``, fork a job per connection."""
    for module in WARM_MODULES:
        importlib.import_module(module)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(sys.stdin, selectors.EVENT_READ)
    children: dict[int, socket.socket] = {}
    print("ready", flush=True)
    while True:
        for key, _ in selector.select(_REAP_EVERY_S):
            if key.fileobj is listener:
                connection, _ = listener.accept()
                try:
                    request, (stdout_fd, stderr_fd) = _receive_request(connection)
                except (ConnectionError, ValueError, OSError):
                    connection.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    selector.close()
                    listener.close()
                    for other in (connection, *children.values()):
                        other.close()
                    _become_job(request, stdout_fd, stderr_fd)
                os.close(stdout_fd)
                os.close(stderr_fd)
                children[pid] = connection
                selector.register(connection, selectors.EVENT_READ, pid)
                connection.sendall(f"pid {pid}\n".encode())
            elif key.fileobj is sys.stdin:
                if not os.read(sys.stdin.fileno(), 1024):  # the bridge's process is gone or closing
                    for pid in children:
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
                    return
            else:  # "kill", or the client went away: the job goes too
                with contextlib.suppress(ProcessLookupError):
                    os.kill(key.data, signal.SIGKILL)
                selector.unregister(key.fileobj)
        while children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            connection = children.pop(pid)
            with contextlib.suppress(KeyError, ValueError):
                selector.unregister(connection)
            with contextlib.suppress(OSError):
                connection.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
            connection.close()


# --- the bridge's side ---------------------------------------------------------------------------
class WarmJob:
    """A job the warm server forked, seen as ``subprocess.Popen`` sees a process (``stdout``, ``stderr``,
    ``poll``, ``wait``, ``kill``, ``returncode``)."""

    def __init__(self, connection: socket.socket, stdout: IO[str], stderr: IO[str]) -> None:
        self._connection = connection
        self._received = b""
        self.stdout, self.stderr = stdout, stderr
        self.returncode: int | None = None
        self.pid = int(self._next_message(block=True).removeprefix("pid "))

    def _next_message(self, *, block: bool) -> str | None:
        while b"\n" not in self._received:
            self._connection.setblocking(block)
            try:
                chunk = self._connection.recv(64)
            except BlockingIOError:
                return None
            if not chunk:  # the server is gone, and its children with it
                return f"exit {-signal.SIGKILL}"
            self._received += chunk
        line, self._received = self._received.split(b"\n", 1)
        return line.decode()

    def poll(self) -> int | None:
        if self.returncode is None and (message := self._next_message(block=False)) is not None:
            self.returncode = int(message.removeprefix("exit "))
            self._connection.close()
        return self.returncode

    def wait(self) -> int:
        while self.returncode is None:
            self.returncode = int(self._next_message(block=True).removeprefix("exit "))  # type: ignore[union-attr]
            self._connection.close()
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(OSError):
                self._connection.sendall(b"kill\n")


class WarmServer:
    """This process's warm server, started on first use; ``None`` from :meth:`start_job` means "start it
    cold" (a command that is not ``python -m``, or a server that could not start)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.failure: str | None = None

    @property
    def address(self) -> str:
        assert self._folder is not None
        return str(Path(self._folder.name) / "server.sock")

    def _ensure_running(self) -> bool:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                return True
            if self.failure is not None:
                return False
            self._folder = tempfile.TemporaryDirectory(prefix="warm-jobs-")
            log = Path(self._folder.name) / "server.log"
            with log.open("w") as errors:
                self._process = subprocess.Popen([sys.executable, __file__, self.address], stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE, stderr=errors, text=True,
                                                 cwd=self._folder.name)
            ready = self._process.stdout.readline().strip()  # type: ignore[union-attr]
            if ready != "ready":
                self._process.kill()
                self._process.wait()
                self.failure = (log.read_text().strip().splitlines() or ["it printed nothing"])[-1]
                logging.getLogger(__name__).warning("warm job starts are off, jobs start cold: the warm server "
                                                    "did not start: %s", self.failure)
                return False
            atexit.register(self.close)
            return True

    def start_job(self, command: list[str], *, cwd: Path, env: dict[str, str]) -> WarmJob | None:
        if len(command) < 3 or command[0] != sys.executable or command[1] != "-m" or not self._ensure_running():
            return None
        body = json.dumps({"argv": command[1:], "cwd": str(cwd), "env": env}).encode()
        stdout_read, stdout_write = os.pipe()
        stderr_read, stderr_write = os.pipe()
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(self.address)
            socket.send_fds(connection, [_HEADER.pack(len(body))], [stdout_write, stderr_write])
            connection.sendall(body)
        except OSError:
            connection.close()
            for fd in (stdout_read, stderr_read):
                os.close(fd)
            raise
        finally:
            os.close(stdout_write)
            os.close(stderr_write)
        return WarmJob(connection, open(stdout_read, errors="replace"), open(stderr_read, errors="replace"))

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                self._process.stdin.close()  # type: ignore[union-attr]
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._process.wait(timeout=10)
                self._process = None
            if self._folder is not None:
                self._folder.cleanup()
                self._folder = None


if __name__ == "__main__":
    sys.path.pop(0)  # this file's folder: its modules (s3.py, events.py, ...) must not shadow anything
    serve(sys.argv[1])
