"""Who is calling: the principal that API Gateway's authorizer put in the request context.

In ``jwt`` mode (``AUTH_MODE``) every job belongs to the token's subject: a Cognito user-pool
authorizer passes the token's claims (``requestContext.authorizer.claims.sub``), the Lambda authorizer of
another OIDC issuer (``lambdas.authorizer.handler``) its context (``requestContext.authorizer.sub``)
and ``principalId``. The caller sees only its own jobs,
and another's job answers 404 exactly as an unknown id does, so ids leak nothing. In ``none`` and
``api_key`` modes there is no person to tell apart: jobs are created as :data:`ANONYMOUS_OWNER` and
every caller sees every job (as before owners existed).
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from lambdas.api.errors import ApiError
from pipeline.auth import ANONYMOUS_OWNER, JWT_MODE
from pipeline.runtime_settings import ApiAccess, read_settings

UNAUTHORIZED = "UNAUTHORIZED"


@dataclass(frozen=True)
class Caller:
    """The owner a new job gets, and whether the caller is limited to its own jobs."""

    owner: str
    sees_only_own: bool

    def may_see(self, job_owner: str | None) -> bool:
        return not self.sees_only_own or job_owner == self.owner


def principal_of(request_context: dict[str, Any]) -> str | None:
    """The subject an authorizer vouched for (a Cognito authorizer's claims, a Lambda authorizer's
    context or principal), or ``None`` when no authorizer ran."""
    authorizer = request_context.get("authorizer") or {}
    claims = authorizer.get("claims") or {}
    subject = claims.get("sub") or authorizer.get("sub") or authorizer.get("principalId")
    return subject if isinstance(subject, str) and subject else None


def caller_of(event: dict[str, Any]) -> Caller:
    """The caller of a REST proxy event; 401 UNAUTHORIZED in ``jwt`` mode when no authorizer named one
    (a route deployed without the authorizer must not fall back to reading every job)."""
    if read_settings(ApiAccess).auth_mode != JWT_MODE:
        return Caller(ANONYMOUS_OWNER, sees_only_own=False)
    subject = principal_of(event.get("requestContext") or {})
    if subject is None:
        raise ApiError(HTTPStatus.UNAUTHORIZED, UNAUTHORIZED, "sign in: this API needs a bearer token")
    return Caller(subject, sees_only_own=True)
