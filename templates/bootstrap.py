"""The bootstrap stack's resources: the build-artifacts bucket and the task image repositories (GPU, CPU).

They exist before the main stack because its Lambda functions and job definition reference
objects (zips, the knowledge base, the image) that must already be uploaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from troposphere import Template, ecr, s3

from pipeline.config import Config
from templates.buckets import add_private_bucket
from templates.names import cpu_image_repository_name, image_repository_name
from templates.scanner_skips import skip_checks

ARTIFACTS_BUCKET = "ArtifactsBucket"
IMAGE_REPOSITORY = "GpuImageRepository"
CPU_IMAGE_REPOSITORY = "CpuImageRepository"
NONCURRENT_ARTIFACT_DAYS = 30
UNTAGGED_IMAGE_DAYS = 1
KEPT_IMAGES = 10


@dataclass(frozen=True)
class BootstrapResources:
    artifacts_bucket: s3.Bucket
    image_repository: ecr.Repository
    cpu_image_repository: ecr.Repository


def image_lifecycle_policy() -> str:
    """Expire untagged images after a day and keep only the newest tagged ones."""
    return json.dumps({"rules": [
        {"rulePriority": 1, "description": f"untagged images after {UNTAGGED_IMAGE_DAYS} day",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                       "countNumber": UNTAGGED_IMAGE_DAYS},
         "action": {"type": "expire"}},
        {"rulePriority": 2, "description": f"keep the newest {KEPT_IMAGES} images",
         "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": KEPT_IMAGES},
         "action": {"type": "expire"}},
    ]}, separators=(",", ":"))


def _repository(logical_id: str, name: str) -> ecr.Repository:
    """An image repository with scan-on-push, the lifecycle policy, KMS encryption (the AWS-managed
    ``aws/ecr`` key) and immutable tags (deploy pushes a tag derived from the image's sources, so a tag
    names one image for good), deleted with the stack, images and all (they rebuild from the sources):
    a retained repository keeps its fixed name taken, and the next deploy would fail "already exists"."""
    return ecr.Repository(
        logical_id,
        RepositoryName=name,
        ImageScanningConfiguration=ecr.ImageScanningConfiguration(ScanOnPush=True),
        ImageTagMutability="IMMUTABLE",
        EncryptionConfiguration=ecr.EncryptionConfiguration(EncryptionType="KMS"),
        LifecyclePolicy=ecr.LifecyclePolicy(LifecyclePolicyText=image_lifecycle_policy()),
        EmptyOnDelete=True,
        DeletionPolicy="Delete",
    )


def add_bootstrap(template: Template, *, config: Config) -> BootstrapResources:
    """Add the artifacts bucket (versioned, SSE-S3 so CloudFormation and Lambda read it without a key
    grant) and the ECR repository with scan-on-push and a lifecycle policy."""
    bucket = skip_checks(add_private_bucket(
        template, ARTIFACTS_BUCKET, key_arn=None, retain=True, versioned=True,
        LifecycleConfiguration=s3.LifecycleConfiguration(Rules=[s3.LifecycleRule(
            Id="ExpireReplacedArtifacts", Status="Enabled",
            NoncurrentVersionExpiration=s3.NoncurrentVersionExpiration(NoncurrentDays=NONCURRENT_ARTIFACT_DAYS),
        )]),
    ), "CKV_AWS_18")
    repository = template.add_resource(_repository(IMAGE_REPOSITORY, image_repository_name(config)))
    cpu_repository = template.add_resource(_repository(CPU_IMAGE_REPOSITORY, cpu_image_repository_name(config)))
    return BootstrapResources(bucket, repository, cpu_repository)
