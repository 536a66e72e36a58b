"""POST /api/v1/dossiers/{ref}/rating: the applicant rates by code or id; bad input,
wrong people and wrong moments get a clear 4xx naming the field, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.tokens import api_token_create
from motcua.feedback.models import Rating

pytestmark = pytest.mark.django_db


def logged_in(user: User, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def rate(client: Client, ref: object, body: Any, **extra: Any) -> Any:
    payload = body if isinstance(body, str) else json.dumps(body)
    return client.post(
        f"/api/v1/dossiers/{ref}/rating", payload, content_type="application/json", **extra
    )


def test_the_applicant_rates_by_dossier_code(returned: Dossier, citizen: User) -> None:
    response = rate(logged_in(citizen), returned.code, {"level": "very_satisfied"})

    assert response.status_code == 201, response.content
    assert response.json()["level"] == "very_satisfied"
    assert response.json()["level_label"] == "Rất hài lòng"
    assert response.json()["dossier"] == returned.code
    assert Rating.objects.get().dossier == returned


def test_the_applicant_rates_by_numeric_id_and_reads_it_back(
    returned: Dossier, citizen: User
) -> None:
    client = logged_in(citizen)
    posted = rate(client, returned.pk, {"level": "not_satisfied", "reason": "Chờ quá lâu"})
    read = client.get(f"/api/v1/dossiers/{returned.code}/rating")

    assert posted.status_code == 201
    assert read.status_code == 200 and read.json()["reason"] == "Chờ quá lâu"


def test_reading_a_rating_that_does_not_exist_is_a_404(returned: Dossier, citizen: User) -> None:
    response = logged_in(citizen).get(f"/api/v1/dossiers/{returned.code}/rating")
    assert response.status_code == 404 and "chưa được đánh giá" in response.json()["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"level": "not_satisfied"}, "reason"),
        ({"level": "not_satisfied", "reason": "   "}, "reason"),
        ({"level": "rat_hai_long"}, "level"),
        ({"level": "satisfied", "reason": "x" * 2001}, "reason"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(
    returned: Dossier, citizen: User, body: dict[str, str], field: str
) -> None:
    response = rate(logged_in(citizen), returned.code, body)

    assert response.status_code == 422
    assert response.json()["field"] == field and response.json()["message"]
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"level": 3}, {"reason": "thiếu mức"}, "{không phải json", "[]"]
)
def test_malformed_bodies_are_a_4xx_not_a_500(returned: Dossier, citizen: User, body: Any) -> None:
    response = rate(logged_in(citizen), returned.code, body)

    assert 400 <= response.status_code < 500, response.content
    assert response.json()["message"]
    assert not Rating.objects.exists()


def test_a_second_rating_is_a_409_with_a_clear_message(returned: Dossier, citizen: User) -> None:
    client = logged_in(citizen)
    rate(client, returned.code, {"level": "satisfied"})
    again = rate(client, returned.code, {"level": "very_satisfied"})

    assert again.status_code == 409
    assert "chỉ được đánh giá một lần" in again.json()["message"]
    assert Rating.objects.get().level == "satisfied"


def test_a_dossier_still_in_progress_cannot_be_rated(resolved: Dossier, citizen: User) -> None:
    response = rate(logged_in(citizen), resolved.code, {"level": "satisfied"})
    assert response.status_code == 409 and "trả kết quả" in response.json()["message"]


def test_another_citizen_gets_the_same_404_as_for_a_missing_dossier(
    returned: Dossier, other_citizen: User
) -> None:
    client = logged_in(other_citizen)
    theirs = rate(client, returned.code, {"level": "not_satisfied", "reason": "x"})
    missing = rate(client, "000.01.01.H26-261118-9999", {"level": "satisfied"})

    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert not Rating.objects.exists()


def test_the_clerk_who_returned_the_result_cannot_rate_it(returned: Dossier, clerk: User) -> None:
    response = rate(logged_in(clerk), returned.code, {"level": "very_satisfied"})
    assert response.status_code == 403 and "người nộp hồ sơ" in response.json()["message"]
    assert not Rating.objects.exists()


def test_an_integrators_token_cannot_rate_on_the_citizens_behalf(
    returned: Dossier, clerk: User
) -> None:
    _, raw = api_token_create(
        user=clerk, agency=returned.receiving_agency, name="Cổng DVC quốc gia", actor=clerk
    )
    response = rate(
        Client(), returned.code, {"level": "satisfied"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 403


def test_anonymous_callers_are_turned_away(returned: Dossier) -> None:
    assert rate(Client(), returned.code, {"level": "satisfied"}).status_code == 401


def test_session_posts_need_the_csrf_token(returned: Dossier, citizen: User) -> None:
    client = logged_in(citizen, enforce_csrf_checks=True)
    assert rate(client, returned.code, {"level": "satisfied"}).status_code == 403
    assert not Rating.objects.exists()


def test_the_endpoint_is_documented_in_openapi() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/dossiers/{ref}/rating"]
