"""An integrator or a citizen's app that chose English (the language switch's cookie,
as on the pages: the browser's Accept-Language is left out on purpose) reads the API's
own refusals in English; without the choice they stay Vietnamese."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def as_user(user: User | None, language: str = "vi") -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    if language != "vi":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def message(response: Any) -> str:
    return str(response.json()["message"])


def both(user: User | None, method: str, url: str, body: Any = None) -> tuple[str, str]:
    """The same request's message in English and in the default language."""
    said = []
    for language in ("en", "vi"):
        client = as_user(user, language)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, json.dumps(body), content_type="application/json")
        assert 400 <= response.status_code < 500, response.content
        said.append(message(response))
    return said[0], said[1]


def test_an_unknown_procedure_or_agency_is_named_in_english(
    citizen: User, version: ProcedureVersion
) -> None:
    body = {"procedure": "9.999999", "agency": "000.01.01.H26", "declaration": {}}
    english, vietnamese = both(citizen, "POST", "/api/v1/dossiers", body)
    assert english == "There is no procedure with code «9.999999»."
    assert vietnamese == "Không có thủ tục mã «9.999999»."

    body = {"procedure": "1.001193", "agency": "000.99.99.H26", "declaration": {}}
    english, vietnamese = both(citizen, "POST", "/api/v1/dossiers", body)
    assert english == "There is no agency with code «000.99.99.H26»."
    assert vietnamese == "Không có cơ quan mã «000.99.99.H26»."


def test_an_intake_without_an_applicant_is_refused_in_english(
    clerk: User, version: ProcedureVersion
) -> None:
    body = {"procedure": "1.001193", "agency": "000.01.01.H26", "declaration": {}}
    english, vietnamese = both(clerk, "POST", "/api/v1/dossiers", body)
    assert english == "The applicant's details are required."
    assert vietnamese == "Cần thông tin người nộp hồ sơ."


def test_the_after_parameter_s_refusals_are_english(specialist: User) -> None:
    english, vietnamese = both(specialist, "GET", "/api/v1/dossiers?queue=true&after=x")
    assert english == (
        "The after parameter is only for officials' dossier lists (without queue=true)."
    )
    assert vietnamese.startswith("Tham số after chỉ dùng cho danh sách hồ sơ của cán bộ")

    english, vietnamese = both(specialist, "GET", "/api/v1/dossiers?after=not-a-cursor")
    assert english.startswith("Invalid after value")
    assert vietnamese.startswith("Giá trị after không hợp lệ")


def test_a_missing_draft_rating_or_lookup_is_told_in_english(
    citizen: User, new_dossier: Dossier
) -> None:
    english, vietnamese = both(citizen, "POST", f"/api/v1/drafts/{10**6}/submit", {})
    assert english == "Draft not found." and vietnamese == "Không tìm thấy bản nháp."

    english, vietnamese = both(citizen, "GET", f"/api/v1/dossiers/{new_dossier.pk}/rating")
    assert english == "The dossier has not been rated yet."
    assert vietnamese == "Hồ sơ chưa được đánh giá."

    lookup = {"code": "X-000000-0001", "secret": "AAAAAAAA"}
    english, vietnamese = both(None, "POST", "/api/v1/lookup", lookup)
    assert english == "No dossier matches the dossier code and look-up code entered."
    assert vietnamese == "Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập."


def test_a_caller_without_a_session_or_token_is_told_in_english(db: None) -> None:
    english, vietnamese = both(None, "GET", "/api/v1/dossiers")
    assert english == "Log in or send a valid access token."
    assert vietnamese == "Cần đăng nhập hoặc mã truy cập hợp lệ."


def test_a_verification_without_file_or_code_is_refused_in_english(db: None) -> None:
    english, vietnamese = both(None, "POST", "/api/v1/verify", {})
    assert english == ("Send the PDF file (field «file») or the verification code (field «code»).")
    assert vietnamese.startswith("Gửi tệp PDF")
