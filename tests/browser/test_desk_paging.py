"""Lan pages through all of her ward's received dossiers, newest submitted first, three
to a page: she filters by status, follows «Trang sau» to the end and «Về trang đầu»
back, and a page link edited by hand shows her the first page with a word of warning.
axe-core checks the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.models import User
from motcua.backoffice import views as backoffice_views
from motcua.catalog import search
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, Status
from motcua.organizations.models import Agency
from tests.browser.axe import check_accessibility
from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in
from tests.dossiers.conftest import WEDNESDAY_9AM, intake, make_version

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 3
RECEIVED = str(int(Status.RECEIVED))


@pytest.fixture(autouse=True)
def working_morning() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY_9AM, tick=True):
        yield


@pytest.fixture(autouse=True)
def three_rows_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    # The live server is a thread of this process: it reads the patched page size.
    monkeypatch.setattr(backoffice_views, "QUEUE_ROWS", ROWS)


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    search.invalidate()
    return make_version(commune_agency)


@pytest.fixture
def received_newest_first(
    clerk: User, version: ProcedureVersion, other_agency: Agency
) -> list[str]:
    """Nine dossiers received at Hoàn Kiếm, submitted out of id order, and one Ba Đình
    received and decides. Two are already being processed; of the seven still «Đã tiếp
    nhận», two share an instant across the boundary of the first page and one is decided
    at Ba Đình. Their codes, newest submitted first, then highest id."""
    ids = [intake(clerk, version).pk for _ in range(9)]
    minutes = [5, 1, 9, 6, 3, 0, 11, 5, 8]
    start = WEDNESDAY_9AM - timedelta(hours=1)
    for pk, minute in zip(ids, minutes, strict=True):
        Dossier.objects.filter(pk=pk).update(submitted_at=start + timedelta(minutes=minute))
    Dossier.objects.filter(pk__in=[ids[2], ids[6]]).update(status=Status.PROCESSING)
    Dossier.objects.filter(pk=ids[1]).update(deciding_agency=other_agency)
    elsewhere = intake(clerk, version)
    Dossier.objects.filter(pk=elsewhere.pk).update(
        receiving_agency=other_agency, deciding_agency=other_agency
    )
    order = [ids[8], ids[3], ids[7], ids[0], ids[4], ids[1], ids[5]]
    codes = dict(Dossier.objects.filter(pk__in=order).values_list("pk", "code"))
    return [codes[pk] or "" for pk in order]


def codes_shown(page: Page) -> list[str]:
    return page.locator("#queue-rows table.queue tbody td:first-child a").all_inner_texts()


def expect_filtered(page: Page) -> None:
    expect(page).to_have_url(re.compile(rf"[?&]trang_thai={RECEIVED}(&|$)"))
    expect(page.get_by_label("Trạng thái")).to_have_value(RECEIVED)


def expect_first_page(page: Page, first: list[str]) -> None:
    rows = page.locator("#queue-rows table.queue tbody td:first-child a")
    expect(rows).to_have_text(first)
    expect(page.get_by_test_id("pager")).to_contain_text(f"Đang hiện {ROWS} hồ sơ nộp gần nhất.")
    expect(page).not_to_have_url(re.compile(r"[?&]sau="))


def test_a_clerk_pages_through_the_filtered_list_and_back(
    page: Page, live_server: LiveServer, clerk: User, received_newest_first: list[str]
) -> None:
    expected = received_newest_first
    log_in(page, live_server, clerk)
    page.goto(live_server.url + "/can-bo/?pham_vi=tat-ca")
    expect(page.get_by_role("link", name="Tất cả hồ sơ của cơ quan")).to_have_attribute(
        "aria-current", "page"
    )
    # Unfiltered, the newest dossier (already being processed) leads the list.
    expect(page.locator("#queue-rows tbody tr")).to_have_count(ROWS)
    assert codes_shown(page)[0] not in expected
    # A filter chosen on the second page starts the filtered list from its first page.
    with page.expect_navigation():
        page.get_by_test_id("next-page").click()
    expect(page).to_have_url(re.compile(r"[?&]sau="))

    page.get_by_label("Trạng thái").select_option(RECEIVED)
    expect_filtered(page)
    expect_first_page(page, expected[:ROWS])
    expect(page.get_by_test_id("first-page")).to_have_count(0)
    check_accessibility(page, "backoffice-all-filtered-first-page")

    seen = codes_shown(page)
    for _ in range(len(expected)):
        next_link = page.get_by_test_id("next-page")
        if next_link.count() == 0:
            break
        expect(next_link).to_have_text("Trang sau")
        with page.expect_navigation():
            next_link.click()
        expect_filtered(page)
        expect(page.get_by_test_id("pager")).to_contain_text("nộp trước các hồ sơ của trang trước")
        expect(page.get_by_test_id("first-page")).to_have_text("Về trang đầu")
        seen += codes_shown(page)
    else:
        raise AssertionError(f"«Trang sau» never went away; seen so far: {seen}")
    assert seen == expected, "each received dossier once, newest submitted first"
    check_accessibility(page, "backoffice-all-filtered-last-page")
    screenshot(page, "backoffice-all-filtered-last-page")

    with page.expect_navigation():
        page.get_by_test_id("first-page").click()
    expect_filtered(page)
    expect_first_page(page, expected[:ROWS])
    expect(page.get_by_test_id("first-page")).to_have_count(0)
    expect(page.get_by_test_id("bad-page")).to_have_count(0)


def test_a_hand_edited_page_link_shows_the_first_page_with_a_warning(
    page: Page, live_server: LiveServer, clerk: User, received_newest_first: list[str]
) -> None:
    expected = received_newest_first
    log_in(page, live_server, clerk)
    page.goto(f"{live_server.url}/can-bo/?pham_vi=tat-ca&trang_thai={RECEIVED}&sau=trang-3")

    alert = page.get_by_role("alert")
    expect(alert).to_have_text("Liên kết trang không hợp lệ nên đang hiện trang đầu.")
    expect(alert).to_have_attribute("data-testid", "bad-page")
    expect(page.locator("#queue-rows table.queue tbody td:first-child a")).to_have_text(
        expected[:ROWS]
    )
    expect(page.get_by_label("Trạng thái")).to_have_value(RECEIVED)
    check_accessibility(page, "backoffice-all-bad-page-link")
    screenshot(page, "backoffice-all-bad-page-link")

    # «Trang sau» from there goes on from the first page, as from any first page.
    with page.expect_navigation():
        page.get_by_test_id("next-page").click()
    expect_filtered(page)
    expect(page.get_by_test_id("bad-page")).to_have_count(0)
    expect(page.locator("#queue-rows table.queue tbody td:first-child a")).to_have_text(
        expected[ROWS : 2 * ROWS]
    )

    with page.expect_navigation():
        page.get_by_test_id("first-page").click()
    expect_filtered(page)
    expect_first_page(page, expected[:ROWS])
    expect(page.get_by_test_id("bad-page")).to_have_count(0)
