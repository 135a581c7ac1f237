"""Data at rest: the videos, results and models buckets, the jobs table and the idempotency table,
and the bucket their S3 server access logs go to.

All are retained when the stack is deleted (``build.py destroy --purge`` removes them explicitly).
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import Ref, Sub, Template, dynamodb, s3

from pipeline.auth import OWNER_INDEX
from pipeline.config import Config
from pipeline.layout import JOB_PREFIX, UPLOAD_PREFIX
from templates.buckets import add_private_bucket
from templates.retention import RETAIN_DATA
from templates.scanner_skips import skip_checks
from templates.security import SecurityResources

VIDEOS_BUCKET = "VideosBucket"
RESULTS_BUCKET = "ResultsBucket"
MODELS_BUCKET = "ModelsBucket"
ACCESS_LOGS_BUCKET = "AccessLogsBucket"
JOBS_TABLE = "JobsTable"
IDEMPOTENCY_TABLE = "IdempotencyTable"
STATUS_INDEX = "status-by-time"
MODELS_PREFIX = "models/"
"""Key prefix of the model weights in the models bucket (``MODELS_URI``)."""
PRESIGNED_UPLOAD_RULE = "PresignedUpload"
"""Id of the videos bucket's CORS rule for browser uploads (the presigned POST of ``POST /jobs``)."""
PRESIGNED_POST_MAX_AGE_S = 3000
"""How long browsers may cache the CORS preflight of the presigned upload (s)."""
_ABORT_MULTIPART_DAYS = 1
NONCURRENT_RESULT_DAYS = 30
"""Days a replaced or deleted results object stays recoverable (the results bucket is versioned)."""


@dataclass(frozen=True)
class StorageResources:
    videos_bucket: s3.Bucket
    results_bucket: s3.Bucket
    models_bucket: s3.Bucket
    access_logs_bucket: s3.Bucket
    jobs_table: dynamodb.Table
    idempotency_table: dynamodb.Table


def _access_logs_bucket(template: Template, config: Config) -> s3.Bucket:
    """Where S3 writes the data buckets' server access logs: SSE-S3 (a log target cannot use SSE-KMS),
    written only by the S3 logging service of this account, expired after ``log_retention_days``."""
    bucket = add_private_bucket(
        template, ACCESS_LOGS_BUCKET, key_arn=None, retain=True,
        policy_statements=[{
            "Sid": "S3ServerAccessLogs",
            "Effect": "Allow",
            "Principal": {"Service": "logging.s3.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": Sub("arn:${AWS::Partition}:s3:::${Bucket}/*", Bucket=Ref(ACCESS_LOGS_BUCKET)),
            "Condition": {"StringEquals": {"aws:SourceAccount": Ref("AWS::AccountId")}},
        }],
        LifecycleConfiguration=s3.LifecycleConfiguration(Rules=[s3.LifecycleRule(
            Id="ExpireAccessLogs", Status="Enabled", ExpirationInDays=config.log_retention_days)]),
    )
    return skip_checks(bucket, "CKV_AWS_18", "CKV_AWS_21")


def access_logging(logs_bucket: s3.Bucket, logical_id: str) -> s3.LoggingConfiguration:
    """Server access logs of bucket ``logical_id`` under ``{logical_id}/`` in the access-logs bucket."""
    return s3.LoggingConfiguration(DestinationBucketName=Ref(logs_bucket), LogFilePrefix=f"{logical_id}/")


def allow_uploads_from(storage: StorageResources, origin: Sub) -> None:
    """Let browsers on ``origin`` send the presigned POST too: the web page's origin, which is the API's
    (``templates.api.ApiResources.origin``), known only once the API exists."""
    rules = storage.videos_bucket.CorsConfiguration.CorsRules
    upload_rule = next(rule for rule in rules if rule.Id == PRESIGNED_UPLOAD_RULE)
    upload_rule.AllowedOrigins = [origin, *upload_rule.AllowedOrigins]


def _videos_bucket(template: Template, config: Config, security: SecurityResources, logs: s3.Bucket) -> s3.Bucket:
    """Not versioned: an upload is deleted when it expires, and no copy of a person's video may stay."""
    return skip_checks(add_private_bucket(
        template, VIDEOS_BUCKET, key_arn=security.key_arn, retain=True,
        LoggingConfiguration=access_logging(logs, VIDEOS_BUCKET),
        LifecycleConfiguration=s3.LifecycleConfiguration(Rules=[
            s3.LifecycleRule(
                Id="ExpireUploads", Status="Enabled", Prefix=UPLOAD_PREFIX,
                ExpirationInDays=config.s3_video_retention_days,
                AbortIncompleteMultipartUpload=s3.AbortIncompleteMultipartUpload(
                    DaysAfterInitiation=_ABORT_MULTIPART_DAYS),
            ),
        ]),
        # S3 -> EventBridge "Object Created" events start the pipeline
        NotificationConfiguration=s3.NotificationConfiguration(
            EventBridgeConfiguration=s3.EventBridgeConfiguration(EventBridgeEnabled=True)),
        # browsers upload with the presigned POST returned by POST /jobs
        CorsConfiguration=s3.CorsConfiguration(CorsRules=[s3.CorsRules(
            Id=PRESIGNED_UPLOAD_RULE,
            AllowedMethods=["POST", "PUT"],
            AllowedOrigins=list(config.cors_origins),
            AllowedHeaders=["*"],
            ExposedHeaders=["ETag"],
            MaxAge=PRESIGNED_POST_MAX_AGE_S,
        )]),
    ), "CKV_AWS_21")


def _results_bucket(template: Template, security: SecurityResources, logs: s3.Bucket) -> s3.Bucket:
    """Versioned: results are what a person paid for, and an overwrite or delete by mistake is undone
    from the previous version for ``NONCURRENT_RESULT_DAYS``."""
    return add_private_bucket(
        template, RESULTS_BUCKET, key_arn=security.key_arn, retain=True, versioned=True,
        LoggingConfiguration=access_logging(logs, RESULTS_BUCKET),
        LifecycleConfiguration=s3.LifecycleConfiguration(Rules=[
            s3.LifecycleRule(
                Id="ExpireReplacedResults", Status="Enabled",
                NoncurrentVersionExpiration=s3.NoncurrentVersionExpiration(NoncurrentDays=NONCURRENT_RESULT_DAYS),
            ),
            s3.LifecycleRule(
                Id="IntelligentTiering", Status="Enabled", Prefix=JOB_PREFIX,
                Transitions=[s3.LifecycleRuleTransition(StorageClass="INTELLIGENT_TIERING", TransitionInDays=0)],
                AbortIncompleteMultipartUpload=s3.AbortIncompleteMultipartUpload(
                    DaysAfterInitiation=_ABORT_MULTIPART_DAYS),
            ),
        ]),
    )


def _table(template: Template, logical_id: str, config: Config, security: SecurityResources, *,
           key: str, ttl_attribute: str, attributes: dict[str, str],
           indexes: list[dynamodb.GlobalSecondaryIndex]) -> dynamodb.Table:
    provisioned = config.dynamodb_billing_mode == "PROVISIONED"
    throughput = dynamodb.ProvisionedThroughput(
        ReadCapacityUnits=config.dynamodb_read_capacity_units,
        WriteCapacityUnits=config.dynamodb_write_capacity_units,
    )
    extra = {"ProvisionedThroughput": throughput} if provisioned else {}
    for index in indexes:
        if provisioned:
            index.ProvisionedThroughput = throughput
    if indexes:
        extra["GlobalSecondaryIndexes"] = indexes
    if security.key is not None:
        sse = dynamodb.SSESpecification(SSEEnabled=True, SSEType="KMS", KMSMasterKeyId=security.key_arn)
    else:
        sse = dynamodb.SSESpecification(SSEEnabled=True)  # AWS managed key aws/dynamodb
    return template.add_resource(dynamodb.Table(
        logical_id,
        BillingMode=config.dynamodb_billing_mode,
        AttributeDefinitions=[dynamodb.AttributeDefinition(AttributeName=name, AttributeType=kind)
                              for name, kind in attributes.items()],
        KeySchema=[dynamodb.KeySchema(AttributeName=key, KeyType="HASH")],
        TimeToLiveSpecification=dynamodb.TimeToLiveSpecification(AttributeName=ttl_attribute, Enabled=True),
        PointInTimeRecoverySpecification=dynamodb.PointInTimeRecoverySpecification(
            PointInTimeRecoveryEnabled=True),
        SSESpecification=sse,
        **RETAIN_DATA,
        **extra,
    ))


def add_storage(template: Template, *, config: Config, security: SecurityResources) -> StorageResources:
    """Add the three data buckets, their access-logs bucket and the two tables."""
    logs = _access_logs_bucket(template, config)
    videos = _videos_bucket(template, config, security, logs)
    results = _results_bucket(template, security, logs)
    models = add_private_bucket(template, MODELS_BUCKET, key_arn=security.key_arn, retain=True, versioned=True,
                                LoggingConfiguration=access_logging(logs, MODELS_BUCKET))
    jobs = _table(
        template, JOBS_TABLE, config, security, key="job_id", ttl_attribute="ttl",
        attributes={"job_id": "S", "status": "S", "created_at": "S", "owner": "S"},
        indexes=[dynamodb.GlobalSecondaryIndex(
            IndexName=STATUS_INDEX,
            KeySchema=[dynamodb.KeySchema(AttributeName="status", KeyType="HASH"),
                       dynamodb.KeySchema(AttributeName="created_at", KeyType="RANGE")],
            Projection=dynamodb.Projection(ProjectionType="ALL"),
        ), dynamodb.GlobalSecondaryIndex(  # GET /jobs: a caller's own jobs, newest first
            IndexName=OWNER_INDEX,
            KeySchema=[dynamodb.KeySchema(AttributeName="owner", KeyType="HASH"),
                       dynamodb.KeySchema(AttributeName="created_at", KeyType="RANGE")],
            Projection=dynamodb.Projection(ProjectionType="ALL"),
        )],
    )
    # aws-lambda-powertools idempotency layout: partition key "id", expiry in "expiration"
    idempotency = _table(
        template, IDEMPOTENCY_TABLE, config, security, key="id", ttl_attribute="expiration",
        attributes={"id": "S"}, indexes=[],
    )
    return StorageResources(videos, results, models, logs, jobs, idempotency)
