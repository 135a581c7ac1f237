"""Owners of jobs (README "Security"): constants shared by the API, the templates and the tools."""

from __future__ import annotations

JWT_MODE = "jwt"
"""``auth.mode`` in which each job belongs to a token's subject."""
ANONYMOUS_OWNER = "anonymous"
"""The owner of jobs created when ``auth.mode`` is ``none`` or ``api_key``: nobody in particular."""
COGNITO_ENDPOINT = "https://cognito-idp.{region}.amazonaws.com"
"""Cognito user pools' API in ``region`` (the web page's InitiateAuth); a pool's tokens carry
``iss = {endpoint}/{pool id}``."""
SERVICE_OWNER_PREFIX = "service:"
"""Owners that are services, not people (``service:backfill``); a token subject never starts so."""


def service_owner(name: str) -> str:
    """The owner a service's jobs carry, ``service:{name}``."""
    return f"{SERVICE_OWNER_PREFIX}{name}"

OWNER_INDEX = "owner-by-time"
"""The jobs table's index of each owner's jobs by ``created_at`` (``GET /jobs``, newest first)."""


BACKFILL_OWNER = service_owner("backfill")
"""The owner of the jobs ``build.py backfill`` creates."""
