"""Synthesize the CloudFormation templates and the state machine definition as JSON files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Config
from states.placeholders import Placeholder
from templates.names import bootstrap_stack_name

__all__ = ["bootstrap_stack_name", "synthesize", "write_synthesized", "Synthesized"]

ACCOUNT_FILENAME = "account.template.json"
BOOTSTRAP_FILENAME = "bootstrap.template.json"
MAIN_FILENAME = "main.template.json"
ASL_FILENAME = "analyze-meal.asl.json"
BACKFILL_ASL_FILENAME = "backfill-meals.asl.json"


@dataclass(frozen=True)
class Synthesized:
    """The templates (parsed) and the ASL definitions with their ``${Name}`` placeholders."""

    bootstrap: dict
    main: dict
    state_machine: dict
    account: dict
    backfill_state_machine: dict

    def account_json(self) -> str:
        return json.dumps(self.account, indent=1, sort_keys=True)

    def bootstrap_json(self) -> str:
        return json.dumps(self.bootstrap, indent=1, sort_keys=True)

    def main_json(self) -> str:
        return json.dumps(self.main, indent=1, sort_keys=True)


def synthesize(config: Config) -> Synthesized:
    """Build both templates with troposphere (``to_dict`` validates them) and the ASL."""
    from states.analyze_meal import build_analyze_meal_definition
    from states.backfill_meals import build_backfill_meals_definition
    from templates.assembly import build_account_template, build_bootstrap_template, build_main_template

    return Synthesized(
        bootstrap=build_bootstrap_template(config).to_dict(),
        main=build_main_template(config).to_dict(),
        state_machine=build_analyze_meal_definition(config),
        account=build_account_template(config).to_dict(),
        backfill_state_machine=build_backfill_meals_definition(config),
    )


def write_synthesized(synthesized: Synthesized, out_dir: Path) -> list[Path]:
    """Write ``*.template.json`` and ``*.asl.json`` files; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        ACCOUNT_FILENAME: synthesized.account_json(),
        BOOTSTRAP_FILENAME: synthesized.bootstrap_json(),
        MAIN_FILENAME: synthesized.main_json(),
        ASL_FILENAME: json.dumps(synthesized.state_machine, indent=2),
        BACKFILL_ASL_FILENAME: json.dumps(synthesized.backfill_state_machine, indent=2),
    }
    paths = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def example_substitutions(region: str = "us-east-1", account: str = "123456789012") -> dict[Placeholder, str]:
    """Plausible values for every placeholder, for linting the ASL outside a stack."""
    prefix = f"arn:aws:{{}}:{region}:{account}:"
    return {
        Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: prefix.format("lambda") + "function:validate-upload",
        Placeholder.NUTRITION_FUNCTION_ARN: prefix.format("lambda") + "function:nutrition-rag",
        Placeholder.JOBS_TABLE_NAME: "jobs",
        Placeholder.JOB_QUEUE_ARN: prefix.format("batch") + "job-queue/gpu",
        Placeholder.ON_DEMAND_JOB_QUEUE_ARN: prefix.format("batch") + "job-queue/gpu-on-demand",
        Placeholder.JOB_DEFINITION_ARN: prefix.format("batch") + "job-definition/analyze:1",
        Placeholder.CPU_JOB_QUEUE_ARN: prefix.format("batch") + "job-queue/cpu",
        Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN: prefix.format("batch") + "job-queue/cpu-on-demand",
        Placeholder.CPU_JOB_DEFINITION_ARN: prefix.format("batch") + "job-definition/analyze-cpu:1",
        Placeholder.NOTIFICATION_TOPIC_ARN: prefix.format("sns") + "notifications",
        Placeholder.RESULTS_BUCKET_NAME: "results-bucket",
        Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN: prefix.format("states") + "stateMachine:analyze-meal",
    }
