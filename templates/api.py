"""The REST API: the routes of ``pipeline.routes`` as Lambda proxy integrations, stage ``v1`` with
access logging, throttling and X-Ray, an optional API key with a usage plan and an optional WAF.

Logging needs API Gateway's account-level CloudWatch role, which ``templates.account`` owns (one per
account and region, never per stack). Both log groups, the access log and the execution log that API
Gateway would otherwise create on its own without a retention, are declared here with one.

The web page (``pipeline.routes.WEB_PAGE``) is one more proxy route, never behind the API key: the
person types the key into the page.

``auth.mode = "jwt"``: every route but ``/health`` and the page goes through the authorizer of
``templates.sign_in`` (the stack's Cognito pool, or the Lambda authorizer of ``auth.issuer_url``) and
needs ``auth.required_scope`` in the caller's access token.

CORS: every resource answers ``OPTIONS`` through the preflight function, whose resolver applies
``CORS_ORIGINS`` (one CORS rule set, for preflights and responses alike).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from troposphere import GetAtt, Ref, Sub, Template, apigateway, logs

from pipeline.config import Config
from pipeline.routes import CORS_ALLOWED_HEADERS, GATEWAY_ROUTES, PREFLIGHT_FUNCTION, WEB_PAGE
from templates.firewall import add_web_acl
from templates.functions import FunctionResources, FunctionsResources
from templates.names import API_STAGE_NAME
from templates.scanner_skips import skip_checks
from templates.security import SecurityResources
from templates.sign_in import SignInResources, add_authorizer, add_issuer_authorizer, add_user_pool

REST_API = "RestApi"
STAGE = "ApiStage"
ACCESS_LOG_GROUP = "ApiAccessLogGroup"
EXECUTION_LOG_GROUP = "ApiExecutionLogGroup"
API_KEY = "ApiKey"
USAGE_PLAN = "ApiUsagePlan"
ACCESS_LOG_FORMAT = json.dumps({
    "requestId": "$context.requestId", "ip": "$context.identity.sourceIp", "method": "$context.httpMethod",
    "resource": "$context.resourcePath", "status": "$context.status", "latencyMs": "$context.responseLatency",
    "integrationError": "$context.integration.error", "apiKeyId": "$context.identity.apiKeyId",
}, separators=(",", ":"))


@dataclass(frozen=True)
class ApiResources:
    rest_api: apigateway.RestApi
    stage: apigateway.Stage
    access_log_group: logs.LogGroup
    api_key: apigateway.ApiKey | None
    sign_in: SignInResources | None = None
    """The stack's user pool and app client (``auth.mode = "jwt"``)."""

    @property
    def origin(self) -> Sub:
        """``https://{api id}.execute-api.{region}.{suffix}``: the web page's origin too."""
        return Sub("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}", Api=Ref(self.rest_api))

    @property
    def url(self) -> Sub:
        return Sub("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + API_STAGE_NAME + "/",
                   Api=Ref(self.rest_api))

    @property
    def web_page_url(self) -> Sub:
        return Sub("https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + API_STAGE_NAME + WEB_PAGE.path,
                   Api=Ref(self.rest_api))


def _id(path: str) -> str:
    """``/jobs/{job_id}/results`` -> ``JobsJobIdResults`` (for logical ids)."""
    words = re.findall(r"[A-Za-z0-9]+", path)
    return "".join(part[:1].upper() + part[1:] for word in words for part in word.split("_"))


def method_logical_id(http_method: str, path: str) -> str:
    """``GET /jobs/{job_id}`` -> ``ApiGetJobsJobIdMethod``."""
    return f"Api{http_method.capitalize()}{_id(path)}Method"


def _resources(template: Template, api: apigateway.RestApi) -> dict[str, apigateway.Resource]:
    """One ``AWS::ApiGateway::Resource`` per path segment of every route."""
    resources: dict[str, apigateway.Resource] = {}
    for route in GATEWAY_ROUTES:
        parent_path = ""
        for segment in route.path.strip("/").split("/"):
            path = f"{parent_path}/{segment}"
            if path not in resources:
                parent = GetAtt(api, "RootResourceId") if not parent_path else Ref(resources[parent_path])
                resources[path] = template.add_resource(apigateway.Resource(
                    f"Api{_id(path)}Resource", RestApiId=Ref(api), ParentId=parent, PathPart=segment))
            parent_path = path
    return resources


def _method(api: apigateway.RestApi, resource: apigateway.Resource, http_method: str, path: str,
            function: FunctionResources, *, api_key_required: bool,
            authorizer: apigateway.Authorizer | None = None, scope: str | None = None) -> apigateway.Method:
    """A proxy method; with ``authorizer``, a token holding ``scope`` is needed (401 without a valid
    token, 403 without the scope). A Cognito authorizer checks the method's ``AuthorizationScopes``; a
    Lambda authorizer (``CUSTOM``) checks the scope itself."""
    parameters = {f"method.request.path.{name}": True for name in re.findall(r"\{(\w+)\}", path)}
    if authorizer is None:
        signed_in: dict = {"AuthorizationType": "NONE"}
    elif authorizer.Type == "COGNITO_USER_POOLS":
        signed_in = {"AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": Ref(authorizer),
                     "AuthorizationScopes": [scope]}
    else:
        signed_in = {"AuthorizationType": "CUSTOM", "AuthorizerId": Ref(authorizer)}
    method = apigateway.Method(
        method_logical_id(http_method, path),
        RestApiId=Ref(api),
        ResourceId=Ref(resource),
        HttpMethod=http_method,
        ApiKeyRequired=api_key_required,
        **signed_in,
        **({"RequestParameters": parameters} if parameters else {}),
        Integration=apigateway.Integration(
            Type="AWS_PROXY", IntegrationHttpMethod="POST", Uri=function.apigateway_uri),
    )
    return method if api_key_required or authorizer is not None else skip_checks(method, "CKV_AWS_59")


def _permission(template: Template, logical_id: str, api: apigateway.RestApi, http_method: str, path: str,
                function: FunctionResources) -> None:
    source_path = re.sub(r"\{\w+\}", "*", path)
    function.allow_api_gateway(template, logical_id, Sub(
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/" + http_method + source_path,
        Api=Ref(api)))


def _cors_gateway_responses(template: Template, config: Config,
                            api: apigateway.RestApi) -> list[apigateway.GatewayResponse]:
    """CORS headers on API Gateway's own errors (missing key 403, throttling 429, 5xx), so browsers
    can read them. A static header can name one origin only; with several, these errors go without."""
    if len(config.cors_origins) != 1:
        return []
    headers = {
        "gatewayresponse.header.Access-Control-Allow-Origin": f"'{config.cors_origins[0]}'",
        "gatewayresponse.header.Access-Control-Allow-Headers": f"'{','.join(CORS_ALLOWED_HEADERS)}'",
    }
    return [
        template.add_resource(apigateway.GatewayResponse(
            f"ApiGatewayResponse{kind.replace('DEFAULT_', 'Default')}",
            RestApiId=Ref(api), ResponseType=kind, ResponseParameters=headers))
        for kind in ("DEFAULT_4XX", "DEFAULT_5XX")
    ]


def _log_group(template: Template, logical_id: str, name: Sub | str, *, config: Config,
               security: SecurityResources) -> logs.LogGroup:
    return template.add_resource(logs.LogGroup(
        logical_id,
        LogGroupName=name,
        RetentionInDays=config.log_retention_days,
        **({"KmsKeyId": security.key_arn} if security.key is not None else {}),
    ))


def _api_key(template: Template, config: Config, api: apigateway.RestApi, stage: apigateway.Stage) -> apigateway.ApiKey:
    key = template.add_resource(apigateway.ApiKey(
        API_KEY, Enabled=True, Description=f"{config.stack_name} API key", DependsOn=[stage.title]))
    plan = template.add_resource(apigateway.UsagePlan(
        USAGE_PLAN,
        Description=f"{config.stack_name}: throttling for API key holders",
        ApiStages=[apigateway.ApiStage(ApiId=Ref(api), Stage=Ref(stage))],
        Throttle=apigateway.ThrottleSettings(RateLimit=config.api_throttle_rate, BurstLimit=config.api_throttle_burst),
    ))
    template.add_resource(apigateway.UsagePlanKey(
        f"{USAGE_PLAN}Key", KeyId=Ref(key), KeyType="API_KEY", UsagePlanId=Ref(plan)))
    return key


def add_api(template: Template, *, config: Config, functions: FunctionsResources,
            security: SecurityResources) -> ApiResources:
    """Add the REST API, its routes, stage ``v1``, permissions, and the optional key and WAF."""
    api = template.add_resource(apigateway.RestApi(
        REST_API, Name=config.stack_name, Description="Nutrition video analysis jobs",
        EndpointConfiguration=apigateway.EndpointConfiguration(Types=["REGIONAL"])))
    resources = _resources(template, api)
    sign_in = add_user_pool(template, config=config)
    authorizer = None
    if sign_in is not None:
        authorizer = add_authorizer(template, api=api, sign_in=sign_in)
    elif config.auth.uses_oidc_issuer:
        authorizer = add_issuer_authorizer(template, config=config, api=api, function=functions["authorizer"])
    methods: list[apigateway.Method] = []
    for route in GATEWAY_ROUTES:
        function = functions[route.function]
        needs_token = authorizer is not None and route.keyed and route.signed_in
        methods.append(template.add_resource(_method(
            api, resources[route.path], route.method, route.path, function,
            api_key_required=config.enable_api_key and route.keyed,
            authorizer=authorizer if needs_token else None, scope=config.auth.required_scope)))
        _permission(template, f"{function.spec.logical_id}{route.method.capitalize()}{_id(route.path)}Permission",
                    api, route.method, route.path, function)
    preflight = functions[PREFLIGHT_FUNCTION]
    for path, resource in resources.items():
        methods.append(template.add_resource(_method(api, resource, "OPTIONS", path, preflight, api_key_required=False)))
    _permission(template, "ApiPreflightPermission", api, "OPTIONS", "/*", preflight)

    deployed = [*methods, *_cors_gateway_responses(template, config, api), *([authorizer] if authorizer else [])]
    # A deployment is a snapshot: its logical id carries a digest of what it deploys, so any change deploys anew.
    digest = hashlib.sha256(json.dumps([m.to_dict() for m in deployed], sort_keys=True).encode()).hexdigest()[:10]
    deployment = template.add_resource(apigateway.Deployment(
        f"ApiDeployment{digest}", RestApiId=Ref(api), Description=f"routes {digest}",
        DependsOn=[resource.title for resource in deployed]))
    log_group = _log_group(template, ACCESS_LOG_GROUP, f"/aws/apigateway/{config.stack_name}/access",
                           config=config, security=security)
    # the name API Gateway writes execution logs to; declared first so it has a retention
    execution_log_group = _log_group(
        template, EXECUTION_LOG_GROUP, Sub("API-Gateway-Execution-Logs_${Api}/" + API_STAGE_NAME, Api=Ref(api)),
        config=config, security=security)
    stage = template.add_resource(apigateway.Stage(
        STAGE,
        RestApiId=Ref(api),
        StageName=API_STAGE_NAME,
        DeploymentId=Ref(deployment),
        TracingEnabled=True,
        AccessLogSetting=apigateway.AccessLogSetting(DestinationArn=GetAtt(log_group, "Arn"), Format=ACCESS_LOG_FORMAT),
        MethodSettings=[apigateway.MethodSetting(
            ResourcePath="/*", HttpMethod="*", MetricsEnabled=config.monitoring.api_method_metrics,
            LoggingLevel="ERROR", DataTraceEnabled=False,
            ThrottlingRateLimit=config.api_throttle_rate, ThrottlingBurstLimit=config.api_throttle_burst)],
        DependsOn=[execution_log_group.title],
    ))
    skip_checks(stage, "CKV_AWS_120")
    key = _api_key(template, config, api, stage) if config.enable_api_key else None
    if config.enable_waf:
        add_web_acl(template, config=config, api=api, stage=stage)
    return ApiResources(api, stage, log_group, key, sign_in)
