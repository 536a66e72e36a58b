"""Bà Hoa and clerk Lan switch the site to English: the dossier pages, the look-up and
verification pages and the back-office queue speak English; Vietnamese stays the default."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(citizen: User, clerk: User, version: ProcedureVersion) -> Dossier:
    """Bà Hoa's birth registration, received at the Hoàn Kiếm desk."""
    dossier = submit_online(citizen, version)
    services.dossier_receive(dossier=dossier, actor=clerk, expected_version=dossier.version)
    dossier.refresh_from_db()
    return dossier


def in_english(client: Client) -> Client:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_my_dossiers_are_vietnamese_until_the_citizen_switches(
    hoa: Client, received: Dossier
) -> None:
    listing = page(hoa, "/ho-so-cua-toi/")
    assert "<h1>Hồ sơ của tôi</h1>" in listing and "My dossiers" not in listing

    listing = page(in_english(hoa), "/ho-so-cua-toi/")

    assert "<h1>My dossiers</h1>" in listing and f"Dossier code <strong>{received.code}" in listing
    assert "Hồ sơ của tôi" not in listing and "Mã hồ sơ" not in listing


def test_a_dossier_page_in_english(hoa: Client, received: Dossier) -> None:
    detail = page(in_english(hoa), f"/ho-so-cua-toi/{received.pk}/")

    for english in ("Result due", "Look-up code", "Processing history", "Messages with the agency"):
        assert english in detail
    for vietnamese in (
        "Hẹn trả kết quả",
        "Mã tra cứu",
        "Quá trình giải quyết",
        "Trao đổi với cơ quan",
    ):
        assert vietnamese not in detail


def test_looking_up_a_dossier_in_english(web: Client, received: Dossier) -> None:
    response = in_english(web).post(
        "/tra-cuu/", {"ma": received.code, "bi_mat": received.lookup_secret}
    )
    assert response.status_code == 200
    result = response.content.decode()

    assert "Look-up code or phone number" in result and f"Dossier {received.code}" in result
    assert "Result due" in result
    assert "Mã tra cứu hoặc số điện thoại" not in result and "Hẹn trả kết quả" not in result


def test_the_verification_page_in_english(web: Client) -> None:
    verify = page(in_english(web), "/xac-thuc/")

    assert "Verify an electronic document" in verify
    assert "Or enter the verification code printed under the QR code" in verify
    assert "Xác thực văn bản điện tử" not in verify and "Hoặc nhập mã xác thực" not in verify


def test_the_back_office_queue_in_english(clerk: User, received: Dossier) -> None:
    lan = Client(HTTP_HOST="127.0.0.1")
    lan.force_login(clerk)

    queue = page(in_english(lan), "/can-bo/")

    assert "Dossier work queue" in queue and "All dossiers of the agency" in queue
    assert received.code is not None
    assert "Step deadline" in queue and received.code in queue
    for vietnamese in ("Hàng đợi xử lý hồ sơ", "Việc của tôi", "Hạn bước", "Người nộp"):
        assert vietnamese not in queue


def test_the_back_office_dossier_page_in_english(clerk: User, received: Dossier) -> None:
    lan = Client(HTTP_HOST="127.0.0.1")
    lan.force_login(clerk)

    dossier = page(in_english(lan), f"/can-bo/ho-so/{received.pk}/")

    assert f"Dossier {received.code}" in dossier and "Process control slip" in dossier
    assert "Phiếu kiểm soát quá trình giải quyết" not in dossier and "Thao tác" not in dossier
    # The desk's buttons and their reason fields too.
    assert "Forward to the next step" in dossier and "Ask for a supplement" in dossier
    assert "Papers and information to supplement" in dossier
    assert "Chuyển bước tiếp theo" not in dossier and "Yêu cầu bổ sung" not in dossier


def test_statuses_history_and_life_events_follow_the_language(
    hoa: Client, clerk: User, received: Dossier
) -> None:
    """The labels are stored in Vietnamese (and printed so on slips); pages translate
    them when they show them."""
    assert "Đã tiếp nhận" in page(hoa, "/ho-so-cua-toi/")
    english = in_english(hoa)

    assert "Received" in page(english, "/ho-so-cua-toi/")
    detail = page(english, f"/ho-so-cua-toi/{received.pk}/")
    assert 'data-testid="status">Received</span>' in detail
    assert "Đã tiếp nhận" not in detail and "Nộp hồ sơ trực tuyến" not in detail  # history too
    # The history says what happened, not what to do: not the buttons' "Apply online".
    assert "Submitted online" in detail and "Dossier received" in detail
    assert "Apply online" not in detail.split('class="timeline"')[1]
    home = page(english, "/")
    assert "Having a baby" in home and "Sinh con" not in home
    assert "Shown or handed in at the one-stop desk" in detail  # how each document came
    assert received.status_label == "Đã tiếp nhận"  # what is stored and printed

    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(clerk)
    queue = page(in_english(staff), "/can-bo/?pham_vi=tat-ca")
    assert "Received" in queue and "Đã tiếp nhận" not in queue


def test_logging_in_and_registering_in_english(web: Client, citizen: User) -> None:
    web = in_english(web)
    login = page(web, "/dang-nhap/")
    assert "Personal identification number or user name" in login and "Password" in login
    assert "Mật khẩu" not in login
    wrong = web.post("/dang-nhap/", {"identifier": "001190012345", "password": "sai"})
    html = wrong.content.decode()
    assert "The identification number/user name or the password is wrong." in html
    assert "không đúng" not in html
    register = web.post("/dang-ky/", {"identity_number": "123", "phone": "12"}).content.decode()
    assert "Please enter your full name." in register and "Vui lòng" not in register


@pytest.mark.usefixtures("one_rate_window")
def test_too_many_registrations_are_told_in_english(web: Client) -> None:
    from django.core.cache import cache

    from motcua.portal.auth_views import REGISTER_BY_IP

    cache.clear()
    web = in_english(web)
    for _ in range(REGISTER_BY_IP.attempts):
        web.post("/dang-ky/", {"identity_number": "123"})
    stopped = web.post("/dang-ky/", {"identity_number": "123"})
    assert stopped.status_code == 429
    html = stopped.content.decode()
    assert "too many registration requests" in html and "Vui lòng" not in html


def test_a_verification_error_in_english(web: Client) -> None:
    checked = in_english(web).post("/xac-thuc/", {"ma": "KHONG-CO-MA-NAY"})
    html = checked.content.decode()
    assert "No result has this verification code." in html
    assert "Không tìm thấy" not in html


def test_the_form_s_steps_are_named_in_english(hoa: Client, version: ProcedureVersion) -> None:
    from tests.portal.test_submit_online import start

    draft = start(in_english(hoa), version)
    stepper = page(hoa, f"/ho-so/{draft.pk}/khai/1/").split('class="stepper"')[1]
    assert "Attached documents" in stepper and "Review and submit" in stepper
    assert "Giấy tờ kèm theo" not in stepper and "Xem lại và nộp" not in stepper


def test_declaration_errors_follow_the_language(hoa: Client, version: ProcedureVersion) -> None:
    from tests.portal.test_submit_online import start

    draft = start(in_english(hoa), version)
    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {"d:child_name": "An", "d:child_birth_date": "31/02/2026", "next": "1"},
    )
    html = response.content.decode()
    # The field titles are the catalog's own (Vietnamese) words; the sentence is English.
    assert "«Ngày sinh» must be a real date, written day/month/year" in html
    assert "«Họ tên mẹ» is required." in html
    assert "phải là ngày có thật" not in html and "Thiếu thông tin bắt buộc" not in html


def test_the_browser_s_language_does_not_choose_for_the_citizen(web: Client) -> None:
    # Many phones, and Chromium itself, ask for English first.
    home = web.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,vi;q=0.8").content.decode()
    assert '<html lang="vi"' in home
    chosen = in_english(web).get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en"' in chosen
