"""``DELETE /api/v1/drafts/{id}``: the owner deletes her draft (204); anyone else, a
submitted dossier or a version she has not seen is refused in JSON, and nothing goes."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from tests.dossiers.test_api import logged_in
from tests.portal.english import in_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(citizen: User, version: ProcedureVersion) -> Dossier:
    return services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration={"child_name": "Nguyễn Minh An"},
    )


def test_the_owner_deletes_her_draft(citizen: User, draft: Dossier) -> None:
    client = logged_in(citizen)
    answer = client.delete(f"/api/v1/drafts/{draft.pk}?expected_version={draft.version}")

    assert answer.status_code == 204 and answer.content == b""
    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.get(action="draft_delete").subject_id == str(draft.pk)
    assert client.get("/api/v1/drafts").json()["count"] == 0
    again = client.delete(f"/api/v1/drafts/{draft.pk}")
    assert again.status_code == 404 and again.json()["message"] == "Không tìm thấy hồ sơ."


def test_without_a_version_the_latest_is_meant(citizen: User, draft: Dossier) -> None:
    assert logged_in(citizen).delete(f"/api/v1/drafts/{draft.pk}").status_code == 204


def test_a_version_she_has_not_seen_is_a_409(citizen: User, draft: Dossier) -> None:
    answer = logged_in(citizen).delete(
        f"/api/v1/drafts/{draft.pk}?expected_version={draft.version + 1}"
    )
    assert answer.status_code == 409
    assert answer.json()["field"] == "expected_version"
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_a_submitted_dossier_is_a_409_that_points_to_withdrawal(
    citizen: User, new_dossier: Dossier
) -> None:
    answer = logged_in(citizen).delete(f"/api/v1/drafts/{new_dossier.pk}")
    assert answer.status_code == 409
    assert "rút hồ sơ" in answer.json()["message"]
    assert Dossier.objects.get(pk=new_dossier.pk).status == Status.NEW


def test_someone_else_and_nobody_are_refused(
    draft: Dossier, other_citizen: User, clerk: User
) -> None:
    for someone in (other_citizen, clerk):
        answer = logged_in(someone).delete(f"/api/v1/drafts/{draft.pk}")
        assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
    assert Client().delete(f"/api/v1/drafts/{draft.pk}").status_code == 401
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_a_session_delete_needs_the_csrf_token(citizen: User, draft: Dossier) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.delete(f"/api/v1/drafts/{draft.pk}").status_code == 403
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_in_english_the_refusal_is_english(citizen: User, new_dossier: Dossier) -> None:
    answer = in_english(logged_in(citizen)).delete(f"/api/v1/drafts/{new_dossier.pk}")
    assert answer.json()["message"].startswith("This dossier has been submitted")


def test_editing_or_submitting_a_submitted_dossier_as_a_draft_is_a_409_too(
    citizen: User, new_dossier: Dossier
) -> None:
    """Every draft endpoint answers a dossier she has submitted the same way: it exists
    and is hers, but it is no longer a draft."""
    client = logged_in(citizen)
    body = {"procedure": "x", "agency": "y", "declaration": {}, "documents": []}
    for answer in (
        client.put(f"/api/v1/drafts/{new_dossier.pk}", body, content_type="application/json"),
        client.post(f"/api/v1/drafts/{new_dossier.pk}/submit", {}, content_type="application/json"),
    ):
        assert answer.status_code == 409, answer.content
        assert "đã được nộp" in answer.json()["message"]
        assert f"/api/v1/dossiers/{new_dossier.code or new_dossier.pk}" in answer.json()["message"]
    stored = Dossier.objects.get(pk=new_dossier.pk)
    assert (stored.status, stored.version) == (Status.NEW, new_dossier.version)
    english = in_english(client).post(
        f"/api/v1/drafts/{new_dossier.pk}/submit", {}, content_type="application/json"
    )
    assert english.json()["message"].startswith("This dossier has been submitted")
