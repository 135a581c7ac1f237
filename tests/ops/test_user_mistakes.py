"""Every ``build.py`` subcommand given a representative mistake: one ``error: ...`` line saying what to
do, an exit code of its kind, and never a traceback (issue 12, point 3).

Runs in-process (``build.main``) so a traceback is an exception this test sees; nothing here needs an
embedded AWS: the AWS commands point at a port where none listens, ``local up`` at a busy one. Mistakes
that need a deployed stack (a job id that does not exist) are in ``tests/e2e/test_commands_on_stack.py``.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import build
from ops.errors import ExitCode


@pytest.fixture(scope="module")
def busy_port() -> Iterator[int]:
    """A port on 127.0.0.1 that something else listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        yield holder.getsockname()[1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


NOWHERE = ["--local", "--port", "9"]  # nothing listens on the discard port


def _mistakes(tmp: Path, busy: int) -> dict[str, tuple[list[str], ExitCode, str]]:
    """``{case: (argv, exit code, a phrase the error line must hold)}``, at least one per subcommand."""
    bad_meal = tmp / "bad.json"
    bad_meal.write_text('{"id": "x", "items": [{"name": "", "grams": -5}]}\n')
    not_json = tmp / "meal.txt"
    not_json.write_text("rice 150 g\n")
    return {
        "synth into a file": (["synth", "--out", str(bad_meal / "sub")], ExitCode.NOT_FOUND, "bad.json"),
        "lint with an unknown env": (["lint", "--env", "nowhere"], ExitCode.INVALID_INPUT, "nowhere"),
        "deploy without AWS": (["deploy", "--yes", *NOWHERE], ExitCode.NO_AWS, "local up"),
        "doctor without AWS": (["doctor", *NOWHERE], ExitCode.NO_AWS, "local up"),
        "diff without AWS": (["diff", *NOWHERE], ExitCode.NO_AWS, "local up"),
        "outputs without AWS": (["outputs", *NOWHERE], ExitCode.NO_AWS, "local up"),
        "destroy without a terminal": (["destroy", *NOWHERE], ExitCode.REFUSED, "--yes"),
        "drift locally": (["drift", *NOWHERE], ExitCode.NOT_AVAILABLE_LOCALLY, "not available"),
        "secrets set with no value": (["secrets", "set", "gemini-api-key", *NOWHERE], ExitCode.INVALID_INPUT,
                                      "--from-env"),
        "secrets from an unset variable": (["secrets", "set", "gemini-api-key", "--from-env", "NO_SUCH_VAR_12",
                                            *NOWHERE], ExitCode.INVALID_INPUT, "NO_SUCH_VAR_12"),
        "local up on a busy port": (["local", "up", "--port", str(busy)], ExitCode.BUSY, f"port {busy}"),
        "local up with missing models": (["local", "up", "--port", str(_free_port()), "--models",
                                          str(tmp / "no-models")], ExitCode.NOT_FOUND, "models sync"),
        "local down with nothing up": (["local", "down", "--port", str(_free_port())], ExitCode.NOT_FOUND,
                                       "no embedded AWS"),
        "run a missing video": (["run", str(tmp / "missing.mp4")], ExitCode.NOT_FOUND, "missing.mp4"),
        "status without AWS": (["status", "0" * 32, *NOWHERE], ExitCode.NO_AWS, "local up"),
        "logs without AWS": (["logs", "nosuch", *NOWHERE], ExitCode.NO_AWS, "local up"),
        # nutrition and data keep their documented statuses: 1 some meal refused, 2 the input unreadable
        "nutrition of a missing file": (["nutrition", str(tmp / "missing.json")], ExitCode.USAGE, "missing.json"),
        "nutrition of a text file": (["nutrition", str(not_json), "--table"], ExitCode.USAGE, "neither JSON"),
        "nutrition of a bad meal": (["nutrition", str(bad_meal), "--table"], ExitCode.FAILED, "items[0].name"),
        "data refresh from a missing folder": (["data", "refresh", "--from", str(tmp / "no-fdc")], ExitCode.USAGE,
                                               "food.csv"),
        "models random into a file": (["models", "random", str(bad_meal), "--size", "tiny"], ExitCode.NOT_FOUND,
                                      "bad.json"),
        "openapi into a missing folder": (["openapi", "--out", str(tmp / "none" / "api.json")], ExitCode.NOT_FOUND,
                                          "api.json"),
        "cost with a negative count": (["cost", "--jobs-per-month", "-3"], ExitCode.USAGE, "--jobs-per-month"),
        "demo with missing models": (["demo", "--models", str(tmp / "no-models")], ExitCode.NOT_FOUND, "models sync"),
    }


def test_every_subcommand_is_covered() -> None:
    from tests.ops.test_cli import COMMANDS

    covered = {argv[0] for argv, _, _ in _mistakes(Path("/tmp"), 1).values()}
    assert set(COMMANDS) <= covered, sorted(set(COMMANDS) - covered)


@pytest.mark.parametrize("case", list(_mistakes(Path("/tmp"), 1)))
def test_a_mistake_is_one_error_line(case: str, tmp_path: Path, busy_port: int, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    argv, exit_code, phrase = _mistakes(tmp_path, busy_port)[case]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal, nothing typed
    monkeypatch.chdir(tmp_path)  # nothing a command writes lands in the repository

    try:
        code = build.main(argv)
    except SystemExit as exited:  # argparse: usage and one "build.py CMD: error: ..." line
        code = exited.code

    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ") or ": error: " in line]
    assert code == exit_code, (code, output[-2000:])
    if exit_code != ExitCode.FAILED:
        assert len(errors) == 1, output[-2000:]
        assert phrase in errors[0], errors[0]
    else:
        assert phrase in output, output[-2000:]
