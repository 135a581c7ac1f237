"""A tiny OIDC issuer on 127.0.0.1 for tests: its discovery document and JWKS over HTTP, signing keys
generated here (RSA, and EC for ES256), tokens signed with them; keys can be rotated, and every
request is counted per path."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa

TENANT = "/tenant"
"""The issuer URL's path: its documents are below it, as with most hosted issuers."""
DISCOVERY = f"{TENANT}/.well-known/openid-configuration"
JWKS = f"{TENANT}/keys.json"
AUDIENCE = "https://meals.example.com/api"
SCOPE = "meals/jobs"


@dataclass
class SigningKey:
    key_id: str
    private: Any
    algorithm: str

    @classmethod
    def rsa(cls, key_id: str) -> "SigningKey":
        return cls(key_id, rsa.generate_private_key(public_exponent=65537, key_size=2048), "RS256")

    @classmethod
    def ec(cls, key_id: str) -> "SigningKey":
        return cls(key_id, ec.generate_private_key(ec.SECP256R1()), "ES256")

    def public_jwk(self) -> dict[str, Any]:
        algorithm = jwt.algorithms.RSAAlgorithm if self.algorithm == "RS256" else jwt.algorithms.ECAlgorithm
        return {**json.loads(algorithm.to_jwk(self.private.public_key())), "kid": self.key_id, "use": "sig",
                "alg": self.algorithm}


@dataclass
class OidcIssuer:
    url: str
    keys: list[SigningKey] = field(default_factory=list)
    requests: Counter = field(default_factory=Counter)
    discovery_issuer: str | None = None
    """What the discovery document says the issuer is (default: :attr:`url`)."""

    def token(self, subject: str = "person-1", *, key: SigningKey | None = None, **changes: Any) -> str:
        """An access token for :data:`AUDIENCE` with :data:`SCOPE`; ``changes`` override claims (``None`` drops one)."""
        key = key or self.keys[0]
        now = int(time.time())
        claims = {"iss": self.url, "sub": subject, "aud": AUDIENCE, "scope": f"openid {SCOPE}", "iat": now,
                  "nbf": now - 5, "exp": now + 600, **changes}
        return jwt.encode({k: v for k, v in claims.items() if v is not None}, key.private, algorithm=key.algorithm,
                          headers={"kid": key.key_id})

    def documents(self) -> dict[str, dict[str, Any]]:
        return {
            DISCOVERY: {"issuer": self.discovery_issuer or self.url, "jwks_uri": self.url.removesuffix(TENANT) + JWKS,
                        "id_token_signing_alg_values_supported": sorted({k.algorithm for k in self.keys})},
            JWKS: {"keys": [key.public_jwk() for key in self.keys]},
        }


@contextmanager
def running_issuer(*keys: SigningKey) -> Iterator[OidcIssuer]:
    """An issuer answering on a free port of 127.0.0.1 until the block ends."""
    issuer = OidcIssuer("", list(keys) or [SigningKey.rsa("key-1")])

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            issuer.requests[self.path] += 1
            document = issuer.documents().get(self.path)
            body = json.dumps(document or {"error": "not found"}).encode()
            self.send_response(200 if document is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    issuer.url = f"http://127.0.0.1:{server.server_address[1]}{TENANT}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
