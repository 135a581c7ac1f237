"""An OIDC issuer's signing keys, as the Lambda authorizer needs them.

At its first token an execution environment reads the issuer's discovery document
(``{issuer}/.well-known/openid-configuration``, whose ``issuer`` must equal the configured one, OpenID
Connect Discovery 1.0 section 4.3) and the key set at its ``jwks_uri``, and keeps both while it lives.
A token naming a key id the set lacks (the issuer rotated its keys) fetches the set again, at most once
every :data:`REFETCH_INTERVAL_S`, so a stream of made-up key ids cannot make it hammer the issuer.

Standard library HTTP only (no requests, no boto3): each fetch waits :data:`FETCH_TIMEOUT_S` at most
and reads :data:`MAX_DOCUMENT_BYTES` at most. An issuer that cannot be read is :class:`IssuerUnavailable`,
which the authorizer lets fail (API Gateway answers 500), never a token's refusal.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jwt

DISCOVERY_PATH = "/.well-known/openid-configuration"
FETCH_TIMEOUT_S = 5.0
MAX_DOCUMENT_BYTES = 1_000_000
REFETCH_INTERVAL_S = 60.0
"""Seconds between two fetches of the key set for unknown key ids."""
_ALLOWED_URL = re.compile(r"https://\S+|http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/\S*)?")
"""The issuer's documents come over https, or plain http from this machine only (tests)."""


class IssuerUnavailable(RuntimeError):
    """The issuer's discovery document or key set could not be read or is not what OIDC prescribes."""


def fetch_json(url: str) -> dict[str, Any]:
    """The JSON object at ``url``; :class:`IssuerUnavailable` naming the URL otherwise."""
    if not _ALLOWED_URL.fullmatch(url):
        raise IssuerUnavailable(f"refusing to fetch {url!r}: the issuer's documents must come over https")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310 (scheme checked)
            body = response.read(MAX_DOCUMENT_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise IssuerUnavailable(f"could not read {url}: {error}") from None
    if len(body) > MAX_DOCUMENT_BYTES:
        raise IssuerUnavailable(f"{url} answered more than {MAX_DOCUMENT_BYTES} bytes")
    try:
        document = json.loads(body)
    except ValueError:
        raise IssuerUnavailable(f"{url} did not answer JSON") from None
    if not isinstance(document, dict):
        raise IssuerUnavailable(f"{url} did not answer a JSON object")
    return document


@dataclass
class IssuerKeys:
    """The signing keys of ``issuer``, fetched when first needed and again for an unknown key id."""

    issuer: str
    fetch: Callable[[str], dict[str, Any]] = fetch_json
    clock: Callable[[], float] = time.monotonic
    _jwks_uri: str | None = field(default=None, init=False)
    _keys: jwt.PyJWKSet | None = field(default=None, init=False)
    _fetched_at: float = field(default=0.0, init=False)

    def discover(self) -> str:
        """The issuer's ``jwks_uri``, from its discovery document (read once)."""
        if self._jwks_uri is None:
            document = self.fetch(self.issuer + DISCOVERY_PATH)
            if document.get("issuer") != self.issuer:
                raise IssuerUnavailable(f"the discovery document of {self.issuer} names the issuer "
                                        f"{document.get('issuer')!r}; they must be equal (auth.issuer_url)")
            jwks_uri = document.get("jwks_uri")
            if not isinstance(jwks_uri, str) or not jwks_uri:
                raise IssuerUnavailable(f"the discovery document of {self.issuer} has no jwks_uri")
            self._jwks_uri = jwks_uri
        return self._jwks_uri

    def _refresh(self) -> jwt.PyJWKSet:
        document = self.fetch(self.discover())
        keys = document.get("keys")
        signing = [key for key in keys if isinstance(key, dict) and key.get("use", "sig") == "sig"] \
            if isinstance(keys, list) else []
        try:
            self._keys = jwt.PyJWKSet(signing)
        except jwt.PyJWTError as error:
            raise IssuerUnavailable(f"the key set of {self.issuer} has no usable signing key ({error})") from None
        self._fetched_at = self.clock()
        return self._keys

    def keys_for(self, key_id: str | None) -> jwt.PyJWKSet:
        """The key set, fetched first when none is held yet or when it lacks ``key_id`` and the last
        fetch is older than :data:`REFETCH_INTERVAL_S`."""
        if self._keys is None:
            return self._refresh()
        unknown = key_id not in {key.key_id for key in self._keys.keys}
        if unknown and self.clock() - self._fetched_at >= REFETCH_INTERVAL_S:
            return self._refresh()
        return self._keys
