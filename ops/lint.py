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


def lint_state_machine(definition: dict) -> list[LintProblem]:
    """statelint findings for the ASL, with placeholders filled by example ARNs."""
    from statelint.config import Config as StatelintConfig
    from statelint.linter import Linter

    concrete = substitute(json.dumps(definition), example_substitutions())
    problems = Linter.validate(concrete, StatelintConfig())
    return [LintProblem("state machine", "error", str(problem)) for problem in problems]


def lint_all(synthesized: Synthesized, region: str) -> list[LintProblem]:
    """Every finding over both templates and the state machine."""
    return (
        lint_template("account template", synthesized.account, region)
        + lint_template("bootstrap template", synthesized.bootstrap, region)
        + lint_template("main template", synthesized.main, region)
        + lint_state_machine(synthesized.state_machine)
    )
