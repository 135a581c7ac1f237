"""cfn-lint for the templates and statelint for the state machine."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ops.synth import Synthesized, example_substitutions
from states.placeholders import substitute


@dataclass(frozen=True)
class LintProblem:
    """One finding: which document, how serious, what."""

    document: str
    level: str  # "error" | "warning" | "informational"
    message: str


def lint_template(name: str, template: dict, region: str) -> list[LintProblem]:
    """cfn-lint findings for one template."""
    from cfnlint.api import lint

    problems = []
    for match in lint(json.dumps(template), regions=[region]):
        level = str(getattr(match.rule, "severity", "error")).lower()
        where = f"{'/'.join(str(p) for p in (match.path or []))}" if getattr(match, "path", None) else ""
        problems.append(LintProblem(name, level, f"[{match.rule.id}] {match.message} {where}".strip()))
    return problems


STATELINT_SCHEMA_GAPS = (
    'Field "InputType" not allowed in ',
)
"""Findings of fields statelint's schema predates. ``ItemReader.ReaderConfig.InputType`` tells a
Distributed Map how to read an S3 object (AWS's ItemReader reference: "InputType ... Specifies the
type of Amazon S3 data source, such as CSV file, object, JSON file, or an Amazon S3 inventory list");
it is required for a JSON file."""


def lint_state_machine(definition: dict, name: str = "state machine") -> list[LintProblem]:
    """statelint findings for the ASL, with placeholders filled by example ARNs."""
    from statelint.config import Config as StatelintConfig
    from statelint.linter import Linter

    concrete = substitute(json.dumps(definition), example_substitutions())
    problems = [str(problem) for problem in Linter.validate(concrete, StatelintConfig())]
    return [LintProblem(name, "error", problem) for problem in problems
            if not any(gap in problem for gap in STATELINT_SCHEMA_GAPS)]


def lint_all(synthesized: Synthesized, region: str) -> list[LintProblem]:
    """Every finding over the templates and both state machines."""
    return (
        lint_template("account template", synthesized.account, region)
        + lint_template("bootstrap template", synthesized.bootstrap, region)
        + lint_template("main template", synthesized.main, region)
        + lint_state_machine(synthesized.state_machine)
        + lint_state_machine(synthesized.backfill_state_machine, "backfill state machine")
    )
