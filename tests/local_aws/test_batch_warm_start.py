"""Warm job starts: a ``python -m`` job forked from the warm server behaves as the same command started
cold (output, exit code, environment, working directory, kill), only sooner."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from local_aws.bridges.batch_warm_start import WarmServer

JOB_MODULE = '''
import atexit, os, sys, threading, time
atexit.register(lambda: print("atexit ran", flush=True))
print("env", os.environ.get("ONLY_IN_THE_JOB"), "HOME" in os.environ, flush=True)
print("cwd", os.getcwd(), "path0", sys.path[0], "argv", sys.argv[1:], flush=True)
print("torch already imported", "torch" in sys.modules, flush=True)
threading.Thread(target=lambda: (time.sleep(0.2), print("thread finished", flush=True))).start()
what = sys.argv[1]
if what == "raise":
    raise ValueError("the job's own error")
if what == "exit":
    sys.exit(int(sys.argv[2]))
if what == "message":
    sys.exit("a message for SystemExit")
if what == "sleep":
    time.sleep(60)
'''
ENV = {"ONLY_IN_THE_JOB": "yes", "PATH": "/usr/bin:/bin"}
CASES = [["ok"], ["raise"], ["exit", "3"], ["message"]]


@pytest.fixture(scope="module")
def server() -> WarmServer:
    warm = WarmServer()
    yield warm
    warm.close()


@pytest.fixture
def job_folder(tmp_path: Path) -> Path:
    (tmp_path / "warm_job_probe.py").write_text(JOB_MODULE)
    return tmp_path


def _command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "warm_job_probe", *arguments]


@pytest.mark.parametrize("arguments", CASES, ids=lambda arguments: arguments[0])
def test_a_warm_job_gives_what_the_same_command_gives_cold(server: WarmServer, job_folder: Path,
                                                           arguments: list[str]) -> None:
    cold = subprocess.run(_command(*arguments), cwd=job_folder, env=ENV, capture_output=True, text=True, timeout=60)
    warm = server.start_job(_command(*arguments), cwd=job_folder, env=ENV)
    assert warm is not None
    warm_stdout, warm_stderr = warm.stdout.read(), warm.stderr.read()

    assert warm.wait() == cold.returncode
    assert warm_stdout.replace("torch already imported True", "torch already imported False") == cold.stdout
    assert "torch already imported True" in warm_stdout  # it did start warm
    assert (warm_stderr.strip().splitlines() or [""])[-1] == (cold.stderr.strip().splitlines() or [""])[-1]


def test_the_job_sees_only_its_own_environment_directory_and_arguments(server: WarmServer, job_folder: Path) -> None:
    warm = server.start_job(_command("ok", "--flag"), cwd=job_folder, env=ENV)
    output = warm.stdout.read()

    assert warm.wait() == 0
    assert "env yes False" in output  # the server's HOME is not passed on
    assert f"cwd {job_folder} path0 {job_folder} argv ['ok', '--flag']" in output


def test_a_killed_job_ends_at_once_with_the_signal_as_a_cold_one_does(server: WarmServer, job_folder: Path) -> None:
    warm = server.start_job(_command("sleep"), cwd=job_folder, env=ENV)
    assert warm.poll() is None
    started = time.monotonic()
    warm.kill()

    assert warm.wait() == -9
    assert time.monotonic() - started < 10


def test_commands_other_than_python_dash_m_start_cold(server: WarmServer, job_folder: Path) -> None:
    assert server.start_job([sys.executable, "-c", "print(1)"], cwd=job_folder, env=ENV) is None
    assert server.start_job(["/bin/echo", "-m", "x"], cwd=job_folder, env=ENV) is None


def test_a_server_that_cannot_start_leaves_jobs_to_start_cold(job_folder: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("local_aws.bridges.batch_warm_start.__file__", str(job_folder / "no_such_server.py"))
    broken = WarmServer()

    assert broken.start_job(_command("ok"), cwd=job_folder, env=ENV) is None
    assert "no_such_server.py" in (broken.failure or "")
    broken.close()
