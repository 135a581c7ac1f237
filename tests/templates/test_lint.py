"""cfn-lint over the synthesized templates: no errors for any combination of toggles."""

from __future__ import annotations

import json

import pytest
from cfnlint.api import lint

from templates.assembly import build_bootstrap_template
from tests.templates.conftest import OIDC_ISSUER_MODE, config_with, main_template

VARIANTS = {
    "dev": {},
    "everything-on": {"auth.mode": "api_key", "enable_waf": True, "provisioned_concurrent_executions": 2,
                      "notification_email": "cook@example.com", "analysis.backend": "gemini",
                      "nutrition.enable_llm_disambiguation": True, "cors_origins": ("https://app.example.com",)},
    "minimal": {"enable_encryption": False, "enable_spot_instances": False, "dynamodb_billing_mode": "PROVISIONED"},
    "signed-in": {"auth.mode": "jwt", "auth.self_sign_up": True},
    "oidc-issuer": OIDC_ISSUER_MODE,
}


def _errors(template_json: str) -> list[str]:
    matches = lint(template_json, regions=[config_with().region])
    return [f"{match.rule.id} {match.message} {match.path}" for match in matches if match.rule.id.startswith("E")]


@pytest.mark.parametrize("name", VARIANTS)
def test_main_template_lints_clean(name):
    assert _errors(json.dumps(main_template(**VARIANTS[name]))) == []


def test_bootstrap_template_lints_clean():
    assert _errors(build_bootstrap_template(config_with()).to_json()) == []


def test_lint_catches_a_broken_template():
    """The check itself works: an unknown property is an error."""
    template = main_template()
    template["Resources"]["VideosBucket"]["Properties"]["NoSuchProperty"] = True
    assert any(error.startswith("E3002") for error in _errors(json.dumps(template)))
