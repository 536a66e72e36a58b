"""Bà Hoa submits a birth registration online and downloads her receipt; Lan receives it,
Minh drafts the birth extract and corrects it, Hùng approves and signs it; Bà Hoa
downloads the signed result and the public verification page says it is genuine, and
that a copy with one byte changed is not. axe-core checks each page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.models import User
from motcua.catalog import search
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import Result, ResultTemplate
from motcua.documents.services import certificate_issue_demo
from motcua.dossiers.models import Dossier, Status
from motcua.organizations.models import Agency
from tests.browser.axe import check_accessibility
from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in
from tests.documents.conftest import demo_ca_dir  # noqa: F401  (the demo CA, made once)
from tests.dossiers.conftest import WEDNESDAY_9AM, make_version
from tests.portal.conftest import PDF

pytestmark = pytest.mark.django_db(transaction=True)

LEADER_NAME = "Phạm Văn Hùng"
CORRECTION = "Ghi chú: đã đối chiếu bản chính Giấy chứng sinh."


@pytest.fixture(autouse=True)
def working_morning(settings: Any, demo_ca_dir: Path, tmp_path: Path) -> Iterator[None]:  # noqa: F811
    settings.MOTCUA_KEYS_DIR = str(demo_ca_dir)
    settings.MEDIA_ROOT = str(tmp_path / "files")
    settings.MOTCUA_TRUST_DEMO_CA = True
    settings.MOTCUA_TRUST_ROOTS = []
    cache.clear()
    with time_machine.travel(WEDNESDAY_9AM, tick=True):
        yield


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    search.invalidate()
    version = make_version(commune_agency, name="Thủ tục đăng ký khai sinh")
    ResultTemplate.objects.create(
        agency=commune_agency,
        procedure=version.procedure,
        name="Trích lục khai sinh",
        title="Trích lục khai sinh",
        body=(
            "Họ, chữ đệm, tên: {{ child_name }}\n"
            "Ngày, tháng, năm sinh: {{ child_birth_date }}\n"
            "Giới tính: {{ child_sex }}\n"
            "Họ, chữ đệm, tên người mẹ: {{ mother_name }}\n\n"
            "Đã đăng ký khai sinh tại {{ agency_name }} theo hồ sơ số {{ dossier_code }}."
        ),
    )
    return version


@pytest.fixture
def signing_leader(leader: User, commune_agency: Agency) -> User:
    leader.full_name = LEADER_NAME
    leader.save(update_fields=["full_name"])
    certificate_issue_demo(user=leader, agency=commune_agency)
    return leader


def visit(page: Page, name: str) -> None:
    page.wait_for_load_state("networkidle")  # the PDF preview frames have loaded
    check_accessibility(page, name)
    screenshot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size
    assert viewport is not None and width <= viewport["width"], f"{name} scrolls sideways"


def switch(page: Page, live_server: LiveServer, user: User, path: str) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, user)
    page.goto(live_server.url + path)


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def download(page: Page, test_id: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_test_id(test_id).first.click()
    saved = info.value.path()
    assert saved is not None
    return Path(saved).read_bytes()


def submit_online(page: Page, live_server: LiveServer, citizen: User, scan: Path) -> Dossier:
    log_in(page, live_server, citizen)
    page.goto(live_server.url + "/nop-ho-so/1.001193/")
    page.get_by_role("button", name="Bắt đầu khai hồ sơ mới").click()
    page.get_by_label("Họ, chữ đệm, tên trẻ").fill("Nguyễn Minh An")
    page.get_by_label("Ngày sinh").fill("10/11/2026")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Họ tên mẹ").fill("Nguyễn Thị Hoa")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Giấy tờ kèm theo")
    page.locator("#doc-to-khai").get_by_label("Nộp bản giấy tại Bộ phận Một cửa").check()
    page.locator("#doc-giay-ket-hon").get_by_label("Không có").check()
    page.set_input_files("#file-giay-chung-sinh", str(scan))
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ thành công")
    return Dossier.objects.get(status=Status.NEW)


def test_submit_receive_draft_sign_and_verify(
    page: Page,
    phone: Page,
    live_server: LiveServer,
    citizen: User,
    clerk: User,
    specialist: User,
    signing_leader: User,
    version: ProcedureVersion,
    tmp_path: Path,
) -> None:
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(PDF)
    dossier = submit_online(page, live_server, citizen, scan)

    # Lan receives it at the desk and passes it to the specialist office.
    switch(page, live_server, clerk, f"/can-bo/ho-so/{dossier.pk}/")
    page.get_by_test_id("action-receive").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    )
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/")
    page.get_by_test_id("action-forward").click()
    expect(page.get_by_test_id("step")).to_contain_text("Thẩm định, đề xuất")
    dossier.refresh_from_db()
    assert dossier.code

    # Bà Hoa downloads her receipt: a PDF that names her dossier.
    switch(page, live_server, citizen, f"/ho-so-cua-toi/{dossier.pk}/")
    receipt = download(page, "receipt-link")
    assert dossier.code in pdf_text(receipt)

    # Minh takes it, drafts the extract from the template and corrects the text.
    switch(page, live_server, specialist, f"/can-bo/ho-so/{dossier.pk}/")
    page.get_by_test_id("action-take").click()
    page.get_by_test_id("open-drafting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Soạn kết quả giải quyết")
    page.get_by_test_id("draft-button").click()
    body = page.get_by_test_id("result-body")
    expect(body).to_contain_text("Họ, chữ đệm, tên: Nguyễn Minh An")
    body.fill(body.input_value() + "\n\n" + CORRECTION)
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("result-body")).to_contain_text(CORRECTION)
    preview = download(page, "preview-download")
    assert CORRECTION in pdf_text(preview)
    visit(page, "signing-drafting-desktop")
    log_in(phone, live_server, specialist)
    phone.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/ket-qua/")
    visit(phone, "signing-drafting-phone")
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/")
    page.get_by_test_id("action-forward").click()
    expect(page.get_by_test_id("step")).to_contain_text("Phê duyệt kết quả")

    # Hùng reads the draft as it will print, then approves and signs with one button.
    switch(page, live_server, signing_leader, f"/can-bo/ho-so/{dossier.pk}/")
    page.get_by_test_id("open-sign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phê duyệt và ký số kết quả")
    expect(page.locator("main")).to_contain_text(CORRECTION)
    visit(page, "signing-leader-desktop")
    phone.context.clear_cookies()
    log_in(phone, live_server, signing_leader)
    phone.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/ky-so/")
    visit(phone, "signing-leader-phone")
    page.get_by_test_id("sign-button").click()
    expect(page.locator(".messages")).to_contain_text("Đã phê duyệt và ký số kết quả")
    expect(page.get_by_test_id("step")).to_contain_text("Trả kết quả")
    visit(page, "signing-leader-signed-desktop")
    assert Result.objects.get(dossier=dossier).state == Result.State.SIGNED

    # Bà Hoa downloads the signed result and checks it on the public verification page.
    switch(page, live_server, citizen, f"/ho-so-cua-toi/{dossier.pk}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Trích lục khai sinh").click()
    signed_path = info.value.path()
    assert signed_path is not None
    signed = Path(signed_path).read_bytes()
    assert CORRECTION in pdf_text(signed)

    page.goto(live_server.url + "/xac-thuc/")
    page.set_input_files("#verify-file", str(signed_path))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    verdict = page.locator(".verify-result")
    expect(verdict).to_contain_text("Văn bản hợp lệ")
    expect(verdict).to_contain_text(LEADER_NAME)
    expect(verdict).to_contain_text(dossier.code or "")
    visit(page, "signing-verify-valid-desktop")

    tampered = bytearray(signed)
    tampered[tampered.index(b"stream") + 40] ^= 0x01
    copy = tmp_path / "ban-da-sua.pdf"
    copy.write_bytes(bytes(tampered))
    page.set_input_files("#verify-file", str(copy))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.locator(".verify-result")).to_contain_text("Văn bản không hợp lệ")
    expect(page.locator(".verify-result")).to_contain_text("thay đổi sau khi ký")
    visit(page, "signing-verify-tampered-desktop")
