"""Slips and results download only through a view that checks who asks: the applicant
and the officials of the dossier's agencies; everyone else gets the same 'not found'."""

from __future__ import annotations

from typing import Any

from django.test import Client

from motcua.accounts.models import User
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.services import slip_generate
from motcua.dossiers.models import Dossier


def _receipt(dossier: Dossier) -> GeneratedDocument:
    return slip_generate(
        dossier_id=dossier.pk,
        kind=DocumentKind.RECEIPT,
        event_id=dossier.events.get(action="intake").pk,
    )


def _get(client: Client, user: User | None, doc: GeneratedDocument) -> Any:
    if user is not None:
        client.force_login(user)
    return client.get(f"/tai-lieu/{doc.public_id}/")


def test_the_applicant_downloads_the_receipt(
    client: Client, received: Dossier, citizen: User
) -> None:
    doc = _receipt(received)

    response = _get(client, citizen, doc)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert received.code in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_an_official_of_the_agency_downloads_it(
    client: Client, received: Dossier, specialist: User
) -> None:
    assert _get(client, specialist, _receipt(received)).status_code == 200


def test_another_citizen_and_another_agency_see_nothing(
    client: Client, received: Dossier, other_citizen: User, outsider: User
) -> None:
    doc = _receipt(received)

    assert _get(client, other_citizen, doc).status_code == 404
    assert _get(Client(), outsider, doc).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, received: Dossier) -> None:
    response = _get(client, None, _receipt(received))

    assert response.status_code == 302
    assert "/tai-lieu/" not in response["Location"].split("?")[0]


def test_the_file_itself_has_an_unguessable_name(received: Dossier) -> None:
    doc = _receipt(received)

    assert received.code not in doc.file.name
    assert len(doc.file.name.rsplit("/", 1)[-1]) >= 30
