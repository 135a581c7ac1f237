"""Parameters of the main stack: where the Lambda zips, the knowledge base and the task images are."""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import Parameter, Ref, Sub, Template

from pipeline.config import Config
from templates.catalogue import deployed_artifacts
from templates.names import MainParameter, uses_fargate, uses_gpu


@dataclass(frozen=True)
class MainParameters:
    artifacts_bucket: Parameter
    code_keys: dict[str, Parameter]
    """Artifact name -> parameter holding its S3 key."""
    knowledge_base_key: Parameter
    gpu_image_uri: Parameter | None
    """The GPU image, when the GPU path exists."""
    cpu_image_uri: Parameter | None = None
    """The CPU image (linux/arm64, for Fargate), when the Fargate path exists."""

    def knowledge_base_uri(self) -> Sub:
        """``s3://{artifacts bucket}/{knowledge base key}``."""
        return Sub("s3://${Bucket}/${Key}", Bucket=Ref(self.artifacts_bucket), Key=Ref(self.knowledge_base_key))


def add_parameters(template: Template, *, config: Config) -> MainParameters:
    """Add the artifacts bucket, one code key per artifact of the stack's functions, the knowledge base key and the URI of the
    image of each compute path ``analysis.compute`` uses."""
    bucket = template.add_parameter(Parameter(
        MainParameter.ARTIFACTS_BUCKET_NAME.value, Type="String", MinLength=3,
        Description="Bucket of the build artifacts (output ArtifactsBucketName of the bootstrap stack)",
    ))
    code_keys = {
        spec.name: template.add_parameter(Parameter(
            spec.parameter_name, Type="String", MinLength=1, AllowedPattern=r"^[\w./-]+\.zip$",
            Description=f"S3 key of the {spec.name} Lambda zip in the artifacts bucket",
        ))
        for spec in deployed_artifacts(config)
    }
    knowledge_base_key = template.add_parameter(Parameter(
        MainParameter.KNOWLEDGE_BASE_KEY.value, Type="String", MinLength=1,
        Description="S3 key of the nutrition knowledge base in the artifacts bucket",
    ))
    gpu_image = template.add_parameter(Parameter(
        MainParameter.GPU_IMAGE_URI.value, Type="String", MinLength=1,
        Description="URI of the GPU task image, linux/amd64 (repository:tag or repository@digest)",
    )) if uses_gpu(config) else None
    cpu_image = template.add_parameter(Parameter(
        MainParameter.CPU_IMAGE_URI.value, Type="String", MinLength=1,
        Description="URI of the CPU task image for Fargate, linux/arm64 (repository:tag or repository@digest)",
    )) if uses_fargate(config) else None
    return MainParameters(bucket, code_keys, knowledge_base_key, gpu_image, cpu_image)
