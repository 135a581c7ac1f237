"""GET /app: the web page, one HTML document with its stylesheet and script inlined.

The sources stay separate files in ``lambdas/api/web/`` (no build step); serving inlines them and pins
each by its SHA-256 in the Content-Security-Policy, so the page runs only its own script and style,
loads nothing from elsewhere (offline too), and talks only to its own origin (the API, same stage) and
to S3 (the presigned upload, the keyframe images). Locally S3 is the embedded AWS's endpoint.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from aws_lambda_powertools.event_handler import Response

WEB_DIR = Path(__file__).resolve().parent / "web"
HTML_CONTENT_TYPE = "text/html; charset=utf-8"
_CSS_SLOT, _JS_SLOT = "/*APP_CSS*/", "/*APP_JS*/"
AWS_S3_ORIGINS = "https://*.amazonaws.com"
"""Where presigned S3 URLs point on AWS (``{bucket}.s3[.{region}].amazonaws.com``)."""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@functools.lru_cache(maxsize=1)
def _page() -> tuple[str, str, str]:
    """The HTML with its CSS and JS inlined, and the CSP hashes of both."""
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    css = (WEB_DIR / "app.css").read_text(encoding="utf-8")
    js = (WEB_DIR / "app.js").read_text(encoding="utf-8")
    if html.count(_CSS_SLOT) != 1 or html.count(_JS_SLOT) != 1:
        raise RuntimeError(f"{WEB_DIR / 'index.html'} must hold {_CSS_SLOT} and {_JS_SLOT} once each")
    return html.replace(_CSS_SLOT, css).replace(_JS_SLOT, js), _csp_hash(css), _csp_hash(js)


def _s3_origins() -> str:
    """S3 origins the page may reach: AWS's, plus the endpoint this function's S3 client uses when one
    is set (the embedded AWS: ``http://127.0.0.1:PORT``)."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if not endpoint:
        return AWS_S3_ORIGINS
    parts = urlsplit(endpoint)
    return f"{AWS_S3_ORIGINS} {parts.scheme}://{parts.netloc}"


def content_security_policy(style_hash: str, script_hash: str) -> str:
    s3 = _s3_origins()
    return "; ".join((
        "default-src 'none'",
        f"script-src {script_hash}",
        f"style-src {style_hash}",
        f"img-src 'self' {s3}",
        f"connect-src 'self' {s3}",
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ))


def web_page_response() -> Response:
    """The page with headers that keep it to itself: CSP, no sniffing, no framing, no referrer."""
    html, style_hash, script_hash = _page()
    return Response(
        status_code=200,
        content_type=HTML_CONTENT_TYPE,
        body=html,
        headers={
            "Content-Security-Policy": content_security_policy(style_hash, script_hash),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
        },
    )
