"""A citizen finds a procedure by typing without accents, then reads it on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.catalog import search
from motcua.core.qr import qr_matrix
from motcua.organizations.models import Agency
from tests.browser.conftest import screenshot
from tests.catalog.factories import real_catalog

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _catalog(commune_agency: Agency, settings: object) -> None:
    search.invalidate()
    real_catalog(agencies=[commune_agency])


def test_search_without_accents_and_open_the_procedure(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_label("Bạn cần làm thủ tục gì?")).to_be_visible()
    screenshot(page, "catalog-home-desktop")

    page.get_by_label("Bạn cần làm thủ tục gì?").fill("dang ky khai sinh")
    # Suggestions arrive as you type (htmx), before pressing Enter.
    expect(page.locator("#suggestions li").first).to_contain_text("Thủ tục đăng ký khai sinh")
    page.get_by_label("Bạn cần làm thủ tục gì?").press("Enter")
    first = page.locator(".procedure-item .procedure-link").first
    expect(first).to_have_text("Thủ tục đăng ký khai sinh")
    first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    expect(page.get_by_test_id("procedure-code")).to_have_text("1.001193")
    expect(page.get_by_test_id("duration")).to_contain_text("5 ngày làm việc")
    expect(page.get_by_test_id("fees")).to_contain_text("8.000 đồng")
    expect(page.locator("table.documents")).to_contain_text("Tờ khai theo mẫu")
    screenshot(page, "catalog-procedure-desktop")


def test_the_qr_code_encodes_the_page_address(
    page: Page, live_server: LiveServer, settings: object
) -> None:
    page.goto(live_server.url + "/thu-tuc/1.001193/")
    figure = page.locator("figure.qr")
    payload = figure.get_attribute("data-qr-payload")
    assert payload is not None
    assert payload.endswith("/thu-tuc/1.001193/")
    # The drawn modules are exactly those of the QR code for that address.
    dark = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.qr svg path'))
                 .map(p => p.getAttribute('d')).join('')"""
    )
    expected_dark = sum(sum(row) for row in qr_matrix(payload))
    assert dark.count("z") == expected_dark
    box = figure.locator("svg").bounding_box()
    assert box is not None
    assert box["width"] >= 100


def test_a_phone_reads_the_procedure(phone: Page, live_server: LiveServer) -> None:
    phone.goto(live_server.url + "/thu-tuc/?q=DANG+KY+KHAI+SINH")
    phone.locator(".procedure-item .procedure-link").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(phone, "catalog-procedure-phone")
    phone.goto(live_server.url + "/")
    screenshot(phone, "catalog-home-phone")
