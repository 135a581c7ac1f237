"""Every ``build.py`` command the README shows parses as written (issue 12, point 8, first part).

Commands come from the README's fenced ``sh`` blocks, its inline code and its commands table; each is
classified (``build.py``, ``aws``, shell set-up, ``make``) and every ``build.py`` one is parsed by the
real parser after its placeholders (``$JOB_ID``, ``DIR``, ``[--json]``...) are given example values.
Every variant parses here in a second; ``test_readme_runs.py`` runs each command once, as written,
against an embedded AWS.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import build

README = Path(build.__file__).resolve().parent / "README.md"
#: Example values for the README's placeholders.
PLACEHOLDERS = {
    "$JOB_ID": "0" * 32, "$VIDEOS": "videos-bucket", "$ARN": "arn:aws:states:us-east-1:1:stateMachine:m",
    "$MODELS_BUCKET": "models-bucket", "COMMAND": "synth", "FILE": "meal.json", "DIR": "models", "VIDEO": "meal.mp4",
    "JOB_ID": "0" * 32, "K": "5", "N": "4566", "URI": "repo/image:tag", "NAME": "nutrition-video-dev",
    "VAR": "GEMINI_API_KEY", "FUNCTION": "upload", "DEST": "models", "path/to/meal.mp4": "meal.mp4", "P": "10",
}
SHELL_SETUP = ("export ", "echo ", "source ", "make ")


def _sh_lines(text: str) -> list[str]:
    """Command lines of the fenced ``sh`` blocks, continuations joined, comments dropped."""
    lines: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command:
                lines.append(command)
    return lines


def _inline_build_commands(text: str) -> list[str]:
    """``build.py`` invocations in inline code: ``python build.py ...`` and the table's first column."""
    inline = [m for m in re.findall(r"`([^`\n]+)`", text)
              if re.match(r"(\.venv/bin/)?python build\.py \w", m)]  # `python build.py ...` is not a command
    table = [re.split(r"(?<!\\)\|", row)[1].strip().strip("`") for row in text.splitlines()
             if row.startswith("| `") and text.index("## Commands") < text.index(row) < text.index("### The embedded AWS")]
    return inline + ["python build.py " + cell.replace("`, `", " ;; ").replace("` / `", " ;; ") for cell in table]


def _variants(command: str) -> list[list[str]]:
    """The argument lists a README command stands for: ``a ;; b`` (the table's ``a`, `b``), ``[--x]`` both
    ways, the first of ``[--a | --b]`` and ``tiny|full``."""
    words = command.split("build.py", 1)[1].replace("\\|", "|")
    for placeholder, value in sorted(PLACEHOLDERS.items(), key=lambda kv: -len(kv[0])):
        words = re.sub(rf"(?<![\w-]){re.escape(placeholder)}(?![\w-])", value, words)
    words = words.replace("tiny|full", "tiny")
    variants: list[list[str]] = []
    for alternative in words.split(" ;; "):
        optional = re.findall(r"\[([^\[\]]+)\]", alternative)
        required = re.sub(r"\[[^\[\]]+\]", " ", alternative)
        for with_options in (False, True):
            text = required + (" " + " ".join(o.split(" | ")[0] for o in optional) if with_options else "")
            if alternative.lstrip().startswith(("local", "models")) and "|" in required:
                text = text.replace(" | ", " ")
            argv = shlex.split(text)
            if argv and argv not in variants:
                variants.append(argv)
    return variants


def readme_build_commands() -> list[list[str]]:
    text = README.read_text()
    commands = [line for line in _sh_lines(text) if "build.py" in line] + _inline_build_commands(text)
    found: list[list[str]] = []
    for command in commands:
        for argv in _variants(command):
            if argv not in found:
                found.append(argv)
    return found


def test_every_sh_line_is_a_known_kind() -> None:
    unknown = [line for line in _sh_lines(README.read_text())
               if "build.py" not in line and not line.startswith(("aws ", *SHELL_SETUP))]
    assert not unknown


def test_readme_shows_every_subcommand() -> None:
    from tests.ops.test_cli import COMMANDS

    shown = {argv[0] for argv in readme_build_commands()}
    assert set(COMMANDS) - {"demo"} <= shown, sorted(set(COMMANDS) - shown)


@pytest.mark.parametrize("argv", readme_build_commands(), ids=lambda argv: " ".join(argv))
def test_readme_build_command_parses(argv: list[str]) -> None:
    parser = build.build_parser(argv[0])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exited:
        if exited.code == 0 and "--help" in argv:
            return
        pytest.fail(f"`python build.py {' '.join(argv)}` does not parse (exit {exited.code})")
    assert callable(args.handler)
