"""The embedded AWS: moto's server on 127.0.0.1 with state machines executing and the bridges on.

::

    with EmbeddedAws(port=0) as aws:          # port 0: any free port
        aws.client("s3").create_bucket(Bucket="videos")
        print(aws.endpoint_url)                 # http://127.0.0.1:PORT, for `aws --endpoint-url`

One per process: moto's backends, the bridges and ``MOTO_PORT`` are process-wide.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

import boto3
from moto.batch.models import batch_backends
from moto.moto_api._internal.models import moto_api_backend
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from moto.stepfunctions.parser.models import stepfunctions_parser_backends
from werkzeug.serving import make_server

from local_aws.bridges import BridgeSettings, install_bridges, uninstall_bridges
from local_aws.bridges.apigateway import ApiGatewayBridge
from local_aws.sessions import embedded_session

HOST = "127.0.0.1"
DEFAULT_REGION = "us-east-1"


@contextlib.contextmanager
def stop_requested() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM while inside (Ctrl-C, `local down`); the handlers before are restored."""
    stopping = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stopping
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class EmbeddedAwsError(RuntimeError):
    """The embedded AWS cannot start (port taken, another one running, bad models directory)."""


def check_models_dir(models_dir: Path | str | None) -> None:
    """A ``--models`` folder must exist; the error says how to fill one."""
    if models_dir is not None and not Path(models_dir).is_dir():
        raise NotADirectoryError(
            f"--models {models_dir}: no such folder. Fetch the configured weights into it with `python build.py models "
            f"sync {models_dir}` (about 1 GB, needs internet) or write random stand-ins with `python build.py models "
            f"random {models_dir} --size tiny`")


class _LoopbackServer(ThreadedMotoServer):
    """moto's threaded server with the API Gateway bridge in front; a failed bind is reported, not hung on."""

    def __init__(self, *, port: int, region: str, endpoint_url: Any) -> None:
        super().__init__(ip_address=HOST, port=port, verbose=False)
        self._region = region
        self._endpoint_url = endpoint_url
        self.error: OSError | None = None

    def _server_entry(self) -> None:
        app = ApiGatewayBridge(DomainDispatcherApplication(create_backend_app),
                               endpoint_url=self._endpoint_url, region=self._region)
        try:
            self._server = make_server(self._ip_address, self._port, app, True, request_handler=MotoRequestHandler)
        except (OSError, SystemExit) as error:  # werkzeug exits when the port is taken
            self.error = OSError(f"address in use or unavailable ({error!r})")
            self._server_ready_event.set()
            return
        self._server_ready_event.set()
        self._server.serve_forever()


class EmbeddedAws:
    """moto's server on loopback, executing state machines, with every bridge installed."""

    _running: ClassVar["EmbeddedAws | None"] = None

    def __init__(self, port: int = 0, models_dir: Path | str | None = None, region: str = DEFAULT_REGION) -> None:
        self.requested_port = port
        self.models_dir = Path(models_dir).resolve() if models_dir is not None else None
        self.region = region
        self._server: ThreadedMotoServer | None = None
        self._saved_moto_port: str | None = None
        self.endpoint_url = ""
        self.port = 0

    @classmethod
    def current(cls) -> "EmbeddedAws | None":
        """The embedded AWS running in this process, if any."""
        return cls._running

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> "EmbeddedAws":
        if EmbeddedAws._running is not None:
            raise EmbeddedAwsError(f"an embedded AWS already runs at {EmbeddedAws._running.endpoint_url}")
        check_models_dir(self.models_dir)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        # moto's ASL engine logs every Fail state as an ERROR with the whole state object; a failed job
        # is an expected outcome here, recorded in the execution history and on the job item
        logging.getLogger("moto.stepfunctions.parser.asl.component.eval_component").setLevel(logging.CRITICAL)
        server = _LoopbackServer(port=self.requested_port, region=self.region, endpoint_url=lambda: self.endpoint_url)
        server.start()
        if server.error is not None:
            raise EmbeddedAwsError(f"cannot listen on {HOST}:{self.requested_port}: {server.error}")
        _, self.port = server.get_host_and_port()
        self._server = server
        self.endpoint_url = f"http://{HOST}:{self.port}"
        self._saved_moto_port = os.environ.get("MOTO_PORT")
        os.environ["MOTO_PORT"] = str(self.port)  # moto's ASL engine calls services at localhost:$MOTO_PORT
        install_bridges(BridgeSettings(endpoint_url=self.endpoint_url, models_dir=self.models_dir))
        EmbeddedAws._running = self
        return self

    def stop(self) -> None:
        """Stop the server, running Batch processes included, and forget every resource."""
        if self._server is None:
            return
        for account in batch_backends.values():
            for backend in account.values():
                for job in list(backend._jobs.values()):
                    job.terminate("embedded AWS stopped")
        self._server.stop()
        self._server = None
        uninstall_bridges()
        moto_api_backend.reset()
        stepfunctions_parser_backends.reset()
        if self._saved_moto_port is None:
            os.environ.pop("MOTO_PORT", None)
        else:
            os.environ["MOTO_PORT"] = self._saved_moto_port
        EmbeddedAws._running = None

    def __enter__(self) -> "EmbeddedAws":
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def serve_forever(self, *, on_ready: Any = None) -> None:
        """Start, call ``on_ready(self)``, and serve until SIGINT/SIGTERM."""
        with stop_requested() as stopping, self:
            if on_ready is not None:
                on_ready(self)
            stopping.wait()

    # --- clients -----------------------------------------------------------------------------
    def environment(self) -> dict[str, str]:
        """Variables that point boto3 and the ``aws`` CLI at this server with fake credentials."""
        return BridgeSettings(endpoint_url=self.endpoint_url).aws_environment(self.region)

    def session(self) -> boto3.session.Session:
        """The calling thread's session with the fake credentials, made once (:mod:`local_aws.sessions`)."""
        return embedded_session(self.region)

    def client(self, service_name: str) -> Any:
        """A boto3 client for ``service_name`` bound to this server."""
        if not self.endpoint_url:
            raise EmbeddedAwsError("start the embedded AWS before asking for clients")
        return self.session().client(service_name, endpoint_url=self.endpoint_url)
