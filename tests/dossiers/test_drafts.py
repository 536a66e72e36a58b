"""Drafts: a citizen saves work in progress (status 0) and submits it later."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Status
from tests.dossiers.conftest import AT_COUNTER, GOOD_DECLARATION

pytestmark = pytest.mark.django_db


def test_a_half_filled_draft_is_saved_and_later_submitted(
    citizen: User, version: ProcedureVersion
) -> None:
    agency = version.procedure.agencies.get()
    draft = services.dossier_draft_save(
        actor=citizen, version=version, agency=agency, declaration={"child_name": "Nguyễn Minh An"}
    )
    assert draft.status == Status.DRAFT

    draft = services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=agency,
        declaration=dict(GOOD_DECLARATION),
        documents=list(AT_COUNTER),
        draft=draft,
        expected_version=draft.version,
    )
    submitted = services.dossier_submit(actor=citizen, draft=draft, expected_version=draft.version)

    assert submitted.pk == draft.pk
    assert submitted.status == Status.NEW
    assert submitted.declaration["mother_name"] == "Nguyễn Thị Hoa"


def test_an_incomplete_draft_cannot_be_submitted(citizen: User, version: ProcedureVersion) -> None:
    draft = services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration={"child_name": "Nguyễn Minh An"},
    )
    with pytest.raises(InvalidInput):
        services.dossier_submit(actor=citizen, draft=draft, expected_version=draft.version)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_another_citizen_cannot_touch_my_draft(
    citizen: User, other_citizen: User, version: ProcedureVersion
) -> None:
    draft = services.dossier_draft_save(
        actor=citizen, version=version, agency=version.procedure.agencies.get(), declaration={}
    )
    with pytest.raises(NotAllowed):
        services.dossier_draft_save(
            actor=other_citizen,
            version=version,
            agency=version.procedure.agencies.get(),
            declaration={"child_name": "X"},
            draft=draft,
        )
    with pytest.raises(NotAllowed):
        services.dossier_submit(actor=other_citizen, draft=draft)


def test_a_submitted_dossier_is_no_longer_a_draft(citizen: User, new_dossier: object) -> None:
    from motcua.dossiers.models import Dossier

    assert isinstance(new_dossier, Dossier)
    with pytest.raises(InvalidTransition):
        services.dossier_draft_save(
            actor=citizen,
            version=new_dossier.procedure_version,
            agency=new_dossier.receiving_agency,
            declaration={},
            draft=new_dossier,
        )
