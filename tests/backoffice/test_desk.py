"""Lan receives a birth registration at the counter and prints the receipt."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.services import identity_prove
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, Status
from tests.portal.conftest import pdf

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_identity_number": "001190012345",
    "applicant_name": "Nguyễn Thị Hoa",
    "applicant_phone": "0912345678",
    "d:child_name": "Nguyễn Minh An",
    "d:child_birth_date": "10/11/2026",
    "d:child_sex": "Nam",
    "d:mother_name": "Nguyễn Thị Hoa",
    "received-to-khai": "1",
    "originals-to-khai": "1",
    "received-giay-chung-sinh": "1",
    "originals-giay-chung-sinh": "1",
    "channel": "1",
}


@pytest.fixture
def lan(web: Client, clerk: User) -> Client:
    web.force_login(clerk)
    return web


def test_the_desk_offers_the_agency_procedures(lan: Client, version: ProcedureVersion) -> None:
    html = lan.get("/can-bo/tiep-nhan/").content.decode()
    assert "Đăng ký khai sinh" in html
    assert (
        lan.get("/can-bo/tiep-nhan/", {"thu_tuc": "1.001193"})["Location"]
        == "/can-bo/tiep-nhan/1.001193/"
    )


def test_receiving_at_the_counter_gives_a_code_and_a_receipt(
    lan: Client, version: ProcedureVersion
) -> None:
    response = lan.post(
        "/can-bo/tiep-nhan/1.001193/",
        {**FORM, "submission_key": "s1", "scan-giay-chung-sinh": pdf()},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED and dossier.code
    assert dossier.attachments.count() == 1
    receipt = lan.get(response["Location"]).content.decode()
    assert dossier.code in receipt and "Hẹn trả kết quả" in receipt


def test_pressing_enter_twice_receives_once(lan: Client, version: ProcedureVersion) -> None:
    first = lan.post("/can-bo/tiep-nhan/1.001193/", {**FORM, "submission_key": "same"})
    second = lan.post("/can-bo/tiep-nhan/1.001193/", {**FORM, "submission_key": "same"})
    assert first["Location"] == second["Location"]
    assert Dossier.objects.count() == 1


def test_a_bad_date_is_named_next_to_the_field_and_nothing_is_saved(
    lan: Client, version: ProcedureVersion
) -> None:
    response = lan.post(
        "/can-bo/tiep-nhan/1.001193/",
        {**FORM, "d:child_birth_date": "31/02/2026", "submission_key": "s2"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "phải là ngày có thật" in html
    assert 'value="31/02/2026"' in html and 'value="Nguyễn Minh An"' in html
    assert Dossier.objects.count() == 0


def test_a_returning_citizen_is_prefilled(
    lan: Client, version: ProcedureVersion, proven_citizen: User
) -> None:
    """The answer names what to fill; the fields themselves are not sent back (the clerk
    may be typing in them), and the notice claims no earlier dossier it did not see."""
    html = lan.get(
        "/can-bo/tiep-nhan/cong-dan/", {"applicant_identity_number": "001190012345"}
    ).content.decode()
    prefill = json.loads(unescape(re.search(r'data-prefill="([^"]*)"', html)[1]))  # type: ignore[index]
    assert prefill["applicant_name"] == "Nguyễn Thị Hoa"
    assert prefill["applicant_phone"] == "0912345678"
    assert "<input" not in html and "đã từng nộp" not in html


def test_only_a_desk_clerk_may_look_up_a_citizen(
    web: Client, specialist: User, version: ProcedureVersion, citizen: User
) -> None:
    web.force_login(specialist)
    answer = web.get("/can-bo/tiep-nhan/cong-dan/", {"applicant_identity_number": "001190012345"})
    assert answer.status_code == 404
    assert "Nguyễn Thị Hoa" not in answer.content.decode()


@pytest.mark.usefixtures("one_rate_window")
def test_a_clerk_s_run_of_lookups_is_stopped(
    lan: Client, version: ProcedureVersion, citizen: User
) -> None:
    from motcua.backoffice.desk_views import LOOKUPS

    for n in range(LOOKUPS.attempts):
        lan.get("/can-bo/tiep-nhan/cong-dan/", {"applicant_identity_number": f"0010900{n:05d}"})
    html = lan.get(
        "/can-bo/tiep-nhan/cong-dan/", {"applicant_identity_number": "001190012345"}
    ).content.decode()
    assert "Nguyễn Thị Hoa" not in html and "data-prefill" not in html
    assert "Đã tra cứu quá nhiều số định danh; thử lại sau" in html


def test_a_citizen_cannot_open_the_desk(
    web: Client, citizen: User, version: ProcedureVersion
) -> None:
    web.force_login(citizen)
    response = web.get("/can-bo/tiep-nhan/")
    assert response.status_code == 403
    assert "Trang này dành cho cán bộ" in response.content.decode()
    response = web.get("/can-bo/")
    assert response.status_code == 403
    assert "Trang này dành cho cán bộ" in response.content.decode()


def test_a_phone_the_sms_gateway_would_refuse_is_named_at_the_counter(
    lan: Client, version: ProcedureVersion
) -> None:
    response = lan.post(
        "/can-bo/tiep-nhan/1.001193/",
        {
            **FORM,
            "applicant_phone": "abc-xyz",
            "applicant_email": "khong-phai-thu",
            "submission_key": "p1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="applicant_phone-error">Số điện thoại không hợp lệ' in html
    assert 'id="applicant_email-error">Thư điện tử không hợp lệ' in html
    assert 'value="abc-xyz"' in html
    assert Dossier.objects.count() == 0


def test_a_proven_citizen_s_dossier_goes_on_her_account_at_once(
    lan: Client, version: ProcedureVersion, citizen: User
) -> None:
    """Bà Hoa has logged in through the national identity provider before."""
    identity_prove(user=citizen, subject="vneid-hoa")

    lan.post("/can-bo/tiep-nhan/1.001193/", {**FORM, "submission_key": "proven"})

    assert Dossier.objects.get().applicant_id == citizen.pk


def test_an_account_that_only_typed_the_number_does_not_get_the_dossier(
    lan: Client, version: ProcedureVersion, citizen: User
) -> None:
    """Whoever registered with her number, she or not, proved nothing: the dossier waits
    for a login through the identity provider."""
    lan.post("/can-bo/tiep-nhan/1.001193/", {**FORM, "submission_key": "typed"})

    assert Dossier.objects.get().applicant_id is None


def test_an_account_with_only_a_typed_number_fills_nothing(
    lan: Client, version: ProcedureVersion, citizen: User
) -> None:
    """Whoever registered the number with a password gave their own phone: the desk does
    not offer it for the person at the counter."""
    html = lan.get(
        "/can-bo/tiep-nhan/cong-dan/", {"applicant_identity_number": "001190012345"}
    ).content.decode()
    assert "0912345678" not in html and "Nguyễn Thị Hoa" not in html
