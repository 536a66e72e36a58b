"""A signed result carries its number («Số: 12/QĐ-UBND»), given in the signing
transaction: per agency, year and series, from 1, with no gap when a signature fails."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from motcua.accounts.models import User
from motcua.documents.errors import SigningFailed
from motcua.documents.models import Result, ResultCounter, ResultTemplate, SigningCertificate
from motcua.documents.services import result_draft, result_sign
from motcua.documents.services.results import number_allocate
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def draft(at_leader: Dossier, leader: User, birth_template: ResultTemplate) -> Result:
    return result_draft(dossier=at_leader, actor=leader)


def test_the_signed_page_and_the_record_carry_the_number(
    draft: Result, leader: User, leader_certificate: SigningCertificate
) -> None:
    signed = result_sign(result=draft, actor=leader)

    assert signed.number == "1/2026"
    assert signed.document is not None
    with signed.document.file.open("rb") as handle:
        assert "Số: 1/2026" in pdf_text(handle.read())


def test_the_templates_series_follows_the_number(
    draft: Result,
    leader: User,
    leader_certificate: SigningCertificate,
    birth_template: ResultTemplate,
) -> None:
    birth_template.number_series = "TLKS"
    birth_template.save(update_fields=["number_series"])
    draft.refresh_from_db()

    assert result_sign(result=draft, actor=leader).number == "1/TLKS"


def test_a_signature_that_fails_gives_its_number_back(
    draft: Result,
    leader: User,
    leader_certificate: SigningCertificate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from motcua.documents.services import results

    def broken(*args: object, **kwargs: object) -> bytes:
        raise SigningFailed("Thiết bị ký số không phản hồi.")

    with monkeypatch.context() as patched:
        patched.setattr(results, "sign_pdf", broken)
        with pytest.raises(SigningFailed):
            result_sign(result=draft, actor=leader)
    draft.refresh_from_db()
    assert draft.state == Result.State.DRAFT and draft.number == ""
    assert not ResultCounter.objects.filter(last__gt=0).exists()

    assert result_sign(result=draft, actor=leader).number == "1/2026"


def test_numbers_count_on_per_year_and_per_series(commune_agency: Agency, draft: Result) -> None:
    def take(at: datetime, series: str = "") -> str:
        assert draft.template is not None
        draft.template.number_series = series
        with transaction.atomic():
            return number_allocate(result=draft, agency=commune_agency, at=at)

    december = datetime(2026, 12, 31, 16, 0, tzinfo=VN)
    assert [take(december), take(december), take(december, "QĐ-UBND")] == [
        "1/2026",
        "2/2026",
        "1/QĐ-UBND",
    ]
    assert take(datetime(2027, 1, 2, 8, 0, tzinfo=VN)) == "1/2027"


@pytest.mark.django_db(transaction=True)
def test_numbers_need_the_signing_transaction(commune_agency: Agency, draft: Result) -> None:
    with pytest.raises(RuntimeError):
        number_allocate(result=draft, agency=commune_agency, at=datetime(2026, 11, 18, tzinfo=VN))
