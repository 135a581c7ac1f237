"""State machine, its role and placeholders; the upload trigger; the notification topic."""

from __future__ import annotations

import json

import pytest
from pipeline.config import load_config
from states.placeholders import Placeholder
from templates.assembly import build_main_template
from templates.orchestration import STATE_MACHINE, STATE_MACHINE_ROLE
from tests.templates.conftest import analyze_meal_definition, main_template, properties, role_statements

BACKFILL_ONLY = {Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN}
"""Placeholders only BackfillMeals takes (tests/templates/test_backfill.py)."""
# A stand-in definition using every placeholder and the context object ($$), to test the mapping itself.
STAND_IN = {
    "StartAt": "Validate",
    "States": {
        "Validate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Record",
                     "Parameters": {"FunctionName": Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN.ref(),
                                    "Payload": {"execution.$": "$$.Execution.Id"}}},
        "Record": {"Type": "Pass", "End": True, "Parameters": {
            "names": [placeholder.ref() for placeholder in Placeholder if placeholder not in BACKFILL_ONLY]}},
    },
}
EXPECTED_REFERENCES = {
    Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: "${ValidateUploadFunction.Arn}",
    Placeholder.NUTRITION_FUNCTION_ARN: "${NutritionRagFunction.Arn}",
    Placeholder.JOBS_TABLE_NAME: "${JobsTable}",
    Placeholder.JOB_QUEUE_ARN: "${GpuJobQueue}",
    Placeholder.ON_DEMAND_JOB_QUEUE_ARN: "${GpuOnDemandJobQueue}",
    Placeholder.JOB_DEFINITION_ARN: "${AnalyzeFramesJobDefinition}",
    Placeholder.CPU_JOB_QUEUE_ARN: "${CpuJobQueue}",
    Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN: "${CpuOnDemandJobQueue}",
    Placeholder.CPU_JOB_DEFINITION_ARN: "${AnalyzeFramesCpuJobDefinition}",
    Placeholder.NOTIFICATION_TOPIC_ARN: "${NotificationTopic}",
    Placeholder.RESULTS_BUCKET_NAME: "${ResultsBucket}",
}


def _definition_text(template: dict) -> str:
    return properties(template, STATE_MACHINE)["DefinitionString"]["Fn::Sub"]


def test_every_placeholder_maps_to_the_resource_it_names():
    assert set(EXPECTED_REFERENCES) == set(Placeholder) - BACKFILL_ONLY
    template = json.loads(build_main_template(load_config("dev"), definition=STAND_IN).to_json())
    definition = json.loads(_definition_text(template))
    assert definition["States"]["Record"]["Parameters"]["names"] == [
        EXPECTED_REFERENCES[p] for p in Placeholder if p not in BACKFILL_ONLY]
    assert definition["States"]["Validate"]["Parameters"]["Payload"] == {"execution.$": "$$.Execution.Id"}
    # every ${...} left refers to a resource of the template (Fn::Sub resolves it)
    for reference in EXPECTED_REFERENCES.values():
        assert reference[2:-1].split(".")[0] in template["Resources"]


def test_unknown_placeholder_is_an_error():
    definition = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True, "Result": "${NoSuchThing}"}}}
    with pytest.raises(ValueError, match="NoSuchThing"):
        build_main_template(load_config("dev"), definition=definition)


def test_real_definition_has_no_placeholders_left_unmapped(dev_main):
    text = _definition_text(dev_main)
    assert json.loads(text)["StartAt"] == analyze_meal_definition()["StartAt"]
    for placeholder in Placeholder:
        assert placeholder.ref() not in text


def test_state_machine_is_standard_logged_and_traced(dev_main):
    props = properties(dev_main, STATE_MACHINE)
    assert props["StateMachineType"] == "STANDARD"
    assert props["StateMachineName"] == "nutrition-video-dev-analyze-meal"
    assert props["TracingConfiguration"] == {"Enabled": True}
    logging = props["LoggingConfiguration"]
    assert logging["Level"] == "ALL" and logging["IncludeExecutionData"] is False
    assert logging["Destinations"][0]["CloudWatchLogsLogGroup"]["LogGroupArn"] == {
        "Fn::GetAtt": ["AnalyzeMealLogGroup", "Arn"]}


def test_state_machine_role_allows_only_its_integrations(dev_main):
    statements = role_statements(dev_main, STATE_MACHINE_ROLE)
    assert statements["InvokeTaskFunctions"]["Action"] == ["lambda:InvokeFunction"]
    invoked = statements["InvokeTaskFunctions"]["Resource"]
    assert {"Fn::GetAtt": ["ValidateUploadFunction", "Arn"]} in invoked
    assert {"Fn::GetAtt": ["NutritionRagFunction", "Arn"]} in invoked
    assert len(invoked) == 4  # the two functions and their versions (":*"), nothing else
    assert statements["UpdateJob"] == {"Sid": "UpdateJob", "Effect": "Allow",
                                       "Action": ["dynamodb:GetItem", "dynamodb:UpdateItem"],
                                       "Resource": [{"Fn::GetAtt": ["JobsTable", "Arn"]}]}
    assert statements["SubmitAnalysis"]["Resource"] == [
        {"Ref": "GpuJobQueue"}, {"Ref": "GpuOnDemandJobQueue"}, {"Ref": "CpuJobQueue"}, {"Ref": "CpuOnDemandJobQueue"},
        {"Ref": "AnalyzeFramesJobDefinition"}, {"Ref": "AnalyzeFramesCpuJobDefinition"}]
    assert "StepFunctionsGetEventsForBatchJobsRule" in statements["BatchSyncRule"]["Resource"][0]["Fn::Sub"]
    assert set(statements["BatchSyncRule"]["Action"]) == {"events:PutTargets", "events:PutRule", "events:DescribeRule"}
    assert statements["Notify"]["Resource"] == [{"Ref": "NotificationTopic"}]


def test_upload_rule_starts_analysis_with_retries_and_dead_letters(dev_main):
    props = properties(dev_main, "UploadCreatedRule")
    assert props["EventPattern"] == {
        "source": ["aws.s3"], "detail-type": ["Object Created"],
        "detail": {"bucket": {"name": [{"Ref": "VideosBucket"}]}, "object": {"key": [{"prefix": "uploads/"}]}}}
    (target,) = props["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": ["StartAnalysisFunction", "Arn"]}
    assert target["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": ["UploadEventsDeadLetterQueue", "Arn"]}}
    assert target["RetryPolicy"]["MaximumRetryAttempts"] > 0
    permission = properties(dev_main, "UploadCreatedRuleInvokePermission")
    assert permission["Principal"] == "events.amazonaws.com"
    assert permission["SourceArn"] == {"Fn::GetAtt": ["UploadCreatedRule", "Arn"]}
    assert properties(dev_main, "UploadEventsDeadLetterQueue")["KmsMasterKeyId"] == {
        "Fn::GetAtt": ["EncryptionKey", "Arn"]}


def test_executions_ending_outside_catch_reach_execution_ended_with_retries_and_dead_letters(dev_main):
    props = properties(dev_main, "ExecutionEndedRule")
    assert props["EventPattern"] == {
        "source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
        "detail": {"status": ["ABORTED", "FAILED", "TIMED_OUT"],  # SUCCEEDED passed MarkCompleted
                   "stateMachineArn": [{"Ref": "AnalyzeMealStateMachine"}]}}
    (target,) = props["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": ["ExecutionEndedFunction", "Arn"]}
    assert target["DeadLetterConfig"] == {"Arn": {"Fn::GetAtt": ["ExecutionEndedEventsDeadLetterQueue", "Arn"]}}
    assert target["RetryPolicy"] == properties(dev_main, "UploadCreatedRule")["Targets"][0]["RetryPolicy"]
    permission = properties(dev_main, "ExecutionEndedRuleInvokePermission")
    assert permission["Principal"] == "events.amazonaws.com"
    assert permission["FunctionName"] == {"Fn::GetAtt": ["ExecutionEndedFunction", "Arn"]}
    assert permission["SourceArn"] == {"Fn::GetAtt": ["ExecutionEndedRule", "Arn"]}
    (statement,) = properties(dev_main, "ExecutionEndedEventsDeadLetterQueuePolicy")["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "events.amazonaws.com"} and statement["Action"] == "sqs:SendMessage"
    assert statement["Condition"] == {"ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["ExecutionEndedRule", "Arn"]}}}
    assert properties(dev_main, "ExecutionEndedEventsDeadLetterQueue")["KmsMasterKeyId"] == {
        "Fn::GetAtt": ["EncryptionKey", "Arn"]}
    alarm = properties(dev_main, "ExecutionEndedEventsDeadLetterAlarm")
    assert alarm["Dimensions"][0]["Value"] == {"Fn::GetAtt": ["ExecutionEndedEventsDeadLetterQueue", "QueueName"]}


def test_topic_encryption_and_email_subscription():
    plain = main_template(enable_encryption=False)
    assert "KmsMasterKeyId" not in properties(plain, "NotificationTopic")
    assert properties(plain, "UploadEventsDeadLetterQueue")["SqsManagedSseEnabled"] is True
    assert "NotificationEmailSubscription" not in plain["Resources"]
    subscribed = main_template(notification_email="cook@example.com")
    assert properties(subscribed, "NotificationTopic")["KmsMasterKeyId"] == {"Fn::GetAtt": ["EncryptionKey", "Arn"]}
    assert properties(subscribed, "NotificationEmailSubscription") == {
        "Protocol": "email", "Endpoint": "cook@example.com", "TopicArn": {"Ref": "NotificationTopic"}}
