"""A step's unit comes with the read that brought the dossier: the claim (and, for a
new dossier through the API, the agency's read) carries the deciding agency's units, so
entering a step reads none, and lands where a read of its own would have."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.clock import step_enter
from motcua.dossiers.services.records import dossier_claim
from motcua.organizations.models import Agency, Unit
from motcua.organizations.selectors import AgencyUnits, units_from_json
from tests.dossiers.conftest import GOOD_DECLARATION, intake

pytestmark = pytest.mark.django_db


def _columns(unit: Unit) -> tuple[Any, ...]:
    return (unit.pk, unit.agency_id, unit.code, unit.name, unit.kind)


class Sent:
    """Every statement sent while it records (a request clears Django's query log)."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute: Any, sql: str, *args: Any) -> Any:
        self.sql.append(sql)
        return execute(sql, *args)

    def unit_reads(self) -> list[str]:
        return [s for s in self.sql if s.startswith('SELECT "organizations_unit"')]


def _more_units(agency: Agency) -> None:
    # Codes whose order by code is not their order of creation, one in capitals.
    for code, name in (("tp-z", "Tư pháp Z"), ("a-first", "Đội A"), ("B-upper", "Tổ B")):
        Unit.objects.create(agency=agency, code=code, name=name, kind="specialist")


def test_an_agencys_units_read_along_are_the_orms_by_code(
    commune_agency: Agency, other_agency: Agency, specialist: User
) -> None:
    _more_units(commune_agency)
    for agency in (commune_agency, other_agency):
        row = Agency.objects.annotate(units_json=AgencyUnits("id")).get(pk=agency.pk)
        found = units_from_json(row.__dict__["units_json"], "default")
        expected = list(Unit.objects.filter(agency=agency).order_by("code"))
        assert [_columns(u) for u in found] == [_columns(u) for u in expected]
        assert all(not u._state.adding for u in found)
    assert Unit.objects.filter(agency=other_agency).count() == 0


def test_a_forward_reads_no_unit_and_lands_at_the_first_of_its_kind(
    clerk: User, version: ProcedureVersion, commune_agency: Agency
) -> None:
    _more_units(commune_agency)
    dossier = _intake(clerk, version, commune_agency)
    sent = Sent()

    with connection.execute_wrapper(sent):
        moved = services.dossier_forward(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )

    expected = Unit.objects.filter(agency=commune_agency, kind="specialist").order_by("code")[0]
    assert moved.current_unit is not None and _columns(moved.current_unit) == _columns(expected)
    assert sent.unit_reads() == []
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert fresh.current_unit_id == expected.pk


def test_a_dossier_now_decided_elsewhere_reads_that_agencys_unit(
    clerk: User, version: ProcedureVersion, commune_agency: Agency, other_agency: Agency
) -> None:
    """The units carried are those of the agency that decided when the dossier was read:
    once it is another's, its step's unit is read there."""
    elsewhere = Unit.objects.create(
        agency=other_agency, code="tu-phap", name="Tư pháp", kind="specialist"
    )
    dossier = _intake(clerk, version, commune_agency)
    step = version.steps.order_by("order")[1]
    sent = Sent()

    with connection.execute_wrapper(sent), transaction.atomic():
        claimed = dossier_claim(dossier=dossier, expected_version=dossier.version)
        assert claimed.step_units is not None and claimed.step_units[0] == commune_agency.pk
        claimed.deciding_agency = other_agency
        step_enter(claimed, step, at=claimed.received_at or claimed.created_at)

    assert claimed.current_unit is not None and claimed.current_unit.pk == elsewhere.pk
    assert len(sent.unit_reads()) == 1


def test_a_submission_through_the_api_reads_no_unit(
    clerk: User, version: ProcedureVersion, commune_agency: Agency
) -> None:
    _more_units(Agency.objects.get(pk=commune_agency.pk))
    client = Client()
    client.force_login(clerk)
    body = {
        "procedure": version.procedure.code,
        "agency": commune_agency.code,
        "declaration": dict(GOOD_DECLARATION),
        "channel": 1,
        "applicant": {"name": "Nguyễn Thị Hoa", "identity_number": "001190012345"},
        "documents": [
            {"code": "giay-chung-sinh", "provision": "counter", "originals": 1},
            {"code": "to-khai", "provision": "counter", "originals": 1},
        ],
    }
    sent = Sent()

    with connection.execute_wrapper(sent):
        made = client.post("/api/v1/dossiers", body, content_type="application/json")

    assert made.status_code == 201, made.content
    first_step = version.steps.order_by("order")[0]
    expected = (
        Unit.objects.filter(agency=commune_agency, kind=first_step.unit_kind)
        .order_by("code")
        .first()
    )
    assert expected is not None
    assert made.json()["current_unit"] == expected.name
    assert Dossier.objects.get(code=made.json()["code"]).current_unit_id == expected.pk
    assert sent.unit_reads() == []


def _intake(clerk: User, version: ProcedureVersion, agency: Agency) -> Dossier:
    dossier = intake(clerk, version)
    assert dossier.deciding_agency_id == agency.pk
    return dossier
