"""Error pages speak Vietnamese, in the site's layout, and say what to do next."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_a_vietnamese_page_with_a_search_box() -> None:
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'name="q"' in html and 'href="/"' in html
    assert "Page not found" not in html


def test_a_server_error_page_needs_no_database_and_promises_nothing_was_lost() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html
    assert "vẫn được giữ nguyên" in html


def test_an_expired_form_explains_itself_in_vietnamese() -> None:
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/tra-cuu/", {"ma": "X", "bi_mat": "Y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert "tải lại trang" in html
    assert "CSRF" not in html


def test_the_favicon_is_served_from_our_own_static_files() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("portal/favicon.svg")
    icon = Client().get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)  # type: ignore[attr-defined]


def test_the_health_check_answers_ok_with_nothing_about_the_data() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_the_health_check_says_503_when_the_database_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import OperationalError, connection

    def broken(*args: object, **kwargs: object) -> object:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_a_host_that_is_not_ours_gets_the_plain_bad_request_page() -> None:
    response = Client(HTTP_HOST="ke-gia-mao.example").get(
        "/", HTTP_REFERER="http://ke-gia-mao.example/tra-cuu/"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert "Quay lại trang vừa gửi" not in html
