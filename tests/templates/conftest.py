"""Synthesized templates as parsed dicts (through ``to_json`` so troposphere validates), cached per config."""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

from pipeline.config import Config, load_config
from templates.assembly import build_bootstrap_template, build_main_template


OIDC_ISSUER_MODE = {"auth.mode": "jwt", "auth.issuer_url": "https://login.example.com/tenant",
                    "auth.audience": "https://meals.example.com/api", "auth.required_scope": "meals/jobs"}
"""``jwt`` with another OIDC issuer: the stack's Lambda authorizer instead of a Cognito pool."""


def config_with(**overrides: Any) -> Config:
    """The dev config with dotted-key overrides (``analysis.backend="gemini"``)."""
    return load_config("dev", overrides=overrides)


def analyze_meal_definition(**overrides: Any) -> dict[str, Any]:
    """The real AnalyzeMeal ASL for the dev config with ``overrides``, built once per config (the SDK
    takes seconds per build); which compute paths and queues it names follows the config."""
    return json.loads(_definition(tuple(sorted(overrides.items()))))


@functools.lru_cache(maxsize=16)
def _definition(items: tuple[tuple[str, Any], ...]) -> str:
    from states.analyze_meal import build_analyze_meal_definition

    return json.dumps(build_analyze_meal_definition(config_with(**dict(items))))


@functools.lru_cache(maxsize=16)
def _main(items: tuple[tuple[str, Any], ...]) -> str:
    return build_main_template(config_with(**dict(items)), definition=analyze_meal_definition(**dict(items))).to_json()


def main_template(**overrides: Any) -> dict[str, Any]:
    """The main template for the dev config with ``overrides``, parsed from its JSON."""
    return json.loads(_main(tuple(sorted(overrides.items()))))


def template_with_function(key: str) -> dict[str, Any]:
    """The dev main template, or the OIDC-issuer one for the function only that mode deploys."""
    from templates.catalogue import function_spec

    return main_template() if function_spec(key).deployed_when(config_with()) else main_template(**OIDC_ISSUER_MODE)


def resources_of_type(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: body for name, body in template["Resources"].items() if body["Type"] == resource_type}


def properties(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]


def role_statements(template: dict[str, Any], role_id: str) -> dict[str, dict[str, Any]]:
    """A role's inline-policy statements keyed by Sid."""
    statements = {}
    for policy in properties(template, role_id).get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            statements[statement["Sid"]] = statement
    return statements


def role_actions(template: dict[str, Any], role_id: str) -> set[str]:
    return {action for statement in role_statements(template, role_id).values() for action in statement["Action"]}


@pytest.fixture(scope="session")
def dev_main() -> dict[str, Any]:
    return main_template()


@pytest.fixture(scope="session")
def dev_bootstrap() -> dict[str, Any]:
    return json.loads(build_bootstrap_template(config_with()).to_json())
