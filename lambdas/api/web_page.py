"""GET /app: the web page, one HTML document with its stylesheet and script inlined.

The sources stay separate files in ``lambdas/api/web/`` (no build step); serving inlines them and pins
each by its SHA-256 in the Content-Security-Policy, so the page runs only its own script and style,
loads nothing from elsewhere (offline too), and talks only to its own origin (the API, same stage), to S3
(the presigned upload, the keyframe images) and, with ``auth.mode = "jwt"``, to Cognito's endpoint (the
sign-in form). Locally S3 and Cognito are the embedded AWS's endpoint.

How the page signs in is rendered into its ``<body>`` as ``data-`` attributes (:class:`SignInSettings`):
the mode, and in ``jwt`` mode the Cognito endpoint and the stack's app client id, read from this
function's environment (``AUTH_MODE``, ``SIGN_IN_CLIENT_ID``, ``SELF_SIGN_UP``, the region), so there is
one source of each.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aws_lambda_powertools.event_handler import Response

from lambdas.common.clients import current_region
from pipeline.auth import COGNITO_ENDPOINT, JWT_MODE
from pipeline.runtime_settings import WebPageEnvironment, read_settings

WEB_DIR = Path(__file__).resolve().parent / "web"
HTML_CONTENT_TYPE = "text/html; charset=utf-8"
_CSS_SLOT, _JS_SLOT, _SETTINGS_SLOT = "/*APP_CSS*/", "/*APP_JS*/", "data-sign-in-settings"
AWS_S3_ORIGINS = "https://*.s3.amazonaws.com https://*.s3.{region}.amazonaws.com"
"""Where presigned S3 URLs point on AWS (``{bucket}.s3[.{region}].amazonaws.com``)."""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@functools.lru_cache(maxsize=1)
def _page() -> tuple[str, str, str]:
    """The HTML with its CSS and JS inlined, and the CSP hashes of both."""
    page = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    css = (WEB_DIR / "app.css").read_text(encoding="utf-8")
    js = (WEB_DIR / "app.js").read_text(encoding="utf-8")
    slots = (_CSS_SLOT, _JS_SLOT, _SETTINGS_SLOT)
    if any(page.count(slot) != 1 for slot in slots):
        raise RuntimeError(f"{WEB_DIR / 'index.html'} must hold {', '.join(slots)} once each")
    return page.replace(_CSS_SLOT, css).replace(_JS_SLOT, js), _csp_hash(css), _csp_hash(js)


def _local_endpoint() -> str | None:
    """The origin of the endpoint this function's AWS clients use when one is set (the embedded AWS:
    ``http://127.0.0.1:PORT``); ``None`` on AWS."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if not endpoint:
        return None
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class SignInSettings:
    """How the page signs people in: ``auth_mode``; in ``jwt`` mode with the stack's own user pool, the
    Cognito endpoint the browser sends InitiateAuth to and the app client id (both empty otherwise), and
    whether the pool lets people sign up themselves (``auth.self_sign_up``)."""

    auth_mode: str
    endpoint: str = ""
    client_id: str = ""
    self_sign_up: bool = False

    @classmethod
    def from_environment(cls) -> "SignInSettings":
        settings = read_settings(WebPageEnvironment)
        mode, client_id = settings.auth_mode, settings.sign_in_client_id
        if mode != JWT_MODE or not client_id:
            return cls(mode)
        return cls(mode, _local_endpoint() or COGNITO_ENDPOINT.format(region=current_region()), client_id,
                   self_sign_up=settings.self_sign_up)

    def attributes(self) -> str:
        """The ``<body>`` attributes the page's script reads (``document.body.dataset``)."""
        values = {"data-auth-mode": self.auth_mode, "data-sign-in-endpoint": self.endpoint,
                  "data-sign-in-client": self.client_id, "data-self-sign-up": "true" if self.self_sign_up else "false"}
        return " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in values.items())


def _origins(*origins: str | None) -> str:
    """The sources given, each once, in order (``None`` and empty ones left out)."""
    return " ".join(dict.fromkeys(source for origin in origins if origin for source in origin.split()))


def content_security_policy(style_hash: str, script_hash: str, sign_in: SignInSettings | None = None) -> str:
    """The page's policy: its own script and style; images and fetches from its origin and S3 (the
    region's, or the local endpoint); and, when it signs in, Cognito's endpoint (locally the same one)."""
    s3 = _origins(AWS_S3_ORIGINS.format(region=current_region()), _local_endpoint())
    cognito = sign_in.endpoint if sign_in is not None else None
    return "; ".join((
        "default-src 'none'",
        f"script-src {script_hash}",
        f"style-src {style_hash}",
        f"img-src 'self' {s3}",
        f"connect-src 'self' {_origins(s3, cognito)}",
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ))


def web_page_response() -> Response:
    """The page with headers that keep it to itself: CSP, no sniffing, no framing, no referrer."""
    page, style_hash, script_hash = _page()
    sign_in = SignInSettings.from_environment()
    return Response(
        status_code=200,
        content_type=HTML_CONTENT_TYPE,
        body=page.replace(_SETTINGS_SLOT, sign_in.attributes(), 1),
        headers={
            "Content-Security-Policy": content_security_policy(style_hash, script_hash, sign_in),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
        },
    )
