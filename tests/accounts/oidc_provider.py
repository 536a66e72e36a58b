"""A small OpenID Connect provider for tests: a real HTTP server on 127.0.0.1.

It approves every authorization request at once for the configured person, checks PKCE,
the client secret and the redirect URI at the token endpoint, and signs ID tokens with an
RSA key of its own, as a national identity provider would.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

if TYPE_CHECKING:
    from django.test import Client
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


class Provider:
    def __init__(self, *, client_id: str, client_secret: str, claims: dict[str, Any]) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.claims = claims
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict[str, str]] = {}
        self.token_nonce_override: str | None = None
        self.fail_token = False
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update(kid="test-key", use="sig", alg="RS256")
        return {"keys": [jwk]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": self.token_nonce_override or nonce,
            **self.claims,
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": "test-key"})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urllib.parse.urlparse(self.path)
                if url.path == "/.well-known/openid-configuration":
                    self._json(
                        200,
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": provider.issuer + "/authorize",
                            "token_endpoint": provider.issuer + "/token",
                            "jwks_uri": provider.issuer + "/jwks",
                        },
                    )
                elif url.path == "/jwks":
                    self._json(200, provider.jwks())
                elif url.path == "/authorize":
                    q = dict(urllib.parse.parse_qsl(url.query))
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = q
                    target = (
                        q["redirect_uri"]
                        + "?"
                        + urllib.parse.urlencode({"code": code, "state": q["state"]})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                request = provider.codes.pop(form.get("code", ""), None)
                if provider.fail_token or request is None:
                    self._json(400, {"error": "invalid_grant"})
                    return
                challenge = (
                    base64.urlsafe_b64encode(
                        hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                    )
                    .rstrip(b"=")
                    .decode()
                )
                if (
                    challenge != request["code_challenge"]
                    or form.get("client_secret") != provider.client_secret
                    or form.get("redirect_uri") != request["redirect_uri"]
                ):
                    self._json(400, {"error": "invalid_grant"})
                    return
                self._json(
                    200,
                    {
                        "access_token": "x",
                        "token_type": "Bearer",
                        "id_token": provider.id_token(request["nonce"]),
                    },
                )

        return Handler


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def approve(authorize_url: str) -> str:
    """What the citizen's browser does at the provider: comes back with a code."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(authorize_url)
    except urllib.error.HTTPError as exc:
        location = exc.headers["Location"]
    url = urllib.parse.urlparse(location)
    return f"{url.path}?{url.query}"


@contextmanager
def configured(settings: Any, claims: dict[str, Any]) -> Iterator[Provider]:
    """A provider vouching for ``claims``, and the portal's settings pointing at it."""
    from motcua.accounts import oidc

    with Provider(client_id="motcua-test", client_secret="s3cret", claims=claims) as provider:
        settings.OIDC_ISSUER = provider.issuer
        settings.OIDC_CLIENT_ID = "motcua-test"
        settings.OIDC_CLIENT_SECRET = "s3cret"
        oidc._discovery_cache.clear()
        yield provider


def vneid_login(web: Client) -> Response:
    """The whole login through the provider: the portal's button, the provider's
    approval, and the portal's callback (its answer, not followed)."""
    return web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]))
