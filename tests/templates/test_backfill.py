"""The BackfillMeals state machine in the main template: its definition's references and its role."""

from __future__ import annotations

import json

from templates.backfill import BACKFILL_ROLE, BACKFILL_STATE_MACHINE
from templates.names import MainOutput
from tests.templates.conftest import properties, role_statements


def test_state_machine_starts_analyze_meal_and_writes_to_the_results_bucket(dev_main):
    props = properties(dev_main, BACKFILL_STATE_MACHINE)
    assert props["StateMachineName"] == "nutrition-video-dev-backfill-meals"
    assert props["StateMachineType"] == "STANDARD" and props["TracingConfiguration"] == {"Enabled": True}
    text = props["DefinitionString"]["Fn::Sub"]
    each = json.loads(text)["States"]["AnalyzeEachVideo"]
    assert each["ItemProcessor"]["States"]["AnalyzeVideo"]["Parameters"]["StateMachineArn"] == \
        "${AnalyzeMealStateMachine}"
    assert each["ResultWriter"]["Parameters"]["Bucket"] == "${ResultsBucket}"
    assert dev_main["Outputs"][MainOutput.BACKFILL_STATE_MACHINE_ARN.value]["Value"] == {
        "Ref": BACKFILL_STATE_MACHINE}


def test_role_allows_only_the_distributed_map_and_its_children(dev_main):
    statements = role_statements(dev_main, BACKFILL_ROLE)
    own = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:"
    assert statements["RunMapChildWorkflows"]["Action"] == ["states:StartExecution"]
    assert statements["RunMapChildWorkflows"]["Resource"] == [
        {"Fn::Sub": own + "stateMachine:nutrition-video-dev-backfill-meals"}]
    assert statements["FollowMapChildWorkflows"]["Resource"] == [
        {"Fn::Sub": own + "execution:nutrition-video-dev-backfill-meals/*"}]
    assert statements["StartAnalyses"] == {"Sid": "StartAnalyses", "Effect": "Allow",
                                           "Action": ["states:StartExecution"],
                                           "Resource": [{"Ref": "AnalyzeMealStateMachine"}]}
    assert statements["FollowAnalyses"]["Action"] == ["states:DescribeExecution", "states:StopExecution"]
    assert statements["FollowAnalyses"]["Resource"] == [
        {"Fn::Sub": own + "execution:nutrition-video-dev-analyze-meal:*"}]
    assert "rule/StepFunctionsGetEventsForStepFunctionsExecutionRule" in \
        statements["ExecutionSyncRule"]["Resource"][0]["Fn::Sub"]
    assert statements["ExecutionSyncRule"]["Action"] == ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
    files = statements["ReadVideoListWriteResults"]
    assert files["Resource"] == [{"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/backfills/*",
                                              {"Bucket": {"Ref": "ResultsBucket"}}]}]
    assert "s3:DeleteObject" not in files["Action"] and "s3:ListBucket" not in files["Action"]
    # no Lambda, Batch, DynamoDB or SNS: those are AnalyzeMeal's
    actions = {action for statement in statements.values() for action in statement["Action"]}
    assert not {a for a in actions if a.split(":")[0] in ("lambda", "batch", "dynamodb", "sns")}
