"""Sign-in for ``auth.mode = "jwt"``: the stack's Cognito user pool and app client, or another OIDC
issuer, and the REST API's authorizer that checks their tokens.

A REST API (API Gateway v1, what this stack is) has two kinds of authorizer: ``COGNITO_USER_POOLS``
("you must first create an authorizer of the COGNITO_USER_POOLS type and then configure an API method
to use that authorizer", with OAuth scopes per method in ``AuthorizationScopes``) and Lambda
authorizers; the native JWT authorizer for any OIDC issuer exists only on HTTP APIs. With the stack's
own pool API Gateway checks the tokens itself: no code, no function on the request path. The pool's
password policy is strong (12 characters, four character classes), e-mail addresses are verified,
accounts are recovered by e-mail only, and self sign-up is off unless ``auth.self_sign_up``.
The pool is kept when the stack is deleted (its accounts are people's data).

With ``auth.issuer_url`` there is no pool: a ``TOKEN`` Lambda authorizer (``lambdas.authorizer.handler``)
reads the ``Authorization`` header and checks the issuer's tokens; API Gateway keeps its answer for a
token ``auth.authorizer_cache_s`` seconds, and only this API's authorizer may invoke the function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from troposphere import GetAtt, Ref, Sub, Template, apigateway, cognito

from pipeline.config import Config
from templates.retention import RETAIN_DATA

if TYPE_CHECKING:  # templates.functions reads this module's names (the app client's, for the web page)
    from templates.functions import FunctionResources

USER_POOL = "UserPool"
USER_POOL_CLIENT = "UserPoolClient"
AUTHORIZER = "ApiAuthorizer"
AUTHORIZER_PERMISSION = "ApiAuthorizerPermission"
AUTHORIZATION_HEADER = "Authorization"
IDENTITY_SOURCE = f"method.request.header.{AUTHORIZATION_HEADER}"
USER_POOL_NAME_SUFFIX = "users"
"""The pool is named ``{stack}-users`` (``Config.resource_name``): how ``destroy --purge`` finds a kept one."""
MIN_PASSWORD_LENGTH = 12
REFRESH_TOKEN_DAYS = 30
SIGN_IN_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
"""The app client's auth flows: what ``build.py login`` and the web page use, nothing more."""


@dataclass(frozen=True)
class SignInResources:
    user_pool: cognito.UserPool
    client: cognito.UserPoolClient

    @property
    def issuer(self) -> Sub:
        """The ``iss`` of the pool's tokens (its JWKS is ``{issuer}/.well-known/jwks.json``)."""
        return Sub("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${Pool}", Pool=Ref(self.user_pool))


def add_user_pool(template: Template, *, config: Config) -> SignInResources | None:
    """The user pool and its public app client (the CLI and the web page: no client secret), or ``None``
    unless ``auth.mode = "jwt"`` without another issuer.

    The client allows only the flows its two users run: ``USER_PASSWORD_AUTH`` (``build.py login`` and the
    web page's sign-in form send the password over TLS to Cognito's endpoint, never to this API) and
    ``REFRESH_TOKEN_AUTH`` (the CLI renews its stored token). SRP is not allowed: nothing here speaks it
    (the page would need its own big-number SRP code, as it loads no library)."""
    if not config.auth.uses_own_user_pool:
        return None
    pool = template.add_resource(cognito.UserPool(
        USER_POOL,
        UserPoolName=config.resource_name(USER_POOL_NAME_SUFFIX),
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        AdminCreateUserConfig=cognito.AdminCreateUserConfig(AllowAdminCreateUserOnly=not config.auth.self_sign_up),
        Policies=cognito.Policies(PasswordPolicy=cognito.PasswordPolicy(
            MinimumLength=MIN_PASSWORD_LENGTH, RequireLowercase=True, RequireUppercase=True, RequireNumbers=True,
            RequireSymbols=True, TemporaryPasswordValidityDays=3)),
        AccountRecoverySetting=cognito.AccountRecoverySetting(RecoveryMechanisms=[
            cognito.RecoveryOption(Name="verified_email", Priority=1)]),
        DeletionProtection="ACTIVE",
        **RETAIN_DATA,
    ))
    client = template.add_resource(cognito.UserPoolClient(
        USER_POOL_CLIENT,
        UserPoolId=Ref(pool),
        ClientName=config.resource_name("cli-and-web"),
        GenerateSecret=False,
        ExplicitAuthFlows=SIGN_IN_FLOWS,
        PreventUserExistenceErrors="ENABLED",
        EnableTokenRevocation=True,
        AccessTokenValidity=config.auth.access_token_minutes,
        IdTokenValidity=config.auth.access_token_minutes,
        RefreshTokenValidity=REFRESH_TOKEN_DAYS,
        TokenValidityUnits=cognito.TokenValidityUnits(AccessToken="minutes", IdToken="minutes", RefreshToken="days"),
    ))
    return SignInResources(pool, client)


def add_authorizer(template: Template, *, api: apigateway.RestApi, sign_in: SignInResources) -> apigateway.Authorizer:
    """The ``COGNITO_USER_POOLS`` authorizer reading the ``Authorization`` header."""
    return template.add_resource(apigateway.Authorizer(
        AUTHORIZER,
        Name="users",
        RestApiId=Ref(api),
        Type="COGNITO_USER_POOLS",
        IdentitySource=IDENTITY_SOURCE,
        ProviderARNs=[GetAtt(sign_in.user_pool, "Arn")],
    ))


def add_issuer_authorizer(template: Template, *, config: Config, api: apigateway.RestApi,
                          function: FunctionResources) -> apigateway.Authorizer:
    """The ``TOKEN`` Lambda authorizer of ``auth.issuer_url`` and the one permission to invoke its
    function: API Gateway, for this API's authorizers only."""
    authorizer = template.add_resource(apigateway.Authorizer(
        AUTHORIZER,
        Name="oidc-issuer",
        RestApiId=Ref(api),
        Type="TOKEN",
        AuthorizerUri=function.apigateway_uri,
        IdentitySource=IDENTITY_SOURCE,
        AuthorizerResultTtlInSeconds=config.auth.authorizer_cache_s,
    ))
    function.allow_api_gateway(template, AUTHORIZER_PERMISSION, Sub(
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/${Authorizer}",
        Api=Ref(api), Authorizer=Ref(authorizer)))
    return authorizer
