"""The checklist is written in one statement, whatever the number of documents, and a
draft's lines are rewritten in place."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.models import Dossier, DossierDocument, Provision, Status
from motcua.dossiers.services import DocumentInput
from tests.dossiers.conftest import GOOD_DECLARATION, intake
from tests.statements import sent

pytestmark = pytest.mark.django_db

TABLE = DossierDocument._meta.db_table


def writes_to_checklist(queries: CaptureQueriesContext) -> list[str]:
    return [
        sql
        for sql in sent(queries.captured_queries)
        if sql.startswith((f'INSERT INTO "{TABLE}"', f'UPDATE "{TABLE}"'))
    ]


def lines_by_code(dossier: Dossier) -> dict[str, DossierDocument]:
    """The dossier's checklist lines keyed by code: every line here is of the catalog."""
    lines: dict[str, DossierDocument] = {}
    for line in dossier.documents.all():
        assert line.required_document is not None
        lines[line.required_document.code] = line
    return lines


def test_counter_intake_writes_every_line_in_one_insert(
    clerk: User, version: ProcedureVersion
) -> None:
    with CaptureQueriesContext(connection) as queries:
        dossier = intake(clerk, version)

    [insert] = writes_to_checklist(queries)
    assert insert.startswith("INSERT")
    lines = lines_by_code(dossier)
    assert set(lines) == {"to-khai", "giay-chung-sinh"}
    assert lines["to-khai"].provision == Provision.AT_COUNTER
    assert lines["to-khai"].originals_received == 1
    assert lines["to-khai"].name == "Tờ khai đăng ký khai sinh"


def test_counter_intake_writes_its_dossier_once_whole(
    clerk: User, version: ProcedureVersion
) -> None:
    dossier_table = Dossier._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        dossier = intake(clerk, version)

    writes = [
        sql
        for sql in sent(queries.captured_queries)
        if sql.startswith((f'INSERT INTO "{dossier_table}"', f'UPDATE "{dossier_table}"'))
    ]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.code == dossier.code != ""
    assert stored.status == Status.RECEIVED
    assert stored.lookup_secret and stored.due_at and stored.current_step_id
    assert stored.version == dossier.version
    assert set(lines_by_code(stored)) == {"to-khai", "giay-chung-sinh"}


def draft(citizen: User, version: ProcedureVersion, documents: list[DocumentInput]) -> Dossier:
    return services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=documents,
    )


def test_a_draft_saved_again_updates_its_lines_in_place(
    citizen: User, version: ProcedureVersion
) -> None:
    given = draft(citizen, version, [DocumentInput("to-khai", Provision.MISSING)])
    first_line = given.documents.get()

    services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=[
            DocumentInput("to-khai", Provision.AT_COUNTER, originals=1, copies=2),
            DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1),
        ],
        draft=given,
    )

    lines = lines_by_code(given)
    assert lines["to-khai"].pk == first_line.pk
    assert (lines["to-khai"].provision, lines["to-khai"].copies_received) == ("counter", 2)
    assert lines["giay-chung-sinh"].originals_received == 1


def test_a_bad_line_after_good_ones_leaves_no_line_behind(
    clerk: User, version: ProcedureVersion
) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.dossier_intake(
            actor=clerk,
            version=version,
            agency=version.procedure.agencies.get(),
            applicant=services.ApplicantInput(name="Trần Văn Bình"),
            declaration=dict(GOOD_DECLARATION),
            documents=[
                DocumentInput("to-khai", Provision.AT_COUNTER, originals=1),
                DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=21),
            ],
        )

    assert refused.value.field == "documents[1]"
    assert not DossierDocument.objects.exists()
    assert not Dossier.objects.exists()
