"""EmbeddedAws: loopback only, any free port, clear errors, a clean stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from local_aws import EmbeddedAws, EmbeddedAwsError
from local_aws.bridges.settings import REPO_ROOT

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.skipif(EmbeddedAws.current() is not None, reason="another embedded AWS runs in this process"),
]


def test_listens_on_loopback_and_forgets_everything_on_stop() -> None:
    with EmbeddedAws(port=0) as aws:
        assert aws.endpoint_url == f"http://127.0.0.1:{aws.port}" and aws.port > 0
        assert EmbeddedAws.current() is aws
        assert aws._server is not None and aws._server._server.server_address[0] == "127.0.0.1"
        aws.client("s3").create_bucket(Bucket="kept-until-stop")
        with pytest.raises(EmbeddedAwsError, match="already runs"):
            EmbeddedAws(port=0).start()
    assert EmbeddedAws.current() is None
    with EmbeddedAws(port=0) as aws:
        assert aws.client("s3").list_buckets()["Buckets"] == []


def test_a_taken_port_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EmbeddedAwsError, match=f"cannot listen on 127.0.0.1:{port}"):
            EmbeddedAws(port=port).start()
    assert EmbeddedAws.current() is None


def test_a_missing_models_dir_is_a_clear_error(tmp_path: Path) -> None:
    """A missing --models folder is "not found" (build.py exits 4) and says how to fill it."""
    with pytest.raises(NotADirectoryError, match="no such folder") as raised:
        EmbeddedAws(models_dir=tmp_path / "absent").start()
    assert "models sync" in str(raised.value) and "models random" in str(raised.value)


def test_serve_forever_stops_on_sigterm() -> None:
    code = ("from local_aws import EmbeddedAws; "
            "EmbeddedAws(port=0).serve_forever(on_ready=lambda aws: print(aws.endpoint_url, flush=True))")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        endpoint = process.stdout.readline().strip()
        assert endpoint.startswith("http://127.0.0.1:")
        assert requests.get(f"{endpoint}/moto-api/", timeout=10).status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
