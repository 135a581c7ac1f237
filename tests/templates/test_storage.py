"""Buckets and tables: private, encrypted, TLS-only, lifecycle, retained (except after a failed first create)."""

from __future__ import annotations

import pytest

from pipeline.auth import OWNER_INDEX
from templates.storage import (
    ACCESS_LOGS_BUCKET, IDEMPOTENCY_TABLE, JOBS_TABLE, MODELS_BUCKET, RESULTS_BUCKET, STATUS_INDEX, VIDEOS_BUCKET,
)
from tests.templates.conftest import main_template, properties

DATA_BUCKETS = (VIDEOS_BUCKET, RESULTS_BUCKET, MODELS_BUCKET)


@pytest.mark.parametrize("bucket", DATA_BUCKETS)
def test_data_buckets_are_private_kms_encrypted_and_retained(dev_main, bucket):
    body = dev_main["Resources"][bucket]
    assert (body["DeletionPolicy"], body["UpdateReplacePolicy"]) == ("RetainExceptOnCreate", "Retain")
    props = body["Properties"]
    assert props["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
    rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert rule["ServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["EncryptionKey", "Arn"]}}
    assert rule["BucketKeyEnabled"] is True


@pytest.mark.parametrize("bucket", DATA_BUCKETS)
def test_every_bucket_denies_plain_http(dev_main, bucket):
    policy = properties(dev_main, f"{bucket}Policy")
    assert policy["Bucket"] == {"Ref": bucket}
    (statement,) = policy["PolicyDocument"]["Statement"]
    assert statement["Effect"] == "Deny" and statement["Action"] == "s3:*" and statement["Principal"] == "*"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert {"Fn::GetAtt": [bucket, "Arn"]} in statement["Resource"]
    assert len(statement["Resource"]) == 2  # the bucket and its objects


def test_uploads_expire_after_the_retention_days():
    template = main_template(s3_video_retention_days=3)
    (rule,) = properties(template, VIDEOS_BUCKET)["LifecycleConfiguration"]["Rules"]
    assert rule["Prefix"] == "uploads/" and rule["ExpirationInDays"] == 3 and rule["Status"] == "Enabled"


def test_videos_bucket_sends_events_to_eventbridge_and_allows_browser_uploads():
    template = main_template(cors_origins=("https://app.example.com", "https://admin.example.com"))
    props = properties(template, VIDEOS_BUCKET)
    assert props["NotificationConfiguration"] == {"EventBridgeConfiguration": {"EventBridgeEnabled": True}}
    (cors,) = props["CorsConfiguration"]["CorsRules"]
    web_page_origin = {"Fn::Sub": ["https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}",
                                   {"Api": {"Ref": "RestApi"}}]}  # the web page, served by the API
    assert cors["AllowedOrigins"] == [web_page_origin, "https://app.example.com", "https://admin.example.com"]
    assert "POST" in cors["AllowedMethods"]


def test_results_move_to_intelligent_tiering_and_replaced_ones_stay_recoverable(dev_main):
    props = properties(dev_main, RESULTS_BUCKET)
    rules = {rule["Id"]: rule for rule in props["LifecycleConfiguration"]["Rules"]}
    assert rules["IntelligentTiering"]["Transitions"] == [{"StorageClass": "INTELLIGENT_TIERING", "TransitionInDays": 0}]
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    assert rules["ExpireReplacedResults"]["NoncurrentVersionExpiration"] == {"NoncurrentDays": 30}


def test_data_buckets_log_access_to_the_access_logs_bucket(dev_main):
    for bucket in (VIDEOS_BUCKET, RESULTS_BUCKET, MODELS_BUCKET):
        assert properties(dev_main, bucket)["LoggingConfiguration"] == {
            "DestinationBucketName": {"Ref": ACCESS_LOGS_BUCKET}, "LogFilePrefix": f"{bucket}/"}
    logs = properties(dev_main, ACCESS_LOGS_BUCKET)
    assert "LoggingConfiguration" not in logs
    assert logs["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "AES256"}  # a log target cannot use SSE-KMS


def test_jobs_table_keys_index_ttl_recovery_and_encryption(dev_main):
    body = dev_main["Resources"][JOBS_TABLE]
    assert (body["DeletionPolicy"], body["UpdateReplacePolicy"]) == ("RetainExceptOnCreate", "Retain")
    props = body["Properties"]
    assert props["KeySchema"] == [{"AttributeName": "job_id", "KeyType": "HASH"}]
    assert props["BillingMode"] == "PAY_PER_REQUEST" and "ProvisionedThroughput" not in props
    assert props["TimeToLiveSpecification"] == {"AttributeName": "ttl", "Enabled": True}
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"] == {
        "SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": {"Fn::GetAtt": ["EncryptionKey", "Arn"]}}
    indexes = {index["IndexName"]: index["KeySchema"] for index in props["GlobalSecondaryIndexes"]}
    assert indexes == {
        STATUS_INDEX: [{"AttributeName": "status", "KeyType": "HASH"}, {"AttributeName": "created_at", "KeyType": "RANGE"}],
        OWNER_INDEX: [{"AttributeName": "owner", "KeyType": "HASH"}, {"AttributeName": "created_at", "KeyType": "RANGE"}],
    }


def test_idempotency_table_follows_the_powertools_layout(dev_main):
    props = properties(dev_main, IDEMPOTENCY_TABLE)
    assert props["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expiration", "Enabled": True}
    assert dev_main["Resources"][IDEMPOTENCY_TABLE]["DeletionPolicy"] == "RetainExceptOnCreate"


def test_provisioned_billing_sets_capacity_on_tables_and_index():
    template = main_template(dynamodb_billing_mode="PROVISIONED", dynamodb_read_capacity_units=7,
                             dynamodb_write_capacity_units=3)
    props = properties(template, JOBS_TABLE)
    expected = {"ReadCapacityUnits": 7, "WriteCapacityUnits": 3}
    assert props["BillingMode"] == "PROVISIONED" and props["ProvisionedThroughput"] == expected
    assert props["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] == expected
    assert properties(template, IDEMPOTENCY_TABLE)["ProvisionedThroughput"] == expected


def test_without_encryption_buckets_use_sse_s3_and_no_key_exists():
    template = main_template(enable_encryption=False)
    assert "EncryptionKey" not in template["Resources"]
    for bucket in DATA_BUCKETS:
        rule = properties(template, bucket)["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        assert rule["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert properties(template, JOBS_TABLE)["SSESpecification"] == {"SSEEnabled": True}
