"""Deploy the whole pipeline: preflight, account settings, bootstrap stack, artifacts, image, main stack."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ops.artifacts import REPO_ROOT, build_artifact, publish
from ops.aws import Target
from ops.console import Reporter
from ops.deploy import DeployError, Polling, StackChange, continue_rollback, deploy_stack
from ops.image import CPU_IMAGE, GPU_IMAGE, build_and_push
from ops.preflight import PreflightError, report, run_preflight
from ops.secrets import GEMINI_KEY_ENV, store_secret_from_environment
from ops.synth import Synthesized, bootstrap_stack_name, synthesize
from pipeline.config import Config
from templates.names import BootstrapOutput, MainParameter, account_stack_name, uses_fargate, uses_gpu

KNOWLEDGE_BASE_DIR = REPO_ROOT / ".cache" / "knowledge-base"
#: CloudFormation takes at most this many bytes of TemplateBody; larger templates go through S3.
MAX_TEMPLATE_BODY_BYTES = 51_200


@dataclass(frozen=True)
class DeployResult:
    """Outputs of both stacks."""

    bootstrap: dict[str, str]
    main: dict[str, str]


def template_location(target: Target, bucket: str, name: str, body: str) -> dict[str, str]:
    """``template_body``, or ``template_url`` after uploading a template too large to send inline."""
    if len(body.encode()) <= MAX_TEMPLATE_BODY_BYTES:
        return {"template_body": body}
    s3 = target.client("s3")
    key = f"templates/{name}-{hashlib.sha256(body.encode()).hexdigest()[:20]}.json"
    s3.put_object(Bucket=bucket, Key=key, Body=body.encode(), ContentType="application/json")
    # path-style S3 URL: what CloudFormation accepts, and what the embedded AWS resolves from its own S3
    return {"template_url": f"https://s3.{target.region}.amazonaws.com/{bucket}/{key}"}


def publish_knowledge_base(s3, bucket: str, reporter: Reporter) -> str:
    """Compile (or reuse) the nutrition knowledge base and upload it; returns its key."""
    from pipeline.nutrition.knowledge_base import build_knowledge_base

    path = Path(build_knowledge_base(KNOWLEDGE_BASE_DIR))
    key = f"knowledge-base/{path.name}"
    existing = s3.list_objects_v2(Bucket=bucket, Prefix=key).get("KeyCount", 0)
    if not existing:
        reporter.info(f"uploading knowledge base {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
        s3.upload_file(str(path), bucket, key)
    return key


def deploy_pipeline(
    config: Config,
    target: Target,
    *,
    reporter: Reporter,
    image_uri: str | None = None,
    cpu_image_uri: str | None = None,
    confirm: Callable[[list[StackChange]], bool] = lambda changes: True,
    synthesized: Synthesized | None = None,
    polling: Polling | None = None,
    preflight: bool = True,
    continue_rollbacks: bool = False,
) -> DeployResult:
    """Deploy bootstrap and main stacks to ``target`` with freshly built, content-hashed artifacts.

    First the account is read (``ops.preflight``): a failed check stops the deploy before any change
    set, with :class:`PreflightError`. ``continue_rollbacks`` first finishes the rollback of a stack
    left in UPDATE_ROLLBACK_FAILED. The account stack is deployed only when the account lacks API
    Gateway's logging role (or this project already holds it).

    Against the embedded AWS the Lambda zips carry only our code (handlers run in-process there) and
    the GPU image is not built (its Batch jobs run the job definition's command as a local process).
    """
    from templates.catalogue import deployed_artifacts

    if config.analysis.backend == "scene" and not target.is_local:
        raise DeployError("analysis.backend = 'scene' reads a rendered scene's ground truth in place of the models: "
                          "it is for the embedded AWS (demo, benchmarks), never a real account; set 'transformers' or "
                          f"'gemini' in config/{config.environment}.toml")
    polling = polling or (Polling(interval_s=0.05, timeout_s=300) if target.is_local else Polling())
    synthesized = synthesized or synthesize(config)
    cfn, s3 = target.client("cloudformation"), target.client("s3")
    tags = {"project": config.project_name, "environment": config.environment}

    if continue_rollbacks:
        for stack in (account_stack_name(config), bootstrap_stack_name(config), config.stack_name):
            continue_rollback(cfn, stack, reporter=reporter, polling=polling)
    needs_account_stack = True
    if preflight:
        checks = run_preflight(target, config)
        report(checks, reporter, title="Preflight")
        if checks.failures:
            raise PreflightError(checks.failures)
        needs_account_stack = checks.needs_account_stack
    if needs_account_stack:
        reporter.info(f"[bold]0/4[/] account stack {account_stack_name(config)}")
        deploy_stack(cfn, stack_name=account_stack_name(config), template_body=synthesized.account_json(),
                     tags={"project": config.project_name}, confirm=confirm, reporter=reporter, polling=polling)

    reporter.info(f"[bold]1/4[/] bootstrap stack {bootstrap_stack_name(config)}")
    bootstrap = deploy_stack(
        cfn, stack_name=bootstrap_stack_name(config), template_body=synthesized.bootstrap_json(), tags=tags,
        confirm=confirm, reporter=reporter, polling=polling,
    )
    bucket = bootstrap["ArtifactsBucketName"]

    reporter.info("[bold]2/4[/] Lambda artifacts and knowledge base")
    parameters = {"ArtifactsBucketName": bucket}
    for spec in deployed_artifacts(config):
        artifact = build_artifact(
            spec.name, spec.source_dirs, spec.dependency_group, include_dependencies=not target.is_local
        )
        parameters[spec.parameter_name] = publish(s3, bucket, artifact)
        reporter.info(f"  {spec.name:<18} {artifact.key}")
    parameters["KnowledgeBaseKey"] = publish_knowledge_base(s3, bucket, reporter)
    if (secret := store_secret_from_environment(config, target)) is not None:
        reporter.info(f"  stored ${GEMINI_KEY_ENV} as secret {secret}")

    reporter.info("[bold]3/4[/] task images")
    images = {"gpu": (uses_gpu(config), GPU_IMAGE, image_uri, BootstrapOutput.IMAGE_REPOSITORY_URI,
                      MainParameter.GPU_IMAGE_URI),
              "cpu": (uses_fargate(config), CPU_IMAGE, cpu_image_uri, BootstrapOutput.CPU_IMAGE_REPOSITORY_URI,
                      MainParameter.CPU_IMAGE_URI)}
    for used, spec, given, repository_output, parameter in images.values():
        if not used:
            continue
        uri = given
        if uri is None:
            repository = bootstrap[repository_output.value]
            uri = f"{repository}:local" if target.is_local else build_and_push(target.client("ecr"), repository, spec)
        parameters[parameter.value] = uri
        reporter.info(f"  {spec.name:<4} {uri}")

    reporter.info(f"[bold]4/4[/] stack {config.stack_name}")
    main = deploy_stack(
        cfn, stack_name=config.stack_name, parameters=parameters, tags=tags, confirm=confirm,
        reporter=reporter, polling=polling,
        **template_location(target, bucket, "main", synthesized.main_json()),
    )
    return DeployResult(bootstrap=bootstrap, main=main)
