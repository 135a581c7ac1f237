"""REST API: one method per route to its function, preflight, stage v1, key and WAF toggles."""

from __future__ import annotations

import pytest

from pipeline.routes import GATEWAY_ROUTES, HEALTH, ROUTES, WEB_PAGE, resolver_path
from templates.api import method_logical_id
from templates.storage import VIDEOS_BUCKET
from templates.catalogue import function_spec
from tests.templates.conftest import OIDC_ISSUER_MODE, config_with, main_template, properties, resources_of_type

API_KEY_MODE = {"auth.mode": "api_key"}


@pytest.mark.parametrize("route", GATEWAY_ROUTES, ids=lambda route: f"{route.method} {route.path}")
def test_each_route_proxies_to_its_function(dev_main, route):
    method = properties(dev_main, method_logical_id(route.method, route.path))
    assert method["HttpMethod"] == route.method and method["ApiKeyRequired"] is False
    integration = method["Integration"]
    assert (integration["Type"], integration["IntegrationHttpMethod"]) == ("AWS_PROXY", "POST")
    function = function_spec(route.function).logical_id
    assert integration["Uri"]["Fn::Sub"][1] == {"Fn": {"Fn::GetAtt": [function, "Arn"]}}
    permissions = [body["Properties"] for body in resources_of_type(dev_main, "AWS::Lambda::Permission").values()
                   if body["Properties"]["FunctionName"] == {"Fn::GetAtt": [function, "Arn"]}
                   and body["Properties"]["Principal"] == "apigateway.amazonaws.com"]
    source_path = route.path.replace("{job_id}", "*")
    assert any(p["SourceArn"]["Fn::Sub"][0].endswith(f"/*/{route.method}{source_path}") for p in permissions)


def test_routes_are_shared_with_the_resolver():
    assert resolver_path("/jobs/{job_id}/results") == "/jobs/<job_id>/results"
    assert {(route.method, route.path) for route in ROUTES} == {
        ("POST", "/jobs"), ("GET", "/jobs"), ("GET", "/jobs/{job_id}"), ("GET", "/jobs/{job_id}/results"),
        ("POST", "/jobs/{job_id}/corrections"), ("GET", "/health")}


def test_every_resource_answers_preflight_without_a_key():
    template = main_template(**API_KEY_MODE)
    resources = resources_of_type(template, "AWS::ApiGateway::Resource")
    options = [body["Properties"] for body in resources_of_type(template, "AWS::ApiGateway::Method").values()
               if body["Properties"]["HttpMethod"] == "OPTIONS"]
    assert len(options) == len(resources) == 6
    assert all(method["ApiKeyRequired"] is False for method in options)


def test_stage_v1_logs_access_throttles_and_traces(dev_main):
    stage = properties(dev_main, "ApiStage")
    assert stage["StageName"] == "v1" and stage["TracingEnabled"] is True
    assert stage["AccessLogSetting"]["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]}
    assert "$context.requestId" in stage["AccessLogSetting"]["Format"]
    (setting,) = stage["MethodSettings"]
    assert (setting["ThrottlingRateLimit"], setting["ThrottlingBurstLimit"]) == (20.0, 40)
    # the account-level logging role lives in the account stack, never in an environment's stack
    assert not resources_of_type(dev_main, "AWS::ApiGateway::Account")
    assert dev_main["Resources"]["ApiStage"]["DependsOn"] == ["ApiExecutionLogGroup"]
    execution_logs = properties(dev_main, "ApiExecutionLogGroup")
    assert execution_logs["LogGroupName"] == {"Fn::Sub": ["API-Gateway-Execution-Logs_${Api}/v1",
                                                          {"Api": {"Ref": "RestApi"}}]}
    assert execution_logs["RetentionInDays"] == config_with().log_retention_days
    (deployment,) = resources_of_type(dev_main, "AWS::ApiGateway::Deployment").values()
    assert len(deployment["DependsOn"]) == 15  # six routes and the web page, six preflights, two gateway responses


def test_gateway_errors_carry_cors_headers_for_a_single_origin():
    template = main_template(cors_origins=("https://app.example.com",))
    response = properties(template, "ApiGatewayResponseDefault4XX")
    assert response["ResponseType"] == "DEFAULT_4XX"
    assert response["ResponseParameters"]["gatewayresponse.header.Access-Control-Allow-Origin"] == (
        "'https://app.example.com'")
    several = main_template(cors_origins=("https://a.example.com", "https://b.example.com"))
    assert not resources_of_type(several, "AWS::ApiGateway::GatewayResponse")


def test_deployment_id_changes_with_the_methods():
    plain = set(resources_of_type(main_template(), "AWS::ApiGateway::Deployment"))
    keyed = set(resources_of_type(main_template(**API_KEY_MODE), "AWS::ApiGateway::Deployment"))
    assert plain != keyed


def test_api_key_with_usage_plan():
    assert "ApiKey" not in main_template()["Resources"]
    template = main_template(**API_KEY_MODE, api_throttle_rate=5.0, api_throttle_burst=10)
    assert properties(template, "ApiPostJobsMethod")["ApiKeyRequired"] is True
    assert properties(template, "ApiGetHealthMethod")["ApiKeyRequired"] is True
    plan = properties(template, "ApiUsagePlan")
    assert plan["Throttle"] == {"RateLimit": 5.0, "BurstLimit": 10}
    assert plan["ApiStages"] == [{"ApiId": {"Ref": "RestApi"}, "Stage": {"Ref": "ApiStage"}}]
    assert properties(template, "ApiUsagePlanKey")["KeyId"] == {"Ref": "ApiKey"}
    assert "ApiKeyId" in template["Outputs"]


def test_waf_with_common_rules_and_rate_limit():
    assert not resources_of_type(main_template(), "AWS::WAFv2::WebACL")
    template = main_template(enable_waf=True)
    acl = properties(template, "ApiWebAcl")
    assert acl["Scope"] == "REGIONAL"
    rules = {rule["Name"]: rule for rule in acl["Rules"]}
    assert rules["AWSManagedRulesCommonRuleSet"]["Statement"]["ManagedRuleGroupStatement"] == {
        "VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}
    assert rules["RateLimitPerIp"]["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP"
    assert rules["RateLimitPerIp"]["Action"] == {"Block": {}}
    association = properties(template, "ApiWebAclAssociation")
    assert association["WebACLArn"] == {"Fn::GetAtt": ["ApiWebAcl", "Arn"]}
    assert "/stages/${Stage}" in association["ResourceArn"]["Fn::Sub"][0]


def test_the_web_page_needs_no_key_and_its_origin_may_upload():
    template = main_template(**API_KEY_MODE)
    assert properties(template, method_logical_id(WEB_PAGE.method, WEB_PAGE.path))["ApiKeyRequired"] is False
    assert properties(template, "ApiGetJobsJobIdMethod")["ApiKeyRequired"] is True
    page_url = template["Outputs"]["WebPageUrl"]["Value"]["Fn::Sub"]
    assert page_url == ["https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/v1/app", {"Api": {"Ref": "RestApi"}}]
    (upload_rule,) = properties(template, VIDEOS_BUCKET)["CorsConfiguration"]["CorsRules"]
    assert upload_rule["AllowedOrigins"][0] == {"Fn::Sub": [page_url[0].removesuffix("/v1/app"), page_url[1]]}


def test_jwt_mode_signs_in_with_the_stacks_user_pool():
    """Every route but /health and the page goes through the Cognito authorizer with the required scope;
    the pool verifies e-mail, asks for strong passwords and outlives the stack; its client has no secret."""
    template = main_template(**{"auth.mode": "jwt"})
    authorizer = properties(template, "ApiAuthorizer")
    assert authorizer["Type"] == "COGNITO_USER_POOLS"
    assert authorizer["ProviderARNs"] == [{"Fn::GetAtt": ["UserPool", "Arn"]}]
    assert authorizer["IdentitySource"] == "method.request.header.Authorization"
    for route in GATEWAY_ROUTES:
        method = properties(template, method_logical_id(route.method, route.path))
        if route in (HEALTH, WEB_PAGE):
            assert method["AuthorizationType"] == "NONE", route
        else:
            assert (method["AuthorizationType"], method["AuthorizerId"], method["AuthorizationScopes"]) == (
                "COGNITO_USER_POOLS", {"Ref": "ApiAuthorizer"}, ["aws.cognito.signin.user.admin"]), route
            assert method["ApiKeyRequired"] is False
    pool = template["Resources"]["UserPool"]
    assert pool["DeletionPolicy"] == "RetainExceptOnCreate"
    assert pool["Properties"]["AutoVerifiedAttributes"] == ["email"]
    assert pool["Properties"]["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": True}
    assert pool["Properties"]["Policies"]["PasswordPolicy"]["MinimumLength"] >= 12
    client = properties(template, "UserPoolClient")
    assert client["GenerateSecret"] is False
    assert client["ExplicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]  # no unused SRP
    status_function = properties(template, "StatusFunction")["Environment"]["Variables"]
    assert status_function["SIGN_IN_CLIENT_ID"] == {"Ref": "UserPoolClient"}  # the web page's app client
    assert status_function["SELF_SIGN_UP"] == "false"
    signing_up = main_template(**{"auth.mode": "jwt", "auth.self_sign_up": True})
    assert properties(signing_up, "UserPool")["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": False}
    assert properties(signing_up, "StatusFunction")["Environment"]["Variables"]["SELF_SIGN_UP"] == "true"
    assert {"UserPoolId", "UserPoolClientId"} <= set(template["Outputs"])
    assert "ApiKey" not in template["Resources"]


def test_none_and_api_key_modes_create_no_user_pool():
    for mode in ("none", "api_key"):
        template = main_template(**{"auth.mode": mode})
        assert not resources_of_type(template, "AWS::Cognito::UserPool"), mode
        assert properties(template, "StatusFunction")["Environment"]["Variables"]["SIGN_IN_CLIENT_ID"] == "", mode


def test_another_oidc_issuer_gets_a_token_authorizer_and_no_user_pool():
    """auth.issuer_url: no Cognito resource; every route but /health and the page goes through the TOKEN
    Lambda authorizer (answers cached 300 s), which checks the scope itself; only this API's authorizer may
    invoke the function."""
    template = main_template(**OIDC_ISSUER_MODE)
    assert not [body for body in template["Resources"].values() if body["Type"].startswith("AWS::Cognito::")]
    assert not {"UserPoolId", "UserPoolClientId"} & set(template["Outputs"])
    authorizer = properties(template, "ApiAuthorizer")
    assert (authorizer["Type"], authorizer["IdentitySource"], authorizer["AuthorizerResultTtlInSeconds"]) == (
        "TOKEN", "method.request.header.Authorization", 300)
    assert authorizer["AuthorizerUri"]["Fn::Sub"][1] == {"Fn": {"Fn::GetAtt": ["TokenAuthorizerFunction", "Arn"]}}
    for route in GATEWAY_ROUTES:
        method = properties(template, method_logical_id(route.method, route.path))
        if route in (HEALTH, WEB_PAGE):
            assert method["AuthorizationType"] == "NONE", route
        else:
            assert (method["AuthorizationType"], method["AuthorizerId"]) == ("CUSTOM", {"Ref": "ApiAuthorizer"}), route
            assert "AuthorizationScopes" not in method, route  # a Lambda authorizer checks the scope itself
    invokers = [body["Properties"] for body in resources_of_type(template, "AWS::Lambda::Permission").values()
                if body["Properties"]["FunctionName"] == {"Fn::GetAtt": ["TokenAuthorizerFunction", "Arn"]}]
    assert [p["SourceArn"]["Fn::Sub"][0] for p in invokers] == [
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/${Authorizer}"]
    variables = properties(template, "TokenAuthorizerFunction")["Environment"]["Variables"]
    assert (variables["OIDC_ISSUER_URL"], variables["OIDC_AUDIENCE"], variables["REQUIRED_SCOPE"]) == (
        OIDC_ISSUER_MODE["auth.issuer_url"], OIDC_ISSUER_MODE["auth.audience"], OIDC_ISSUER_MODE["auth.required_scope"])


def test_the_authorizer_cache_time_follows_the_config_and_redeploys_the_api():
    cached = main_template(**OIDC_ISSUER_MODE)
    uncached = main_template(**{**OIDC_ISSUER_MODE, "auth.authorizer_cache_s": 0})
    assert properties(uncached, "ApiAuthorizer")["AuthorizerResultTtlInSeconds"] == 0
    deployments = [{name for name, body in t["Resources"].items() if body["Type"] == "AWS::ApiGateway::Deployment"}
                   for t in (cached, uncached)]
    assert deployments[0] != deployments[1]


def test_only_the_oidc_issuer_mode_deploys_the_authorizer_function():
    for overrides in ({}, {"auth.mode": "jwt"}, API_KEY_MODE):
        assert "TokenAuthorizerFunction" not in main_template(**overrides)["Resources"], overrides
