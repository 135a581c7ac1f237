"""Parameters of the main stack: where the Lambda zips, the knowledge base and the GPU image are."""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import Parameter, Ref, Sub, Template

from templates.catalogue import ARTIFACTS
from templates.names import MainParameter


@dataclass(frozen=True)
class MainParameters:
    artifacts_bucket: Parameter
    code_keys: dict[str, Parameter]
    """Artifact name -> parameter holding its S3 key."""
    knowledge_base_key: Parameter
    gpu_image_uri: Parameter

    def knowledge_base_uri(self) -> Sub:
        """``s3://{artifacts bucket}/{knowledge base key}``."""
        return Sub("s3://${Bucket}/${Key}", Bucket=Ref(self.artifacts_bucket), Key=Ref(self.knowledge_base_key))


def add_parameters(template: Template) -> MainParameters:
    """Add the artifacts bucket, one code key per artifact, the knowledge base key and the image URI."""
    bucket = template.add_parameter(Parameter(
        MainParameter.ARTIFACTS_BUCKET_NAME.value, Type="String", MinLength=3,
        Description="Bucket of the build artifacts (output ArtifactsBucketName of the bootstrap stack)",
    ))
    code_keys = {
        spec.name: template.add_parameter(Parameter(
            spec.parameter_name, Type="String", MinLength=1, AllowedPattern=r"^[\w./-]+\.zip$",
            Description=f"S3 key of the {spec.name} Lambda zip in the artifacts bucket",
        ))
        for spec in ARTIFACTS
    }
    knowledge_base_key = template.add_parameter(Parameter(
        MainParameter.KNOWLEDGE_BASE_KEY.value, Type="String", MinLength=1,
        Description="S3 key of the nutrition knowledge base in the artifacts bucket",
    ))
    image = template.add_parameter(Parameter(
        MainParameter.GPU_IMAGE_URI.value, Type="String", MinLength=1,
        Description="URI of the GPU task image (repository:tag or repository@digest)",
    ))
    return MainParameters(bucket, code_keys, knowledge_base_key, image)
