"""The look-up reads through SQL compiled once per connection; what it reads must be what
the ORM would read, row for row and value for value (dates included, on SQLite and
PostgreSQL alike), and a read that cannot be compiled safely is refused."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count, F, Model
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core.compiled import (
    INT_MARKER,
    CompiledGet,
    CompiledRead,
    CompiledReadIn,
)
from motcua.dossiers import services, summary
from motcua.dossiers.api_support import attachment_json, dossier_json
from motcua.dossiers.errors import NotFound, StaleDossier
from motcua.dossiers.lookup import _LOOKUP_FIELDS, lookup_query
from motcua.dossiers.models import Attachment, Dossier, DossierDocument
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.services.clock import _STEP_UNIT
from motcua.dossiers.services.records import (
    _CLAIM,
    DOSSIER_RELATED,
    DossierRef,
    _locked,
    dossier_claim,
)
from motcua.organizations.models import Agency, StaffRole, Unit
from tests.dossiers.conftest import intake, submit_online

pytestmark = pytest.mark.django_db


def orm_row(code: str) -> dict[str, Any] | None:
    row = next(iter(lookup_query(code)), None)
    return dict(zip(_LOOKUP_FIELDS, row, strict=True)) if row else None


def kept_on_connection(name: str) -> Any:
    """What a compiled read named ``name`` keeps on this thread's connection."""
    return vars(connections["default"])[f"_motcua_compiled_{name}"]


@pytest.fixture
def codes(citizen: User, clerk: User, version: ProcedureVersion) -> list[str]:
    """Codes of dossiers with and without a step, a due date and a finish."""
    waiting = intake(clerk, version)
    moved = intake(clerk, version)
    moved = services.dossier_forward(dossier=moved, actor=clerk, expected_version=moved.version)
    online = submit_online(citizen, version)
    return [waiting.code or "", moved.code or "", online.code or ""]


def test_the_compiled_read_gives_what_the_orm_gives(codes: list[str]) -> None:
    read = CompiledRead("test_lookup", lookup_query)

    for code in [*codes, "KHONG-CO", "", "' OR 1=1 --"]:
        assert read.first(code) == orm_row(code)
    found = read.first(codes[1])
    assert found is not None and found["due_at"] is not None
    assert found["due_at"].utcoffset() is not None  # aware, converted as the ORM does
    assert found["current_step__name"]
    Dossier.objects.filter(code=codes[2]).update(status=0)
    assert read.first(codes[2]) is None  # a draft is never looked up


def test_it_compiles_once_per_connection_and_each_thread_has_its_own(codes: list[str]) -> None:
    read = CompiledRead("test_lookup_threads", lookup_query)
    read.first(codes[0])
    compiled = kept_on_connection("test_lookup_threads")
    read.first(codes[1])
    assert kept_on_connection("test_lookup_threads") is compiled

    seen: list[object] = []

    def other_thread() -> None:
        try:
            read.first("KHONG-CO")
            seen.append(kept_on_connection("test_lookup_threads"))
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen and seen[0] is not compiled


def test_a_read_that_cannot_be_compiled_safely_is_refused(codes: list[str]) -> None:
    twice = CompiledRead(
        "twice",
        lambda v: Dossier.objects.filter(code=v, applicant_name=v).values_list("code")[:1],
    )
    never = CompiledRead("never", lambda v: Dossier.objects.filter(code="x").values_list("code"))
    instances = CompiledRead("instances", lambda v: Dossier.objects.filter(code=v))

    with pytest.raises(ValueError, match="once"):
        twice.first("a")
    with pytest.raises(ValueError, match="once"):
        never.first("a")
    with pytest.raises(ValueError, match="values_list"):
        instances.first("a")


def _related_ids(dossier: Dossier) -> dict[str, Any]:
    return {
        name: getattr(dossier, name).pk if getattr(dossier, name) is not None else None
        for name in ("receiving_agency", "deciding_agency", "current_step", "assignee")
    }


def test_a_compiled_get_builds_the_instances_the_orm_builds(
    codes: list[str], specialist: User
) -> None:
    """The claim's read: every column of the dossier and of each related row, on both
    databases, for a dossier at a step, one assigned, and one with no step or code; and
    nothing for a version that is not the dossier's."""
    Dossier.objects.filter(code=codes[1]).update(assignee=specialist)
    versions = dict(Dossier.objects.order_by("pk").values_list("pk", "version"))
    for pk, version in versions.items():
        compiled = _CLAIM.first(pk, version)
        orm = _locked(Dossier.objects.filter(pk=pk)).get()
        assert compiled is not None
        assert _columns(compiled) == _columns(orm)
        assert _related_ids(compiled) == _related_ids(orm)
        for name in DOSSIER_RELATED:
            assert _related(compiled, name) == _related(orm, name), name
        assert compiled._state.adding is False and compiled._state.db == "default"
        assert _CLAIM.first(pk, version + 1) is None
    assert _CLAIM.first(max(versions) + 1, 1) is None
    first_pk = min(versions)
    first = _CLAIM.first(first_pk, versions[first_pk])
    assert first is not None and first.due_at is not None
    assert first.due_at.utcoffset() is not None


def _columns(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _related(instance: Model, path: str) -> dict[str, Any] | None:
    obj: Any = instance
    for name in path.split("__"):
        obj = getattr(obj, name)
        if obj is None:
            return None
    return _columns(obj)


def test_a_compiled_get_reads_no_more_than_its_one_statement(
    codes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One statement, and nothing of the compiling done again: not even the converters,
    which Django would look up for each of the nine tables' columns on every read."""
    pk, version = Dossier.objects.values_list("pk", "version").get(code=codes[1])
    _CLAIM.first(pk, version)
    looked_up: list[object] = []
    monkeypatch.setattr(SQLCompiler, "get_converters", lambda *args: looked_up.append(args))
    with CaptureQueriesContext(connection) as queries:
        dossier = _CLAIM.first(pk, version)
        assert dossier is not None
        assert dossier.procedure_version.procedure.name and dossier.current_step is not None
        assert dossier.due_at is not None and dossier.due_at.utcoffset() is not None
    assert len(queries.captured_queries) == 1
    assert looked_up == []


def test_a_get_that_cannot_be_compiled_safely_is_refused() -> None:
    # Not a queryset of instances, on purpose: CompiledGet must refuse it when it runs.
    values = CompiledGet[Any]("get_values", lambda v: Dossier.objects.filter(code=v).values("pk"))
    extra = CompiledGet(
        "get_extra", lambda v: Dossier.objects.filter(code=v).extra(select={"one": "1"})
    )
    prefetching = CompiledGet(
        "get_prefetching", lambda v: Dossier.objects.filter(code=v).prefetch_related("events")
    )
    by_id_as_text = CompiledGet("get_by_id", lambda v: Dossier.objects.filter(pk=INT_MARKER))
    for get in (values, extra, prefetching):
        with pytest.raises(ValueError, match=r"whole instances|prefetch"):
            get.first("a")
    with pytest.raises(ValueError, match="once"):
        by_id_as_text.first("a")  # the marker is a string unless told otherwise


def test_a_compiled_get_sets_each_annotation_as_the_orm_does(codes: list[str]) -> None:
    counted = CompiledGet(
        "get_counted",
        lambda v: (
            Dossier.objects.filter(code=v)
            .select_related("receiving_agency")
            .annotate(events_seen=Count("events"), code_again=F("code"))
        ),
    )
    received = [code for code in codes if code]  # the online one has no code yet
    assert len(received) == 2
    for code in received:
        orm = (
            Dossier.objects.filter(code=code)
            .annotate(events_seen=Count("events"), code_again=F("code"))
            .get()
        )
        compiled = counted.first(code)
        assert compiled is not None
        assert compiled.__dict__["events_seen"] == orm.__dict__["events_seen"] >= 1
        assert compiled.__dict__["code_again"] == code
        assert _columns(compiled) == _columns(orm)
        assert compiled.receiving_agency.code == orm.receiving_agency.code


def test_a_compiled_list_gives_every_row_in_the_orm_order(codes: list[str]) -> None:
    lines = CompiledGet(
        "dossier_lines",
        lambda pk: (
            DossierDocument.objects.filter(dossier_id=pk)
            .select_related("required_document")
            .order_by("id")
        ),
        marker=INT_MARKER,
    )
    for pk in Dossier.objects.values_list("pk", flat=True):
        orm = list(
            DossierDocument.objects.filter(dossier_id=pk).select_related("required_document")
        )
        compiled = lines.all(pk)
        assert [_columns(d) for d in compiled] == [_columns(d) for d in orm]
        assert [_related(d, "required_document") for d in compiled] == [
            _related(d, "required_document") for d in orm
        ]
        assert len(orm) >= 2
    assert lines.all(INT_MARKER + 1) == []


def test_the_detail_reads_lines_and_files_in_one_statement_as_the_orm_gives_them(
    clerk: User, version: ProcedureVersion
) -> None:
    """A dossier's checklist lines and files come in one read (a union), in the ORM's
    order, each shown as from its instance: a line without a catalog document, files
    with their upload instant in Vietnam time."""
    dossier = intake(clerk, version)
    DossierDocument.objects.create(dossier=dossier, name="Giấy tờ khác", provision="counter")
    for n in range(2):
        Attachment.objects.create(
            dossier=dossier,
            file=f"a/{n}.pdf",
            original_name=f"tệp {n}.pdf",
            content_type="application/pdf",
            size=1000 + n,
            sha256=f"{n}" * 64,
        )
    # Nothing kept on it from the intake.
    fresh = Dossier.objects.select_related(*DOSSIER_RELATED).get(pk=dossier.pk)
    with CaptureQueriesContext(connection) as queries:
        shown = dossier_json(fresh, detail=True)
    children = [
        q["sql"]
        for q in queries.captured_queries
        if "dossiers_dossierdocument" in q["sql"] or "dossiers_attachment" in q["sql"]
    ]
    assert len(children) == 1 and "UNION ALL" in children[0]
    orm_lines = list(fresh.documents.select_related("required_document").order_by("id"))
    assert shown["documents"] == [
        {
            "code": d.required_document.code if d.required_document else None,
            "name": d.name,
            "provision": d.provision,
            "originals": d.originals_received,
            "copies": d.copies_received,
        }
        for d in orm_lines
    ]
    assert len(orm_lines) == 3 and shown["documents"][-1]["code"] is None
    files = list(fresh.attachments.order_by("id"))
    assert shown["attachments"] == [attachment_json(a) for a in files]
    assert [a["size"] for a in shown["attachments"]] == [1000, 1001]
    assert shown["attachments"][0]["uploaded_at"].endswith("+07:00")
    other = Dossier.objects.exclude(pk=dossier.pk).first()
    assert other is None or dossier_json(other, detail=True)["attachments"] == [
        attachment_json(a) for a in other.attachments.order_by("id")
    ]


def test_summary_rows_by_id_list_give_what_the_orm_gives(
    codes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Start with nothing kept on this connection (earlier tests read lists too).
    vars(connections["default"]).pop("_motcua_compiled_summary_rows", None)
    ids = list(Dossier.objects.values_list("pk", flat=True))
    ids.append(10**12)  # no such dossier: skipped
    orm = {r["id"]: r for r in Dossier.objects.filter(pk__in=ids).values(*summary.SUMMARY_FIELDS)}
    assert len(orm) == 3
    for wanted in ([ids[2], ids[0]], ids, ids[1:2], list(reversed(ids)), []):
        assert summary.summary_rows(wanted) == [orm[pk] for pk in wanted if pk in orm]
    moved = next(r for r in orm.values() if r["current_step__order"] == 2)
    assert moved["current_step_due_at"].utcoffset() is not None  # aware, as the ORM gives
    # Kept per number of ids; a list longer than kept is compiled each time, same rows.
    kept = kept_on_connection("summary_rows")
    assert set(kept) == {1, 2, 4}
    monkeypatch.setattr(CompiledReadIn, "MAX_IDS", 2)
    assert summary.summary_rows(ids[:3]) == [orm[pk] for pk in ids[:3]]
    assert set(kept) == {1, 2, 4}  # the longer list was compiled, not kept


def test_an_id_list_read_goes_through_its_parameters(codes: list[str]) -> None:
    read = CompiledReadIn(
        "test_in", lambda ids: Dossier.objects.filter(pk__in=ids).values_list("code")
    )
    first = Dossier.objects.get(code=codes[0]).pk
    with CaptureQueriesContext(connection) as queries:
        assert read.rows([-1, -2]) == []
        assert read.rows([first, -2]) == [{"code": codes[0]}]
    assert len(queries) == 2 and str(first) in queries[1]["sql"]


def test_an_actions_claim_agrees_with_the_selector(
    citizen: User,
    other_citizen: User,
    clerk: User,
    outsider: User,
    version: ProcedureVersion,
    other_agency: Agency,
) -> None:
    """Every dossier and user, by id and by code: an action's claim, which tests what
    the caller may see inside its one locking read, takes exactly the dossiers
    ``dossiers_visible_to`` shows. The others are 'not found' whatever the version
    given, and a stale version is refused only on a dossier the caller may see."""
    draft = services.dossier_draft_save(
        actor=citizen, version=version, agency=clerk_agency(clerk), declaration={}
    )
    online = submit_online(citizen, version)
    counter = intake(clerk, version)
    decided_elsewhere = intake(clerk, version)
    Dossier.objects.filter(pk=decided_elsewhere.pk).update(deciding_agency=other_agency)
    received_elsewhere = intake(clerk, version)
    Dossier.objects.filter(pk=received_elsewhere.pk).update(
        receiving_agency=other_agency, applicant=other_citizen
    )
    dossiers = [draft, online, counter, decided_elsewhere, received_elsewhere]
    checked = 0
    for user in (citizen, other_citizen, clerk, outsider):
        visible = set(dossiers_visible_to(user).values_list("pk", flat=True))
        for dossier in Dossier.objects.filter(pk__in=[d.pk for d in dossiers]):
            refs: list[DossierRef] = [DossierRef("pk", dossier.pk, user)]
            if dossier.code:
                refs.append(DossierRef("code", dossier.code, user))
            for ref in refs:
                for stale in (False, True):
                    expected = dossier.version + (1 if stale else 0)
                    outcome = _claim_outcome(ref, expected)
                    if dossier.pk not in visible:
                        assert outcome == "not found", (user, ref)
                    elif stale:
                        assert outcome == "stale", (user, ref)
                    else:
                        assert outcome == (dossier.pk, dossier.version + 1), (user, ref)
                    checked += 1
    assert checked >= 60
    # Nothing was kept: every claim above was rolled back.
    assert sorted(Dossier.objects.values_list("version", flat=True)) == sorted(
        d.version for d in Dossier.objects.filter(pk__in=[d.pk for d in dossiers])
    )
    assert _claim_outcome(DossierRef("code", "000.00.00.H00-000000-0000", clerk), 1) == (
        "not found"
    )


def _claim_outcome(ref: DossierRef, expected: int) -> object:
    try:
        with transaction.atomic():
            claimed = dossier_claim(dossier=ref, expected_version=expected)
            outcome: object = (claimed.pk, claimed.version)
            transaction.set_rollback(True)
    except NotFound:
        return "not found"
    except StaleDossier:
        return "stale"
    return outcome


def clerk_agency(clerk: User) -> Agency:
    return StaffRole.objects.filter(user=clerk).get().agency


def test_the_step_units_read_gives_what_the_orm_gives(
    commune_agency: Agency, other_agency: Agency
) -> None:
    """The unit a step lands in: the first by code of its kind at the deciding agency,
    read afresh (a unit added later with an earlier code takes the next dossier)."""

    def orm(agency: Agency, kind: str) -> Unit | None:
        return Unit.objects.filter(agency=agency, kind=kind).order_by("code").first()

    Unit.objects.create(agency=commune_agency, code="tp-z", name="Tư pháp Z", kind="specialist")
    Unit.objects.create(agency=commune_agency, code="tp-m", name="Tư pháp M", kind="specialist")
    for agency in (commune_agency, other_agency):
        for kind in [*Unit.Kind.values, "unknown"]:
            found = _STEP_UNIT.first(agency.pk, kind)
            expected = orm(agency, kind)
            assert (found and _columns(found)) == (expected and _columns(expected)), kind
    first = _STEP_UNIT.first(commune_agency.pk, "specialist")
    assert first is not None and first.code <= "tp-m"
    Unit.objects.create(agency=commune_agency, code="a-first", name="A", kind="specialist")
    again = _STEP_UNIT.first(commune_agency.pk, "specialist")
    assert again is not None and again.code == "a-first"
    assert _STEP_UNIT.first(commune_agency.pk, "' OR 1=1 --") is None


def test_an_actions_claim_is_one_locking_read_and_its_version_goes_out_with_the_change(
    clerk: User, version: ProcedureVersion
) -> None:
    """The claim reads and locks the row in one statement, with the visibility test in
    it, and writes nothing; the change's own UPDATE carries the next version."""
    counter = intake(clerk, version)
    assert counter.code is not None
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        claimed = dossier_claim(
            dossier=DossierRef("code", counter.code, clerk), expected_version=counter.version
        )
        sent = [q["sql"] for q in queries.captured_queries]
        assert claimed.version == counter.version + 1
        assert Dossier.objects.get(pk=counter.pk).version == counter.version
        transaction.set_rollback(True)
    assert len(sent) == 1, sent
    assert sent[0].startswith("SELECT") and "EXISTS" in sent[0]
    assert "organizations_staffrole" in sent[0]
    if connection.vendor == "postgresql":
        assert sent[0].endswith('FOR UPDATE OF "dossiers_dossier"')
