"""What still reached an English reader in Vietnamese: why a page was not found, the
API's own refusals, the labels of channels and timeliness, the names of the slips. Each
is English once chosen, and stays Vietnamese for whoever did not choose."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.test import Client

from motcua.accounts.models import User

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def in_english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def text(response: Response) -> str:
    return html.unescape(response.content.decode())


def staff(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


# --- not found ---------------------------------------------------------------------------


def test_the_api_says_which_procedure_it_did_not_find_in_english(web: Client) -> None:
    english = in_english(Client()).get("/api/v1/procedures/9.999999")
    vietnamese = web.get("/api/v1/procedures/9.999999")

    assert english.status_code == vietnamese.status_code == 404
    assert english.json()["message"] == "There is no procedure with code 9.999999."
    assert vietnamese.json()["message"] == "Không có thủ tục mã 9.999999."


def test_why_a_page_was_not_found_is_english_once_chosen(hoa: Client) -> None:
    """The 404 page itself does not print the reason (it only says the page was not
    found); the reason is what Django hands the page, and it is now translated."""
    missing = f"/ho-so-cua-toi/{10**6}/"
    vietnamese = hoa.get(missing)
    english = in_english(hoa).get(missing)

    assert english.status_code == vietnamese.status_code == 404
    assert vietnamese.context["exception"] == "Không tìm thấy hồ sơ."
    assert english.context["exception"] == "Dossier not found."
    assert "Page not found" in text(english) and "Không tìm thấy trang" not in text(english)


def test_an_official_s_page_refuses_a_citizen_in_english(hoa: Client) -> None:
    english = in_english(hoa).get("/can-bo/so-theo-doi/")

    assert english.status_code == 404
    assert english.context["exception"] == "This page is for officials."
