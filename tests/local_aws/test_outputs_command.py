"""``build.py outputs --local`` while the stack is still being created: a sentence saying so, not ``{}``."""

from __future__ import annotations

import json

import pytest

import build
from local_aws import EmbeddedAws
from ops.errors import ExitCode
from pipeline.config import load_config

pytestmark = pytest.mark.embedded


def test_outputs_of_a_stack_still_being_created_say_so(aws: EmbeddedAws, capsys) -> None:
    config = load_config("dev")
    template = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}
    aws.client("cloudformation").create_change_set(  # the stack exists, under review: REVIEW_IN_PROGRESS
        StackName=config.stack_name, ChangeSetName="first", ChangeSetType="CREATE", TemplateBody=json.dumps(template))

    code = build.main(["outputs", "--local", "--port", str(aws.port), "--json"])

    captured = capsys.readouterr()
    assert code == ExitCode.NOT_FOUND and captured.out == ""
    assert f"stack {config.stack_name} is still being created (REVIEW_IN_PROGRESS)" in captured.err
    assert "local up" in captured.err
