"""Bà Hoa rates her returned dossier from its page in «Hồ sơ của tôi»: a reason is asked
for, next to its field, when she is not satisfied; she rates once; nobody else can."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Rating
from tests.dossiers.conftest import submit_online
from tests.feedback.conftest import resolve, return_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(
    citizen: User, version: ProcedureVersion, clerk: User, specialist: User, leader: User
) -> Dossier:
    return resolve(submit_online(citizen, version), clerk, specialist, leader)


@pytest.fixture
def returned(resolved: Dossier, clerk: User) -> Dossier:
    return return_result(resolved, clerk)


def page_of(dossier: Dossier) -> str:
    return f"/ho-so-cua-toi/{dossier.pk}/"


def rating_url(dossier: Dossier) -> str:
    return f"/ho-so-cua-toi/{dossier.pk}/danh-gia/"


def test_the_rating_form_appears_once_the_result_is_returned(
    hoa: Client, returned: Dossier
) -> None:
    html = hoa.get(page_of(returned)).content.decode()
    assert "Đánh giá mức độ hài lòng" in html
    for label in ("Rất hài lòng", "Hài lòng", "Không hài lòng"):
        assert f"> {label}</label>" in html
    assert f'action="{rating_url(returned)}#danh-gia"' in html


def test_no_rating_form_while_the_dossier_is_in_progress(hoa: Client, resolved: Dossier) -> None:
    html = hoa.get(page_of(resolved)).content.decode()
    assert "Đánh giá mức độ hài lòng" not in html


def test_not_satisfied_without_a_reason_shows_the_error_next_to_the_reason(
    hoa: Client, returned: Dossier
) -> None:
    response = hoa.post(rating_url(returned), {"level": "not_satisfied", "reason": " "})
    html = response.content.decode()

    assert response.status_code == 422
    assert 'id="rating-reason-error"' in html and "lý do bạn không hài lòng" in html
    assert 'aria-describedby="rating-reason-error" aria-invalid="true"' in html
    # Her choice is kept so she only has to add the reason.
    assert 'value="not_satisfied" id="rating-level-3" checked' in html
    assert not Rating.objects.exists()


def test_no_level_chosen_is_named_on_the_level_question(hoa: Client, returned: Dossier) -> None:
    response = hoa.post(rating_url(returned), {"reason": "Tốt"})
    html = response.content.decode()
    assert response.status_code == 422 and 'id="rating-level-error"' in html
    assert "Tốt</textarea>" in html


def test_with_a_reason_she_is_thanked_and_the_form_is_gone(hoa: Client, returned: Dossier) -> None:
    response = hoa.post(
        rating_url(returned), {"level": "not_satisfied", "reason": "Phải chờ lâu ở quầy."}
    )
    assert response.status_code == 302 and response["Location"] == page_of(returned) + "#danh-gia"

    html = hoa.get(page_of(returned)).content.decode()
    assert "Cảm ơn bạn đã đánh giá" in html
    assert "<strong>Không hài lòng</strong>" in html and "Phải chờ lâu ở quầy." in html
    assert "Gửi đánh giá" not in html
    assert Rating.objects.get().reason == "Phải chờ lâu ở quầy."


def test_a_second_rating_is_refused_with_a_clear_message(hoa: Client, returned: Dossier) -> None:
    hoa.post(rating_url(returned), {"level": "satisfied"})
    again = hoa.post(rating_url(returned), {"level": "very_satisfied"})

    assert again.status_code == 409
    assert "mỗi hồ sơ chỉ được đánh giá một lần" in again.content.decode()
    assert Rating.objects.get().level == "satisfied"


def test_rating_before_the_result_is_returned_is_refused(hoa: Client, resolved: Dossier) -> None:
    response = hoa.post(rating_url(resolved), {"level": "satisfied"})
    assert response.status_code == 409
    assert not Rating.objects.exists()


def test_another_citizen_cannot_reach_bà_hoas_rating(
    web: Client, returned: Dossier, other_citizen: User
) -> None:
    web.force_login(other_citizen)
    assert web.post(rating_url(returned), {"level": "very_satisfied"}).status_code == 404
    assert not Rating.objects.exists()


def test_the_clerk_cannot_rate_from_the_citizen_pages(
    web: Client, returned: Dossier, clerk: User
) -> None:
    web.force_login(clerk)
    assert web.post(rating_url(returned), {"level": "very_satisfied"}).status_code == 404
    assert not Rating.objects.exists()


def test_a_visitor_is_sent_to_log_in(web: Client, returned: Dossier) -> None:
    response = web.post(rating_url(returned), {"level": "satisfied"})
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert not Rating.objects.exists()


def test_the_rating_address_only_takes_posts(hoa: Client, returned: Dossier) -> None:
    assert hoa.get(rating_url(returned)).status_code == 405


def test_in_english_she_is_thanked_with_her_level_in_english(
    hoa: Client, returned: Dossier
) -> None:
    from tests.portal.english import in_english, text

    hoa.post(rating_url(returned), {"level": "very_satisfied"})
    english = text(in_english(hoa).get(page_of(returned)))
    assert "<strong>Very satisfied</strong>" in english
    assert "Rất hài lòng" not in english
