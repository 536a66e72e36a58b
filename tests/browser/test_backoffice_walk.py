"""Lan receives a birth registration at the counter with the keyboard only and prints the
receipt; Minh (specialist) and Hùng (leader) process it from their queues. axe-core
checks every back-office page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.models import User
from motcua.catalog import search
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, Status
from motcua.organizations.models import Agency
from tests.browser.axe import check_accessibility
from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in
from tests.dossiers.conftest import WEDNESDAY_9AM, make_version

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def working_morning() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY_9AM, tick=True):
        yield


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    search.invalidate()
    return make_version(commune_agency)


def visit(page: Page, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, name)


def tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the field has the focus, as a clerk would."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_a_clerk_receives_at_the_counter_with_the_keyboard_only(
    page: Page,
    live_server: LiveServer,
    clerk: User,
    proven_citizen: User,
    version: ProcedureVersion,
) -> None:
    log_in(page, live_server, clerk)
    page.goto(live_server.url + "/can-bo/tiep-nhan/")
    visit(page, "backoffice-desk-desktop")
    # The procedure list has the focus: Tab to «Tiếp tục», Enter.
    expect(page.locator("#thu_tuc")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Tiếp nhận hồ sơ: Đăng ký khai sinh"
    )
    page.wait_for_load_state()
    # The identity number has the focus; Tab fills in a returning citizen.
    expect(page.locator("#applicant_identity_number")).to_be_focused()
    page.keyboard.type("001190012345")
    page.keyboard.press("Tab")
    expect(page.locator("#applicant_name")).to_have_value("Nguyễn Thị Hoa")
    tab_to(page, "f-child_name")
    page.keyboard.type("Nguyễn Minh An")
    page.keyboard.press("Tab")
    page.keyboard.type("10/11/2026")
    tab_to(page, "f-child_sex-1")
    page.keyboard.press("Space")
    tab_to(page, "f-mother_name")
    page.keyboard.type("Nguyễn Thị Hoa")
    visit(page, "backoffice-intake-desktop")
    page.evaluate("() => { window.print = () => { document.body.dataset.printed = 'yes'; }; }")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    )
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED
    expect(page.get_by_test_id("receipt-code")).to_have_text(dossier.code or "")
    # The print button has the focus (autofocus lands after the first paint): Enter prints.
    page.evaluate("() => { window.print = () => { document.body.dataset.printed = 'yes'; }; }")
    expect(page.get_by_role("button", name="In giấy tiếp nhận")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-printed", "yes")
    visit(page, "backoffice-receipt-desktop")
    page.emulate_media(media="print")
    screenshot(page, "backoffice-receipt-print")


def test_specialist_and_leader_process_the_dossier(
    page: Page,
    live_server: LiveServer,
    clerk: User,
    specialist: User,
    leader: User,
    citizen: User,
    version: ProcedureVersion,
) -> None:
    from tests.dossiers.conftest import intake

    dossier = intake(clerk, version, applicant_user=citizen)
    log_in(page, live_server, clerk)
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/")
    visit(page, "backoffice-dossier-clerk-desktop")
    page.get_by_test_id("action-forward").click()
    expect(page.get_by_test_id("step")).to_contain_text("Thẩm định, đề xuất")

    page.context.clear_cookies()
    log_in(page, live_server, specialist)
    page.goto(live_server.url + "/can-bo/")
    expect(page.get_by_test_id("count-total")).to_have_text("1")
    visit(page, "backoffice-queue-desktop")
    page.get_by_role("link", name=dossier.code or "").click()
    page.get_by_test_id("action-take").click()
    expect(page.get_by_test_id("step")).to_contain_text("minh.chuyenvien")
    visit(page, "backoffice-dossier-specialist-desktop")
    page.get_by_test_id("action-forward").click()
    expect(page.get_by_test_id("step")).to_contain_text("Phê duyệt kết quả")

    page.context.clear_cookies()
    log_in(page, live_server, leader)
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/")
    visit(page, "backoffice-dossier-leader-desktop")
    page.get_by_test_id("action-approve").click()
    expect(page.get_by_test_id("step")).to_contain_text("Trả kết quả")

    page.context.clear_cookies()
    log_in(page, live_server, clerk)
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/")
    page.get_by_test_id("action-resolve").click()
    page.get_by_test_id("action-return_result").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã trả kết quả")
    visit(page, "backoffice-dossier-returned-desktop")


def test_the_queue_on_a_phone(
    phone: Page, live_server: LiveServer, clerk: User, version: ProcedureVersion
) -> None:
    from tests.dossiers.conftest import intake

    intake(clerk, version)
    log_in(phone, live_server, clerk)
    phone.goto(live_server.url + "/can-bo/?pham_vi=tat-ca")
    visit(phone, "backoffice-queue-phone")


@pytest.mark.parametrize("number", ["001190012345", "001090099999"])  # known, unknown
def test_a_name_typed_at_once_after_the_identity_number_stays_as_typed(
    page: Page,
    live_server: LiveServer,
    clerk: User,
    proven_citizen: User,
    version: ProcedureVersion,
    number: str,
) -> None:
    """The returning citizen's details arrive while the clerk may already be typing: what
    is typed is never replaced nor mixed with what arrives."""
    log_in(page, live_server, clerk)
    page.goto(live_server.url + f"/can-bo/tiep-nhan/{version.procedure.code}/")
    page.wait_for_load_state()
    page.locator("#applicant_identity_number").focus()
    page.keyboard.type(number)
    page.keyboard.press("Tab")
    page.keyboard.type("Trần Văn Bình", delay=30)
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#applicant_name")).to_have_value("Trần Văn Bình")
    if number == "001190012345":  # the rest of what the desk knows is filled in
        expect(page.locator("#applicant_phone")).to_have_value("0912345678")
