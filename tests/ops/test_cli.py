"""build.py: readable errors instead of tracebacks, --help everywhere, synth writes the files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import build
from ops.errors import ExitCode

REPO = Path(build.__file__).resolve().parent
COMMANDS = ["synth", "lint", "deploy", "doctor", "diff", "outputs", "destroy", "drift", "secrets", "local", "run", "status",
            "logs", "nutrition", "data", "models", "openapi", "demo", "cost"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exited:
        build.main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: build.py" in capsys.readouterr().out


def test_missing_credentials_is_one_readable_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "none"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_EC2_METADATA_DISABLED": "true"}
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "outputs"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == ExitCode.NO_AWS
    assert "no AWS credentials" in result.stderr and "Traceback" not in result.stderr


def test_bad_environment_names_the_choices(capsys):
    assert build.main(["outputs", "--env", "nowhere"]) == ExitCode.INVALID_INPUT
    error = capsys.readouterr().err
    assert "nowhere" in error and "dev" in error and "prod" in error


def test_local_target_without_server_says_how_to_start_it(capsys):
    assert build.main(["outputs", "--local", "--port", "9"]) == ExitCode.NO_AWS
    assert "local up" in capsys.readouterr().err
