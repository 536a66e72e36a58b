"""Public catalog pages, in Vietnamese, without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.catalog import search
from motcua.core.qr import qr_svg
from motcua.organizations.models import Agency
from tests.catalog.factories import procedure, real_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index() -> None:
    search.invalidate()


@pytest.fixture
def web() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def test_home_offers_search_life_events_and_sectors(web: Client) -> None:
    real_catalog()
    html = web.get("/").content.decode()
    assert "Bạn cần làm thủ tục gì?" in html
    assert "Sinh con" in html and "Người thân mất" in html
    assert "Thủ tục đăng ký khai sinh" in html
    assert "Đăng ký, quản lý cư trú" in html


def test_search_page_finds_without_accents(web: Client) -> None:
    real_catalog()
    html = web.get("/thu-tuc/", {"q": "dang ky khai sinh"}).content.decode()
    assert html.index("Thủ tục đăng ký khai sinh") < html.index("Thủ tục đăng ký lại khai sinh")


def test_a_search_that_finds_nothing_says_what_to_try(web: Client) -> None:
    real_catalog()
    html = web.get("/thu-tuc/", {"q": "giay phep lai tau vu tru"}).content.decode()
    assert "Tìm thấy 0 thủ tục" in html
    assert "Gợi ý: viết ngắn hơn" in html
    assert 'href="/linh-vuc/"' in html and 'href="/co-quan/"' in html
    found = web.get("/thu-tuc/", {"q": "khai sinh"}).content.decode()
    assert "Gợi ý: viết ngắn hơn" not in found
    web.cookies["django_language"] = "en"
    english = web.get("/thu-tuc/", {"q": "giay phep lai tau vu tru"}).content.decode()
    assert "Tip: write less" in english and "Gợi ý" not in english


def test_suggestions_fragment(web: Client) -> None:
    real_catalog()
    html = web.get("/thu-tuc/goi-y/", {"q": "khai tu"}).content.decode()
    assert "Thủ tục đăng ký khai tử" in html and "<html" not in html


def test_procedure_page_shows_what_a_citizen_needs(web: Client, commune_agency: Agency) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    response = web.get("/thu-tuc/1.001193/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Thời hạn giải quyết",
        "5 ngày làm việc",
        "8.000 đồng",
        "Tờ khai theo mẫu",
        "UBND Phường Hoàn Kiếm",
        "Luật Hộ tịch 60/2014/QH13",
        "Giấy khai sinh",
        "01/07/2025",
    ]:
        assert text in html, text
    assert qr_svg("http://127.0.0.1:8000/thu-tuc/1.001193/") in html


def test_sector_agency_and_changes_pages(web: Client, commune_agency: Agency) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    assert "Thủ tục đăng ký khai sinh" in web.get("/linh-vuc/ho-tich/").content.decode()
    assert (
        "Thủ tục đăng ký khai sinh" in web.get(f"/co-quan/{commune_agency.code}/").content.decode()
    )
    changes = web.get("/thu-tuc-thay-doi/").content.decode()
    assert "Ban hành mới" in changes and "1.001193" in changes


@pytest.mark.parametrize(
    "path",
    [
        "/thu-tuc/9.999999/",
        "/linh-vuc/khong-co/",
        "/co-quan/KHONGCO/",
        "/thu-tuc/" + "x" * 500 + "/",
    ],
)
def test_unknown_things_are_404_not_500(web: Client, path: str) -> None:
    assert web.get(path).status_code == 404


def test_security_headers(web: Client) -> None:
    response = web.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_large_text_toggle_is_a_cookie_and_refuses_open_redirects(web: Client) -> None:
    response = web.get("/chu-lon/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies["motcua_large_text"].value == "1"
    web.cookies["motcua_large_text"] = "1"
    assert 'class="large-text"' in web.get("/").content.decode()


def test_english_is_available(web: Client) -> None:
    response = web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = web.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Which procedure do you need?" in html
    assert "Bạn cần làm thủ tục gì?" not in html
