"""A citizen on a 360 px phone finds birth registration typed without accents, submits it
with an upload, follows it, answers a supplement request and downloads the receipt; a
draft saved on the phone resumes on a desktop, and one abandoned is deleted. axe-core
checks every page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.models import User
from motcua.catalog import search
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from motcua.organizations.models import Agency
from tests.browser.axe import check_accessibility
from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in
from tests.dossiers.conftest import WEDNESDAY_9AM, make_version, submit_online
from tests.portal.conftest import PDF

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def working_morning() -> Iterator[None]:
    cache.clear()  # look-up failures of earlier tests count against this client
    with time_machine.travel(WEDNESDAY_9AM, tick=True):
        yield


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    search.invalidate()
    return make_version(commune_agency, name="Thủ tục đăng ký khai sinh")


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "giay-chung-sinh.pdf"
    path.write_bytes(PDF)
    return path


def visit(page: Page, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size
    assert viewport is not None and width <= viewport["width"], (
        f"{name} scrolls sideways ({width}px)"
    )


def test_submit_a_birth_registration_from_a_phone(
    phone: Page, live_server: LiveServer, citizen: User, version: ProcedureVersion, scan: Path
) -> None:
    log_in(phone, live_server, citizen)
    phone.goto(live_server.url + "/thu-tuc/?q=dang+ky+khai+sinh")
    phone.locator(".procedure-item .procedure-link").first.click()
    phone.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    visit(phone, "citizen-start-phone")
    phone.get_by_role("button", name="Bắt đầu khai hồ sơ mới").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Thông tin chung")
    phone.get_by_label("Họ, chữ đệm, tên trẻ").fill("Nguyễn Minh An")
    phone.get_by_label("Ngày sinh").fill("31/02/2026")
    phone.get_by_label("Nam", exact=True).check()
    phone.get_by_role("button", name="Tiếp tục").click()
    # The wrong date is named next to the field and kept as typed.
    expect(phone.locator("#f-child_birth_date-error")).to_contain_text("phải là ngày có thật")
    expect(phone.get_by_label("Ngày sinh")).to_have_value("31/02/2026")
    visit(phone, "citizen-step-error-phone")
    phone.get_by_label("Ngày sinh").fill("10/11/2026")
    phone.get_by_label("Họ tên mẹ").fill("Nguyễn Thị Hoa")
    phone.get_by_role("button", name="Tiếp tục").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Giấy tờ kèm theo")
    phone.locator("#doc-to-khai").get_by_label("Nộp bản giấy tại Bộ phận Một cửa").check()
    phone.locator("#doc-giay-ket-hon").get_by_label("Không có").check()
    # A document brought on paper, or not had, shows no file picker; choosing to upload
    # brings it back.
    expect(phone.locator("#file-to-khai")).to_be_hidden()
    expect(phone.locator("#file-giay-ket-hon")).to_be_hidden()
    phone.locator("#doc-giay-ket-hon").get_by_label("Tải tệp lên").check()
    expect(phone.locator("#file-giay-ket-hon")).to_be_visible()
    phone.locator("#doc-giay-ket-hon").get_by_label("Không có").check()
    phone.set_input_files("#file-giay-chung-sinh", str(scan))
    visit(phone, "citizen-documents-phone")
    phone.get_by_role("button", name="Tiếp tục").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Xem lại và nộp hồ sơ")
    expect(phone.locator("main")).to_contain_text("10/11/2026")
    visit(phone, "citizen-review-phone")
    phone.get_by_role("button", name="Nộp hồ sơ").dblclick()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ thành công")
    visit(phone, "citizen-submitted-phone")
    assert Dossier.objects.filter(status=Status.NEW).count() == 1


def test_a_draft_saved_on_the_phone_resumes_on_a_desktop(
    phone: Page, page: Page, live_server: LiveServer, citizen: User, version: ProcedureVersion
) -> None:
    log_in(phone, live_server, citizen)
    phone.goto(live_server.url + "/nop-ho-so/1.001193/")
    phone.get_by_role("button", name="Bắt đầu khai hồ sơ mới").click()
    # Autosave listens once htmx has loaded (deferred script): type after the page has.
    phone.wait_for_load_state()
    phone.get_by_label("Họ, chữ đệm, tên trẻ").fill("Nguyễn Minh An")
    phone.get_by_label("Họ tên mẹ").fill("Nguyễn Thị Hoa")
    phone.get_by_label("Họ tên mẹ").blur()
    # Autosave (htmx, on change) confirms without leaving the page.
    expect(phone.locator("#save-state")).to_contain_text("Đã lưu nháp lúc")
    visit(phone, "citizen-step-phone")

    log_in(page, live_server, citizen)
    page.goto(live_server.url + "/nop-ho-so/1.001193/")
    page.get_by_role("link", name="Tiếp tục bản nháp").click()
    expect(page.get_by_label("Họ, chữ đệm, tên trẻ")).to_have_value("Nguyễn Minh An")
    expect(page.get_by_label("Họ tên mẹ")).to_have_value("Nguyễn Thị Hoa")
    visit(page, "citizen-step-desktop")


def test_answer_a_supplement_request_and_download_the_receipt(
    page: Page,
    live_server: LiveServer,
    citizen: User,
    clerk: User,
    version: ProcedureVersion,
    scan: Path,
) -> None:
    from tests.dossiers.conftest import submit_online

    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    dossier = services.dossier_request_supplement(
        dossier=dossier,
        actor=clerk,
        expected_version=dossier.version,
        reason="Vui lòng tải lên bản chụp Giấy chứng sinh.",
    )
    log_in(page, live_server, citizen)
    page.goto(live_server.url + "/ho-so-cua-toi/")
    visit(page, "citizen-my-dossiers-desktop")
    page.get_by_role("link", name="Bổ sung ngay").click()
    expect(page.locator("#bo-sung")).to_contain_text("Giấy chứng sinh")
    visit(page, "citizen-supplement-desktop")
    page.set_input_files("#file-giay-chung-sinh", str(scan))
    page.get_by_role("button", name="Gửi bổ sung").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã tiếp nhận")

    with page.expect_download() as download:
        page.get_by_test_id("receipt-link").click()
    saved = download.value.path()
    assert saved is not None and Path(saved).read_bytes().startswith(b"%PDF")
    visit(page, "citizen-dossier-desktop")

    page.goto(f"{live_server.url}/tra-cuu/?ma={dossier.code}")
    page.get_by_label("Mã tra cứu hoặc số điện thoại").fill(dossier.lookup_secret)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_test_id("lookup-status")).to_have_text("Đã tiếp nhận")
    visit(page, "citizen-lookup-desktop")


def test_an_abandoned_draft_is_deleted_after_confirming(
    phone: Page, live_server: LiveServer, citizen: User, version: ProcedureVersion
) -> None:
    services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration={"child_name": "Nguyễn Minh An"},
    )
    log_in(phone, live_server, citizen)
    phone.goto(live_server.url + "/ho-so-cua-toi/")
    visit(phone, "citizen-mine-draft-phone")
    phone.get_by_role("link", name="Xóa bản nháp").click()
    expect(phone.get_by_role("heading", name="Xóa bản nháp?")).to_be_visible()
    visit(phone, "citizen-draft-delete-phone")
    phone.get_by_role("button", name="Xóa bản nháp").click()
    expect(phone.get_by_text("Đã xóa bản nháp hồ sơ «Thủ tục đăng ký khai sinh».")).to_be_visible()
    expect(phone.get_by_text("Bạn chưa có hồ sơ nào.")).to_be_visible()
    assert not Dossier.objects.exists()


def test_a_dossier_not_yet_received_is_withdrawn_with_a_reason(
    phone: Page, live_server: LiveServer, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    log_in(phone, live_server, citizen)
    phone.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.pk}/")
    phone.get_by_test_id("withdraw").click()
    expect(phone.get_by_role("heading", name="Rút hồ sơ?")).to_be_visible()
    visit(phone, "citizen-withdraw-phone")
    phone.get_by_label("Lý do rút hồ sơ (không bắt buộc)").fill("Nộp nhầm cơ quan.")
    phone.get_by_test_id("confirm-withdraw").click()
    expect(phone.get_by_text("Đã rút hồ sơ. Cơ quan sẽ không xử lý hồ sơ này.")).to_be_visible()
    expect(phone.get_by_test_id("status")).to_have_text("Công dân yêu cầu rút hồ sơ")
    assert Dossier.objects.get(pk=dossier.pk).status == Status.WITHDRAWN
