"""Bà Hoa got her birth certificate back and is not satisfied: she says so without a
reason and is asked for one next to the field, then gives it and is thanked. axe-core
checks the page in both states; screenshots are kept for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Rating
from motcua.organizations.models import Agency
from tests.browser.axe import check_accessibility
from tests.browser.conftest import screenshot
from tests.browser.helpers import log_in
from tests.dossiers.conftest import WEDNESDAY_9AM, make_version, submit_online
from tests.feedback.conftest import resolve, return_result

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def working_morning() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY_9AM, tick=True):
        yield


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]


@pytest.fixture
def returned(
    commune_agency: Agency, citizen: User, clerk: User, specialist: User, leader: User
) -> Dossier:
    version = make_version(commune_agency, name="Thủ tục đăng ký khai sinh")
    dossier = resolve(submit_online(citizen, version), clerk, specialist, leader)
    return return_result(dossier, clerk)


def test_not_satisfied_needs_a_reason_then_she_is_thanked(
    phone: Page, live_server: LiveServer, citizen: User, returned: Dossier
) -> None:
    log_in(phone, live_server, citizen)
    phone.goto(f"{live_server.url}/ho-so-cua-toi/{returned.pk}/")
    rating = phone.locator("#danh-gia")
    expect(rating.get_by_role("heading", level=2)).to_have_text("Đánh giá mức độ hài lòng")
    check_accessibility(phone, "citizen-rating-form-phone")

    rating.get_by_role("radio", name="Không hài lòng").check()
    rating.get_by_role("button", name="Gửi đánh giá").click()

    reason = phone.get_by_role("textbox", name="Lý do")
    expect(phone.locator("#rating-reason-error")).to_have_text(
        "Hãy cho biết lý do bạn không hài lòng."
    )
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_attribute("aria-describedby", "rating-reason-error")
    expect(phone.get_by_role("radio", name="Không hài lòng")).to_be_checked()
    assert not Rating.objects.exists()
    check_accessibility(phone, "citizen-rating-error-phone")
    screenshot(phone, "citizen-rating-error-phone")

    reason.fill("Phải đến quầy hai lần vì hướng dẫn trên mạng chưa rõ.")
    phone.get_by_role("button", name="Gửi đánh giá").click()

    expect(phone.get_by_test_id("rating-thanks")).to_contain_text("Cảm ơn bạn đã đánh giá")
    expect(phone.get_by_test_id("rating-thanks")).to_contain_text("Không hài lòng")
    expect(phone.get_by_role("button", name="Gửi đánh giá")).to_have_count(0)
    saved = Rating.objects.get()
    assert saved.level == "not_satisfied" and saved.reason.startswith("Phải đến quầy")
    check_accessibility(phone, "citizen-rating-thanks-phone")
    screenshot(phone, "citizen-rating-thanks-phone")
