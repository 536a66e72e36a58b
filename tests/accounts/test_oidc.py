"""Ông Phạm logs in through the national identity provider; nothing fake passes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.test import Client

from motcua.accounts import oidc
from motcua.accounts.models import User
from tests.accounts.oidc_provider import Provider, approve, configured

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings: object) -> Iterator[Provider]:
    claims = {"sub": "vneid-42", "identity_number": "001085004321", "name": "Phạm Quốc Khánh"}
    with configured(settings, claims) as p:
        yield p


def test_first_login_creates_the_citizen(provider: Provider) -> None:
    web = Client(HTTP_HOST="127.0.0.1")
    start = web.get("/dang-nhap/dinh-danh/")
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    assert "code_challenge_method=S256" in start["Location"]

    done = web.get(approve(start["Location"]))
    assert done.status_code == 302
    user = User.objects.get(identity_number="001085004321")
    assert user.full_name == "Phạm Quốc Khánh"
    assert user.kind == User.Kind.CITIZEN
    assert web.session["_auth_user_id"] == str(user.pk)


def test_a_returning_citizen_is_the_same_account(provider: Provider, citizen: User) -> None:
    provider.claims["identity_number"] = citizen.identity_number
    web = Client(HTTP_HOST="127.0.0.1")
    web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]))
    assert web.session["_auth_user_id"] == str(citizen.pk)
    assert User.objects.filter(kind=User.Kind.CITIZEN).count() == 1


def test_a_forged_state_is_refused(provider: Provider) -> None:
    web = Client(HTTP_HOST="127.0.0.1")
    callback = approve(web.get("/dang-nhap/dinh-danh/")["Location"])
    forged = callback.replace("state=", "state=x")
    response = web.get(forged, follow=True)
    assert "không hợp lệ" in response.content.decode()
    assert "_auth_user_id" not in web.session


def test_a_token_with_another_nonce_is_refused(provider: Provider) -> None:
    provider.token_nonce_override = "replayed"
    web = Client(HTTP_HOST="127.0.0.1")
    response = web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]), follow=True)
    assert "không khớp" in response.content.decode()
    assert not User.objects.filter(identity_number="001085004321").exists()


def test_a_provider_error_is_explained(provider: Provider) -> None:
    provider.fail_token = True
    web = Client(HTTP_HOST="127.0.0.1")
    response = web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]), follow=True)
    assert "từ chối" in response.content.decode()


def test_an_identity_without_a_valid_number_is_refused(provider: Provider) -> None:
    provider.claims["identity_number"] = "12345"
    web = Client(HTTP_HOST="127.0.0.1")
    response = web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]), follow=True)
    assert "số định danh cá nhân hợp lệ" in response.content.decode()
    assert User.objects.count() == 0


def test_an_unreachable_provider_is_explained(settings: object) -> None:
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # type: ignore[attr-defined]
    settings.OIDC_CLIENT_ID = "x"  # type: ignore[attr-defined]
    oidc._discovery_cache.clear()
    response = Client(HTTP_HOST="127.0.0.1").get("/dang-nhap/dinh-danh/", follow=True)
    assert "Không kết nối được" in response.content.decode()


def test_without_configuration_the_login_is_absent(settings: object) -> None:
    settings.OIDC_ISSUER = ""  # type: ignore[attr-defined]
    assert Client(HTTP_HOST="127.0.0.1").get("/dang-nhap/dinh-danh/").status_code == 404


def in_english(web: Client) -> Client:
    web.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return web


def test_a_token_with_another_nonce_is_refused_in_english(provider: Provider) -> None:
    provider.token_nonce_override = "replayed"
    web = in_english(Client(HTTP_HOST="127.0.0.1"))
    page = web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]), follow=True)
    text = page.content.decode()
    assert "The login session does not match. Please log in again." in text
    assert "không khớp" not in text


def test_a_provider_error_is_explained_in_english(provider: Provider) -> None:
    provider.fail_token = True
    web = in_english(Client(HTTP_HOST="127.0.0.1"))
    page = web.get(approve(web.get("/dang-nhap/dinh-danh/")["Location"]), follow=True)
    text = page.content.decode()
    assert "The identity system refused the login request. Please try again." in text
    assert "từ chối" not in text


def test_an_unreachable_provider_is_explained_in_english(settings: object) -> None:
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # type: ignore[attr-defined]
    settings.OIDC_CLIENT_ID = "x"  # type: ignore[attr-defined]
    oidc._discovery_cache.clear()
    web = in_english(Client(HTTP_HOST="127.0.0.1"))
    text = web.get("/dang-nhap/dinh-danh/", follow=True).content.decode()
    assert "Could not reach the identity system. Please try again later." in text
    assert "Không kết nối được" not in text


def test_without_configuration_the_reason_is_english(settings: object) -> None:
    settings.OIDC_ISSUER = ""  # type: ignore[attr-defined]
    response = in_english(Client(HTTP_HOST="127.0.0.1")).get("/dang-nhap/dinh-danh/")
    assert response.status_code == 404
    assert response.context["exception"] == (
        "Login through the national identity system is not set up."
    )
