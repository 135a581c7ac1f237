"""Data at rest: the videos, results and models buckets, the jobs table and the idempotency table.

All are retained when the stack is deleted (``build.py destroy --purge`` removes them explicitly).
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import Template, dynamodb, s3

from pipeline.config import Config
from pipeline.layout import JOB_PREFIX, UPLOAD_PREFIX
from templates.buckets import add_private_bucket
from templates.retention import RETAIN_DATA
from templates.security import SecurityResources

VIDEOS_BUCKET = "VideosBucket"
RESULTS_BUCKET = "ResultsBucket"
MODELS_BUCKET = "ModelsBucket"
JOBS_TABLE = "JobsTable"
IDEMPOTENCY_TABLE = "IdempotencyTable"
STATUS_INDEX = "status-by-time"
MODELS_PREFIX = "models/"
"""Key prefix of the model weights in the models bucket (``MODELS_URI``)."""
PRESIGNED_POST_MAX_AGE_S = 3000
"""How long browsers may cache the CORS preflight of the presigned upload (s)."""
_ABORT_MULTIPART_DAYS = 1


@dataclass(frozen=True)
class StorageResources:
    videos_bucket: s3.Bucket
    results_bucket: s3.Bucket
    models_bucket: s3.Bucket
    jobs_table: dynamodb.Table
    idempotency_table: dynamodb.Table


def _videos_bucket(template: Template, config: Config, security: SecurityResources) -> s3.Bucket:
    return add_private_bucket(
        template, VIDEOS_BUCKET, key_arn=security.key_arn, retain=True,
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
            Id="PresignedUpload",
            AllowedMethods=["POST", "PUT"],
            AllowedOrigins=list(config.cors_origins),
            AllowedHeaders=["*"],
            ExposedHeaders=["ETag"],
            MaxAge=PRESIGNED_POST_MAX_AGE_S,
        )]),
    )


def _results_bucket(template: Template, security: SecurityResources) -> s3.Bucket:
    return add_private_bucket(
        template, RESULTS_BUCKET, key_arn=security.key_arn, retain=True,
        LifecycleConfiguration=s3.LifecycleConfiguration(Rules=[
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
    """Add the three data buckets and the two tables."""
    videos = _videos_bucket(template, config, security)
    results = _results_bucket(template, security)
    models = add_private_bucket(template, MODELS_BUCKET, key_arn=security.key_arn, retain=True, versioned=True)
    jobs = _table(
        template, JOBS_TABLE, config, security, key="job_id", ttl_attribute="ttl",
        attributes={"job_id": "S", "status": "S", "created_at": "S"},
        indexes=[dynamodb.GlobalSecondaryIndex(
            IndexName=STATUS_INDEX,
            KeySchema=[dynamodb.KeySchema(AttributeName="status", KeyType="HASH"),
                       dynamodb.KeySchema(AttributeName="created_at", KeyType="RANGE")],
            Projection=dynamodb.Projection(ProjectionType="ALL"),
        )],
    )
    # aws-lambda-powertools idempotency layout: partition key "id", expiry in "expiration"
    idempotency = _table(
        template, IDEMPOTENCY_TABLE, config, security, key="id", ttl_attribute="expiration",
        attributes={"id": "S"}, indexes=[],
    )
    return StorageResources(videos, results, models, jobs, idempotency)
