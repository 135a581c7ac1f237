"""The HTTP routes of the jobs API: one definition for the API Gateway template and the resolver.

Paths are in API Gateway form (``{job_id}``); :func:`resolver_path` gives powertools' form
(``<job_id>``). ``function`` names the deployed function serving the route (``templates.catalogue``).
Constants only: no AWS or web-framework imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    keyed: bool = True
    """Needs the API key when the stack enables one (``enable_api_key``)."""
    signed_in: bool = True
    """Needs a bearer token when ``auth.mode = "jwt"`` (every route but ``/health``)."""


CREATE_JOB = Route("POST", "/jobs", "upload")
LIST_JOBS = Route("GET", "/jobs", "status")
GET_JOB = Route("GET", "/jobs/{job_id}", "status")
GET_RESULTS = Route("GET", "/jobs/{job_id}/results", "results")
CORRECT_RESULTS = Route("POST", "/jobs/{job_id}/corrections", "corrections")
HEALTH = Route("GET", "/health", "status", signed_in=False)
ROUTES: tuple[Route, ...] = (CREATE_JOB, LIST_JOBS, GET_JOB, GET_RESULTS, CORRECT_RESULTS, HEALTH)
WEB_PAGE = Route("GET", "/app", "status", keyed=False)
"""The web page (``lambdas/api/web``): a static page that calls the routes above from the same origin.
Served without a key, since the person types the key into it; not part of the OpenAPI document."""
GATEWAY_ROUTES: tuple[Route, ...] = (*ROUTES, WEB_PAGE)
"""Everything API Gateway serves: the JSON API and the web page."""
PREFLIGHT_FUNCTION = "status"
"""CORS preflight (OPTIONS) goes to this function, whose resolver answers it from ``CORS_ORIGINS``."""
CORS_ALLOWED_HEADERS = ("Content-Type", "X-Api-Key", "Authorization", "Idempotency-Key", "If-Match")


def resolver_path(path: str) -> str:
    """``/jobs/{job_id}`` -> ``/jobs/<job_id>`` (aws-lambda-powertools route syntax)."""
    return re.sub(r"\{(\w+)\}", r"<\1>", path)
