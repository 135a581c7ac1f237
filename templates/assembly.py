"""The stacks, composed from the concern modules in dependency order.

0. account (``{project}-account``): API Gateway's CloudWatch role, once per account and region, and
   only where the account has none yet.
1. bootstrap (``{stack}-bootstrap``): artifacts bucket, GPU image repository.
2. main (``{stack}``): everything else, given the artifacts' keys and the image URI as parameters.
"""

from __future__ import annotations

from typing import Any

from troposphere import Export, GetAtt, Output, Ref, Sub, Template

from pipeline.config import Config
from templates.account import add_account_settings
from templates.api import add_api
from templates.backfill import add_backfill
from templates.bootstrap import add_bootstrap
from templates.compute import add_compute
from templates.execution_ended import add_execution_ended_rule
from templates.functions import FunctionDependencies, FunctionsResources, add_functions
from templates.monitoring import add_monitoring
from templates.names import BootstrapOutput, MainOutput
from templates.network import add_network
from templates.notifications import add_notifications
from templates.orchestration import add_orchestration
from templates.parameters import add_parameters
from templates.security import add_security
from templates.storage import add_storage, allow_uploads_from
from templates.triggers import add_triggers

TEMPLATE_VERSION = "2010-09-09"
PIPELINE_FUNCTIONS = ("upload", "status", "results", "corrections", "validate_upload", "nutrition_rag", "authorizer")
STARTER_FUNCTIONS = ("start_analysis",)
OUTCOME_FUNCTIONS = ("execution_ended",)


def _output(template: Template, name: str, value: Any, description: str) -> None:
    template.add_output(Output(name, Value=value, Description=description,
                               Export=Export(Sub("${AWS::StackName}-" + name))))


def build_account_template(config: Config) -> Template:
    """The account stack: API Gateway's account-level logging role (see ``templates.account``)."""
    template = Template(Description=f"{config.project_name} account settings: API Gateway CloudWatch Logs role")
    template.set_version(TEMPLATE_VERSION)
    add_account_settings(template, config=config)
    return template


def build_bootstrap_template(config: Config) -> Template:
    """The bootstrap stack: what must exist before the main stack can reference it."""
    template = Template(Description=f"{config.stack_name} bootstrap: build artifacts bucket and GPU image repository")
    template.set_version(TEMPLATE_VERSION)
    resources = add_bootstrap(template, config=config)
    _output(template, BootstrapOutput.ARTIFACTS_BUCKET_NAME.value, Ref(resources.artifacts_bucket),
            "Bucket of the Lambda zips and the knowledge base")
    _output(template, BootstrapOutput.IMAGE_REPOSITORY_URI.value, GetAtt(resources.image_repository, "RepositoryUri"),
            "ECR repository of the GPU task image")
    _output(template, BootstrapOutput.CPU_IMAGE_REPOSITORY_URI.value,
            GetAtt(resources.cpu_image_repository, "RepositoryUri"), "ECR repository of the CPU task image (Fargate)")
    return template


def _state_machine_definition(config: Config) -> dict[str, Any]:
    from states.analyze_meal import build_analyze_meal_definition

    return build_analyze_meal_definition(config)


def _backfill_definition(config: Config) -> dict[str, Any]:
    from states.backfill_meals import build_backfill_meals_definition

    return build_backfill_meals_definition(config)


def build_main_template(config: Config, *, definition: dict[str, Any] | None = None) -> Template:
    """The main stack. ``definition`` is the AnalyzeMeal ASL with ``${Name}`` placeholders
    (default: ``states.analyze_meal.build_analyze_meal_definition(config)``)."""
    template = Template(Description=f"{config.stack_name}: nutrition video analysis pipeline")
    template.set_version(TEMPLATE_VERSION)
    parameters = add_parameters(template, config=config)
    security = add_security(template, config=config)
    storage = add_storage(template, config=config, security=security)
    network = add_network(template, config=config)
    compute = add_compute(template, config=config, network=network, storage=storage, security=security,
                          parameters=parameters)
    notifications = add_notifications(template, config=config, security=security)
    deps = FunctionDependencies(config=config, parameters=parameters, storage=storage, security=security,
                                notifications=notifications)
    functions = add_functions(template, deps, PIPELINE_FUNCTIONS)
    orchestration = add_orchestration(
        template, config=config, definition=definition if definition is not None else _state_machine_definition(config),
        functions=functions, storage=storage, compute=compute, notifications=notifications, security=security)
    backfill = add_backfill(template, config=config, definition=_backfill_definition(config),
                            analyze_meal=orchestration, storage=storage, security=security)
    starter = add_functions(template, FunctionDependencies(
        config=config, parameters=parameters, storage=storage, security=security,
        state_machine=orchestration.state_machine), STARTER_FUNCTIONS)
    triggers = add_triggers(template, config=config, storage=storage, start_analysis=starter["start_analysis"],
                            security=security)
    outcomes = add_functions(template, deps, OUTCOME_FUNCTIONS)
    execution_ended = add_execution_ended_rule(template, config=config, orchestration=orchestration,
                                               execution_ended=outcomes["execution_ended"], security=security)
    all_functions = FunctionsResources({**functions.functions, **starter.functions, **outcomes.functions})
    api = add_api(template, config=config, functions=functions, security=security)
    allow_uploads_from(storage, api.origin)  # the web page, served by the API, uploads from its origin
    add_monitoring(template, config=config, functions=all_functions, api=api, orchestration=orchestration,
                   compute=compute, triggers=triggers, execution_ended=execution_ended, notifications=notifications)

    outputs = {
        MainOutput.STATE_MACHINE_ARN: (orchestration.arn, "AnalyzeMeal state machine"),
        MainOutput.BACKFILL_STATE_MACHINE_ARN: (backfill.arn, "BackfillMeals state machine (build.py backfill)"),
        MainOutput.API_URL: (api.url, "Base URL of the jobs API (stage v1)"),
        MainOutput.WEB_PAGE_URL: (api.web_page_url, "The web page: upload a meal video, follow it, read and correct it"),
        MainOutput.VIDEOS_BUCKET_NAME: (Ref(storage.videos_bucket), "Uploads land under uploads/{job_id}/"),
        MainOutput.RESULTS_BUCKET_NAME: (Ref(storage.results_bucket), "Job outputs under jobs/{job_id}/"),
        MainOutput.MODELS_BUCKET_NAME: (Ref(storage.models_bucket), "Model weights under models/"),
        MainOutput.JOBS_TABLE_NAME: (Ref(storage.jobs_table), "Job items"),
        MainOutput.NOTIFICATION_TOPIC_ARN: (Ref(notifications.topic), "Job outcomes and alarms"),
    }
    if compute.gpu is not None:
        outputs[MainOutput.JOB_QUEUE_ARN] = (Ref(compute.gpu.job_queue), "GPU Batch job queue (spot when enabled)")
        outputs[MainOutput.JOB_DEFINITION_ARN] = (Ref(compute.gpu.job_definition), "GPU analysis job definition")
        if compute.gpu.on_demand_job_queue is not None:
            outputs[MainOutput.ON_DEMAND_JOB_QUEUE_ARN] = (Ref(compute.gpu.on_demand_job_queue),
                                                           "On-demand GPU queue, used when spot has no capacity")
    if compute.cpu is not None:
        outputs[MainOutput.CPU_JOB_QUEUE_ARN] = (Ref(compute.cpu.job_queue),
                                                 "Fargate (CPU) Batch job queue (Fargate Spot when enabled)")
        if compute.cpu.on_demand_job_queue is not None:
            outputs[MainOutput.CPU_ON_DEMAND_JOB_QUEUE_ARN] = (Ref(compute.cpu.on_demand_job_queue),
                                                               "On-demand Fargate queue, used when Fargate Spot has no capacity")
        outputs[MainOutput.CPU_JOB_DEFINITION_ARN] = (Ref(compute.cpu.job_definition), "CPU analysis job definition")
    if api.api_key is not None:
        outputs[MainOutput.API_KEY_ID] = (Ref(api.api_key), "API key id (value: aws apigateway get-api-key --include-value)")
    if api.sign_in is not None:
        outputs[MainOutput.USER_POOL_ID] = (Ref(api.sign_in.user_pool), "Cognito user pool people sign in to")
        outputs[MainOutput.USER_POOL_CLIENT_ID] = (Ref(api.sign_in.client), "App client of build.py login and the web page")
    if config.auth.uses_oidc_issuer:
        outputs[MainOutput.TOKEN_ISSUER_URL] = (config.auth.issuer_url, "OIDC issuer whose access tokens the API takes")
    for name, (value, description) in outputs.items():
        _output(template, name.value, value, description)
    return template
