"""The account stack: settings that exist once per AWS account and region, not once per environment.

API Gateway keeps one CloudWatch Logs role per account and region (``AWS::ApiGateway::Account``);
a stage cannot write execution logs without it. Declared in every environment's stack, dev and prod
would overwrite each other's setting, and deleting either would take the role away from every API in
the region. So it lives here, in ``{project_name}-account``: ``deploy`` creates this stack only when
the account has no such role yet (``ops.preflight`` reads it), and ``destroy`` never deletes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, Template, apigateway, iam

from pipeline.config import Config
from templates.iam import assume_role_policy, managed_policy_arn

CLOUDWATCH_ROLE = "ApiGatewayCloudWatchRole"
API_GATEWAY_ACCOUNT = "ApiGatewayAccount"


@dataclass(frozen=True)
class AccountResources:
    cloudwatch_role: iam.Role
    api_gateway_account: apigateway.Account


def add_account_settings(template: Template, *, config: Config) -> AccountResources:
    """Add API Gateway's account-level CloudWatch Logs role and point the account setting at it."""
    role = template.add_resource(iam.Role(
        CLOUDWATCH_ROLE,
        Description=f"API Gateway writes execution and access logs (account setting, {config.project_name})",
        AssumeRolePolicyDocument=assume_role_policy("apigateway.amazonaws.com"),
        ManagedPolicyArns=[managed_policy_arn("service-role/AmazonAPIGatewayPushToCloudWatchLogs")],
    ))
    account = template.add_resource(apigateway.Account(API_GATEWAY_ACCOUNT, CloudWatchRoleArn=GetAtt(role, "Arn")))
    return AccountResources(role, account)
