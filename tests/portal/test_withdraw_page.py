"""«Rút hồ sơ»: Bà Hoa takes back a dossier she submitted before the agency received it,
after a page that says what that means and asks for an optional reason. Once received,
it cannot be withdrawn, and nobody else can withdraw hers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent, Status
from tests.dossiers.conftest import submit_online
from tests.portal.english import in_english, text

pytestmark = pytest.mark.django_db


def url(dossier: Dossier) -> str:
    return f"/ho-so-cua-toi/{dossier.pk}/rut-ho-so/"


def withdraw(client: Client, dossier: Dossier, reason: str = "", **extra: Any) -> Any:
    body = {"expected_version": dossier.version, "reason": reason}
    return client.post(url(dossier), body, **extra)


@pytest.fixture
def submitted(citizen: User, version: ProcedureVersion) -> Dossier:
    return submit_online(citizen, version)


def test_she_withdraws_a_dossier_not_yet_received_with_her_reason(
    hoa: Client, submitted: Dossier
) -> None:
    detail = text(hoa.get(f"/ho-so-cua-toi/{submitted.pk}/"))
    assert "Rút hồ sơ" in detail and url(submitted) in detail

    asked = hoa.get(url(submitted))
    assert asked.status_code == 200
    assert "cơ quan sẽ không xử lý hồ sơ này" in text(asked)
    assert Dossier.objects.get(pk=submitted.pk).status == Status.NEW  # asking changes nothing

    done = withdraw(hoa, submitted, "Nộp nhầm thủ tục, sẽ nộp lại.")
    assert done.status_code == 302 and done["Location"] == f"/ho-so-cua-toi/{submitted.pk}/"
    stored = Dossier.objects.get(pk=submitted.pk)
    assert stored.status == Status.WITHDRAWN
    event = DossierEvent.objects.get(dossier=submitted, action="withdraw")
    assert event.reason == "Nộp nhầm thủ tục, sẽ nộp lại."
    after = text(hoa.get(done["Location"]))
    assert "Đã rút hồ sơ" in after and url(submitted) not in after


def test_without_a_reason_the_history_says_she_asked(hoa: Client, submitted: Dossier) -> None:
    assert withdraw(hoa, submitted).status_code == 302
    event = DossierEvent.objects.get(dossier=submitted, action="withdraw")
    assert event.reason == "Công dân đề nghị rút hồ sơ."


@pytest.mark.parametrize(
    ("reason", "says"),
    [("x" * 501, "dài quá 500 ký tự"), ("Nộp nhầm 😀", "không in được")],
)
def test_a_reason_that_cannot_be_kept_is_refused_and_nothing_changes(
    hoa: Client, submitted: Dossier, reason: str, says: str
) -> None:
    answer = withdraw(hoa, submitted, reason)
    assert answer.status_code == 400
    page = text(answer)
    assert says in page and "Rút hồ sơ?" in page
    stored = Dossier.objects.get(pk=submitted.pk)
    assert (stored.status, stored.version) == (Status.NEW, submitted.version)


def test_once_received_it_cannot_be_withdrawn(hoa: Client, submitted: Dossier, clerk: User) -> None:
    services.dossier_receive(dossier=submitted, actor=clerk, expected_version=submitted.version)
    assert url(submitted) not in text(hoa.get(f"/ho-so-cua-toi/{submitted.pk}/"))
    for answer in (hoa.get(url(submitted)), withdraw(hoa, submitted)):
        assert answer.status_code == 302
    page = text(hoa.get(f"/ho-so-cua-toi/{submitted.pk}/"))
    assert "không rút được" in page and "dừng xử lý" in page
    assert Dossier.objects.get(pk=submitted.pk).status == Status.RECEIVED


def test_received_while_she_was_deciding_is_told_not_lost(
    hoa: Client, submitted: Dossier, clerk: User
) -> None:
    seen = Dossier.objects.get(pk=submitted.pk)
    services.dossier_receive(dossier=submitted, actor=clerk, expected_version=submitted.version)
    answer = withdraw(hoa, seen, "Không cần nữa")
    assert answer.status_code == 302  # the page she saw is gone: received meanwhile
    assert "không rút được" in text(hoa.get(answer["Location"]))
    assert Dossier.objects.get(pk=submitted.pk).status == Status.RECEIVED


def test_nobody_else_can_withdraw_hers(
    web: Client, submitted: Dossier, other_citizen: User
) -> None:
    assert web.get(url(submitted)).status_code == 302  # to the login page
    web.force_login(other_citizen)
    assert web.get(url(submitted)).status_code == 404
    assert withdraw(web, submitted).status_code == 404
    assert Dossier.objects.get(pk=submitted.pk).status == Status.NEW


def test_the_page_needs_the_csrf_token(citizen: User, submitted: Dossier) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert withdraw(client, submitted).status_code == 403
    assert Dossier.objects.get(pk=submitted.pk).status == Status.NEW


def test_in_english(hoa: Client, submitted: Dossier) -> None:
    page = text(in_english(hoa).get(url(submitted)))
    assert "Withdraw the dossier?" in page and "Rút hồ sơ?" not in page
