"""OpenID Connect login against a national identity provider (authorization code + PKCE).

Any standard provider works: the client reads the provider's discovery document, sends
the citizen there, exchanges the returned code for an ID token, checks the token's
signature (JWKS), issuer, audience, expiry and nonce, and reads the identity number from
a configured claim. Network calls use the standard library with short timeouts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import jwt
from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT = 10
_discovery_cache: dict[str, tuple[float, dict[str, Any]]] = {}
DISCOVERY_TTL = 3600.0


class OidcError(Exception):
    """The identity provider could not be used; the message is for the citizen."""


@dataclass(frozen=True)
class AuthRequest:
    url: str
    state: str
    nonce: str
    verifier: str


@dataclass(frozen=True)
class Identity:
    identity_number: str
    full_name: str
    email: str
    phone: str
    subject: str


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def _get_json(url: str) -> dict[str, Any]:
    if not url.startswith(("https://", "http://")):
        raise OidcError(_("Địa chỉ nhà cung cấp định danh không hợp lệ."))
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - scheme checked
            data = json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise OidcError(_("Không kết nối được hệ thống định danh. Vui lòng thử lại sau.")) from exc
    if not isinstance(data, dict):
        raise OidcError(_("Hệ thống định danh trả lời không đúng định dạng."))
    return data


def discovery() -> dict[str, Any]:
    issuer = settings.OIDC_ISSUER
    cached = _discovery_cache.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    doc = _get_json(f"{issuer}/.well-known/openid-configuration")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(doc.get(key), str):
            raise OidcError(_("Cấu hình của hệ thống định danh thiếu thông tin cần thiết."))
    _discovery_cache[issuer] = (time.monotonic(), doc)
    return doc


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorization_request(redirect_uri: str) -> AuthRequest:
    doc = discovery()
    state, nonce, verifier = (secrets.token_urlsafe(24) for _ in range(3))
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": settings.OIDC_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "scope": settings.OIDC_SCOPES,
            "state": state,
            "nonce": nonce,
            "code_challenge": _challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    return AuthRequest(f"{doc['authorization_endpoint']}?{query}", state, nonce, verifier)


def _exchange(code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
    doc = discovery()
    body = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            "client_id": settings.OIDC_CLIENT_ID,
            "client_secret": settings.OIDC_CLIENT_SECRET,
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - discovery endpoints are http(s) only
        doc["token_endpoint"],
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            tokens = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise OidcError(
            _("Hệ thống định danh từ chối yêu cầu đăng nhập. Vui lòng thử lại.")
        ) from exc
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise OidcError(_("Không kết nối được hệ thống định danh. Vui lòng thử lại sau.")) from exc
    if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        raise OidcError(_("Hệ thống định danh không trả về thông tin định danh."))
    return tokens


def _verify_id_token(token: str, nonce: str) -> dict[str, Any]:
    doc = discovery()
    try:
        signing_key = jwt.PyJWKClient(doc["jwks_uri"], timeout=TIMEOUT).get_signing_key_from_jwt(
            token
        )
        claims: dict[str, Any] = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256", "ES256", "PS256"],
            audience=settings.OIDC_CLIENT_ID,
            issuer=doc.get("issuer", settings.OIDC_ISSUER),
            options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            leeway=30,
        )
    except (jwt.PyJWTError, jwt.PyJWKClientError) as exc:
        raise OidcError(
            _("Thông tin định danh không hợp lệ hoặc đã hết hạn. Vui lòng thử lại.")
        ) from exc
    if claims.get("nonce") != nonce:
        raise OidcError(_("Phiên đăng nhập không khớp. Vui lòng đăng nhập lại."))
    return claims


def complete(*, code: str, redirect_uri: str, nonce: str, verifier: str) -> Identity:
    tokens = _exchange(code, redirect_uri, verifier)
    claims = _verify_id_token(tokens["id_token"], nonce)
    number = str(claims.get(settings.OIDC_IDENTITY_CLAIM, ""))
    return Identity(
        identity_number=number,
        full_name=str(claims.get("name", "")),
        email=str(claims.get("email", "")) if claims.get("email_verified", True) else "",
        phone=str(claims.get("phone_number", "")),
        subject=str(claims["sub"]),
    )
