"""Bà Hoa logs in with her identity number, a password and a code sent to her phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from motcua.accounts.models import OneTimeCode, User
from motcua.audit.models import AuditEvent
from motcua.core.text import wait_phrase
from motcua.notifications.models import Delivery, SandboxSms
from motcua.notifications.services import delivery_send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_limits() -> None:
    cache.clear()


@pytest.fixture
def web() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def last_code(phone: str) -> str:
    # The test transaction never commits, so run the sending jobs the commit would start.
    for delivery in Delivery.objects.filter(state=Delivery.State.PENDING):
        delivery_send(delivery_id=delivery.pk)
    sms = SandboxSms.objects.filter(phone=phone).order_by("-id").first()
    assert sms is not None, "no text was sent"
    match = re.search(r"\b(\d{6})\b", sms.body)
    assert match
    return match.group(1)


def test_citizen_logs_in_with_a_code_sent_by_sms(web: Client, citizen: User) -> None:
    response = web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/xac-thuc/"
    assert "_auth_user_id" not in web.session  # not logged in before the code

    page = web.get("/dang-nhap/xac-thuc/").content.decode()
    assert "*******678" in page

    response = web.post("/dang-nhap/xac-thuc/", {"code": last_code(citizen.phone)})
    assert response.status_code == 302
    assert web.session["_auth_user_id"] == str(citizen.pk)
    assert AuditEvent.objects.filter(
        action="accounts.login_confirmed", subject_id=str(citizen.pk)
    ).exists()


def test_a_wrong_code_is_counted_and_five_wrong_codes_lock_it(web: Client, citizen: User) -> None:
    web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    good = last_code(citizen.phone)
    wrong = "000000" if good != "000000" else "111111"
    for left in [4, 3, 2, 1]:
        page = web.post("/dang-nhap/xac-thuc/", {"code": wrong}).content.decode()
        assert f"còn {left} lần thử" in page
    page = web.post("/dang-nhap/xac-thuc/", {"code": wrong}).content.decode()
    assert "lần thử" not in page  # never "còn 0 lần thử"
    assert "đã bị khóa" in page and "Gửi lại mã” để nhận mã mới" in page
    page = web.post("/dang-nhap/xac-thuc/", {"code": good}).content.decode()
    assert "sai quá nhiều lần" in page
    assert "_auth_user_id" not in web.session
    assert OneTimeCode.objects.get(user=citizen).attempts == 5


def test_codes_expire_after_five_minutes(web: Client, citizen: User) -> None:
    with time_machine.travel("2026-11-23 09:00 +0700", tick=False):
        web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
        code = last_code(citizen.phone)
    with time_machine.travel("2026-11-23 09:05:01 +0700", tick=False):
        page = web.post("/dang-nhap/xac-thuc/", {"code": code}).content.decode()
    assert "hết hạn" in page
    assert "_auth_user_id" not in web.session


def test_staff_log_in_with_a_password(web: Client, clerk: User) -> None:
    response = web.post("/dang-nhap/", {"identifier": "lan.tiepnhan", "password": "motcua-test"})
    assert response.status_code == 302
    assert web.session["_auth_user_id"] == str(clerk.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"identifier": "", "password": "x"}, "Vui lòng nhập số định danh"),
        ({"identifier": "00119001234", "password": "x"}, "đúng 12 chữ số"),
        ({"identifier": "001190012345", "password": ""}, "Vui lòng nhập mật khẩu"),
        ({"identifier": "001190012345", "password": "sai-mat-khau"}, "không đúng"),
    ],
)
def test_bad_logins_say_what_is_wrong_and_keep_the_identifier(
    web: Client, citizen: User, data: dict[str, str], message: str
) -> None:
    response = web.post("/dang-nhap/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    if data["identifier"]:
        assert f'value="{data["identifier"]}"' in page


@pytest.mark.usefixtures("one_rate_window")
def test_repeated_wrong_passwords_are_rate_limited(web: Client, citizen: User) -> None:
    for _ in range(8):
        web.post("/dang-nhap/", {"identifier": "001190012345", "password": "sai"})
    response = web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in web.session
    wait = wait_phrase(int(response["Retry-After"]))
    assert f"Vui lòng thử lại sau {wait}." in response.content.decode()


@pytest.mark.usefixtures("one_rate_window")
def test_someone_guessing_a_citizen_s_password_does_not_lock_the_citizen_out(
    citizen: User,
) -> None:
    guesser = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="203.0.113.9")
    for _ in range(8):
        guesser.post("/dang-nhap/", {"identifier": "001190012345", "password": "sai"})
    shut = guesser.post("/dang-nhap/", {"identifier": "001190012345", "password": "sai"})
    assert shut.status_code == 429
    # Bà Hoa, at home, from her own address: her password still works.
    owner = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="198.51.100.20")
    response = owner.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    assert response.status_code == 302 and response["Location"] != "/dang-nhap/"


@pytest.mark.usefixtures("one_rate_window")
def test_guessing_spread_over_many_addresses_is_stopped_per_account(citizen: User) -> None:
    from motcua.portal.auth_views import LOGIN_BY_ID

    for n in range(LOGIN_BY_ID.attempts):
        Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR=f"10.0.{n // 250}.{n % 250 + 1}").post(
            "/dang-nhap/", {"identifier": "001190012345", "password": "sai"}
        )
    late = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="192.0.2.1").post(
        "/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"}
    )
    assert late.status_code == 429


def test_registration_creates_a_citizen_and_confirms_the_phone(web: Client) -> None:
    response = web.post(
        "/dang-ky/",
        {
            "identity_number": "079195000123",
            "full_name": "Lê Thị Ánh",
            "phone": "0987654321",
            "password": "mot-cua-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(identity_number="079195000123")
    assert user.kind == User.Kind.CITIZEN
    web.post("/dang-nhap/xac-thuc/", {"code": last_code("0987654321")})
    assert web.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("identity_number", "12345", "12 chữ số"),
        ("identity_number", "999195000123", "mã tỉnh"),
        ("phone", "12345", "10 chữ số"),
        ("password", "123", "ít nhất 8"),
        ("email", "khong-phai-email", "không hợp lệ"),
        ("full_name", "Lê 123", "không có chữ số"),
        ("full_name", "Lê Thị 😀", "không in được trên giấy tờ: «😀»"),
        ("full_name", "<b>", "ít nhất hai chữ cái"),
    ],
)
def test_registration_errors_sit_next_to_the_field(
    web: Client, field: str, value: str, message: str
) -> None:
    data = {
        "identity_number": "079195000123",
        "full_name": "Lê Thị Ánh",
        "phone": "0987654321",
        "password": "mot-cua-2026",
        field: value,
    }
    response = web.post("/dang-ky/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(identity_number="079195000123").exists()


def test_an_existing_identity_number_cannot_register_twice(web: Client, citizen: User) -> None:
    response = web.post(
        "/dang-ky/",
        {
            "identity_number": citizen.identity_number,
            "full_name": "X",
            "phone": "0987654321",
            "password": "mot-cua-2026",
        },
    )
    assert "đã có tài khoản" in response.content.decode()


def _registration(identity_number: str, phone: str = "0987654321") -> dict[str, str]:
    return {
        "identity_number": identity_number,
        "full_name": "Lê Thị Ánh",
        "phone": phone,
        "password": "mot-cua-2026",
    }


@pytest.mark.usefixtures("one_rate_window")
def test_sweeping_identity_numbers_from_one_address_is_stopped(citizen: User) -> None:
    from motcua.portal.auth_views import REGISTER_BY_IP

    sweeper = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="203.0.113.9")
    for n in range(REGISTER_BY_IP.attempts):
        # Each answer tells whether the number has an account: that is what is limited.
        sweeper.post("/dang-ky/", {**_registration(f"0011900123{n:02d}"), "password": "x"})
    texts = SandboxSms.objects.count()
    stopped = sweeper.post("/dang-ky/", _registration("079195000123"))
    assert stopped.status_code == 429
    assert int(stopped["Retry-After"]) > 0
    page = stopped.content.decode()
    wait = wait_phrase(int(stopped["Retry-After"]))
    assert f"Vui lòng thử lại sau {wait}." in page
    assert 'value="079195000123"' in page  # what was typed stays, the password aside
    assert "mot-cua-2026" not in page
    assert not User.objects.filter(identity_number="079195000123").exists()
    assert SandboxSms.objects.count() == texts
    # Someone else, elsewhere, registers as usual.
    other = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="198.51.100.20")
    assert other.post("/dang-ky/", _registration("079195000123")).status_code == 302


@pytest.mark.usefixtures("one_rate_window")
def test_one_phone_is_not_texted_by_registration_again_and_again() -> None:
    from motcua.portal.auth_views import REGISTER_BY_PHONE

    for n in range(REGISTER_BY_PHONE.attempts):
        client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR=f"10.0.0.{n + 1}")
        assert client.post("/dang-ky/", _registration(f"0791950001{n:02d}")).status_code == 302
    last = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="10.0.1.1")
    stopped = last.post("/dang-ky/", _registration("079195000199"))
    assert stopped.status_code == 429
    assert not User.objects.filter(identity_number="079195000199").exists()
    assert User.objects.filter(phone="0987654321").count() == REGISTER_BY_PHONE.attempts
    # Another phone from that same address is not held back.
    assert last.post("/dang-ky/", _registration("079195000198", "0912000111")).status_code == 302


def test_open_redirects_are_refused(web: Client, clerk: User) -> None:
    response = web.post(
        "/dang-nhap/",
        {"identifier": "lan.tiepnhan", "password": "motcua-test", "next": "https://evil.example/"},
    )
    assert "evil" not in response["Location"]


def test_the_demo_shows_the_sandbox_text_on_the_code_page(
    web: Client, citizen: User, settings: Any
) -> None:
    settings.SANDBOX_INBOX = True
    web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    page = web.get("/dang-nhap/xac-thuc/").content.decode()
    assert "Tin nhắn chưa tới" in page  # the worker has not sent it yet
    code = last_code(citizen.phone)
    page = web.get("/dang-nhap/xac-thuc/").content.decode()
    assert f"Cong dich vu cong: {code}" in page


@pytest.mark.parametrize(
    ("inbox", "adapter"),
    [(False, ""), (True, "motcua.notifications.adapters.SandboxSmsAdapter")],
    ids=["inbox-off", "real-adapter-configured"],
)
def test_outside_the_demo_the_code_page_never_shows_the_text(
    web: Client, citizen: User, settings: Any, inbox: bool, adapter: str
) -> None:
    settings.SANDBOX_INBOX = inbox
    settings.NOTIFICATIONS_SMS_ADAPTER = adapter
    web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    code = last_code(citizen.phone)
    page = web.get("/dang-nhap/xac-thuc/").content.decode()
    assert code not in page
    assert "Hộp tin nhắn thử nghiệm" not in page


def inbox_of(page: str) -> str:
    start = page.index('data-testid="sandbox-inbox"')
    return page[start : page.index("</aside>", start)]


def test_after_resending_the_demo_inbox_waits_for_the_new_text(
    web: Client, citizen: User, settings: Any
) -> None:
    settings.SANDBOX_INBOX = True
    with time_machine.travel("2026-11-23 09:00 +0700", tick=False):
        web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    with time_machine.travel("2026-11-23 09:00:05 +0700", tick=False):
        old = last_code(citizen.phone)
    with time_machine.travel("2026-11-23 09:01 +0700", tick=False):
        web.post("/dang-nhap/xac-thuc/", {"resend": "1"})
        box = inbox_of(web.get("/dang-nhap/xac-thuc/").content.decode())
    assert old not in box  # that code no longer works
    assert "Tin nhắn chưa tới" in box
    with time_machine.travel("2026-11-23 09:01:03 +0700", tick=False):
        new = last_code(citizen.phone)
        box = inbox_of(web.get("/dang-nhap/xac-thuc/").content.decode())
    assert f"Cong dich vu cong: {new}" in box and old not in box


def test_the_waiting_demo_inbox_asks_again_every_two_seconds_then_stops(
    web: Client, citizen: User, settings: Any
) -> None:
    settings.SANDBOX_INBOX = True
    web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    waiting = inbox_of(web.get("/dang-nhap/xac-thuc/").content.decode())
    assert 'hx-get="/dang-nhap/xac-thuc/"' in waiting
    assert 'hx-trigger="every 2s"' in waiting
    assert 'hx-select="#sandbox-message"' in waiting and 'id="sandbox-message"' in waiting
    assert "tải lại trang" not in waiting.split("<noscript>")[0]  # no reload that loses a code
    last_code(citizen.phone)
    poll = web.get("/dang-nhap/xac-thuc/", HTTP_HX_REQUEST="true")
    arrived = inbox_of(poll.content.decode())
    assert poll.status_code == 200 and 'data-testid="sandbox-text"' in arrived
    assert 'id="sandbox-message"' in arrived and "hx-trigger" not in arrived


def test_the_demo_inbox_stops_asking_once_the_login_has_lapsed(
    web: Client, citizen: User, settings: Any
) -> None:
    settings.SANDBOX_INBOX = True
    with time_machine.travel("2026-11-23 09:00 +0700", tick=False):
        web.post("/dang-nhap/", {"identifier": "001190012345", "password": "motcua-test"})
    with time_machine.travel("2026-11-23 09:10:01 +0700", tick=False):
        poll = web.get("/dang-nhap/xac-thuc/", HTTP_HX_REQUEST="true")
        assert poll.status_code == 286 and poll["HX-Reswap"] == "none"
        # The person learns why on the next real page, not from a background request.
        page = web.get("/dang-nhap/xac-thuc/", follow=True).content.decode()
    assert "Phiên đăng nhập đã hết hạn" in page


def test_a_registered_name_is_kept_with_its_spaces_tidied(web: Client) -> None:
    web.post(
        "/dang-ky/",
        {
            "identity_number": "079195000123",
            "full_name": "  Lê   Thị  Ánh ",
            "phone": "0987654321",
            "password": "mot-cua-2026",
        },
    )
    assert User.objects.get(identity_number="079195000123").full_name == "Lê Thị Ánh"


def test_sent_to_log_in_from_a_page_the_citizen_is_told_why(web: Client) -> None:
    """«Nộp hồ sơ trực tuyến» leads to the login page: it says the page needs a login
    and that they will be taken back; opened on its own, it says nothing of the kind."""
    start = web.get("/nop-ho-so/1.001193/")
    assert start.status_code == 302 and start["Location"].startswith("/dang-nhap/?next=")
    reason = "Trang bạn vừa mở cần đăng nhập. Đăng nhập xong, bạn sẽ quay lại đúng trang đó."
    assert reason in web.get(start["Location"]).content.decode()
    assert reason not in web.get("/dang-nhap/").content.decode()
    wrong = web.post("/dang-nhap/?next=/ho-so-cua-toi/", {"identifier": "x", "password": "y"})
    assert reason not in wrong.content.decode()  # the mistake is what matters now
