"""`load_demo` on an empty database, and again: the second run changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Model

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.core.demo_signing import BIRTH_BODY
from motcua.documents.models import ResultTemplate
from motcua.documents.templating import template_render
from motcua.organizations.models import AdministrativeUnit, Agency, Role, StaffRole, Unit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models: list[type[Model]] = [
        AdministrativeUnit,
        Agency,
        Unit,
        User,
        StaffRole,
        Group,
        Sector,
        Procedure,
    ]
    result = {model.__name__: model._default_manager.count() for model in models}
    result["ProcedureVersion"] = ProcedureVersion.objects.count()
    result["published"] = ProcedureVersion.objects.published().count()
    result["links"] = Procedure.agencies.through.objects.count()
    result["AuditEvent"] = AuditEvent.objects.count()
    return result


def test_the_demo_loads_a_province_two_wards_their_staff_a_citizen_and_the_catalog() -> None:
    run()

    found = counts()
    assert found["AdministrativeUnit"] == 34 + 3321
    assert found["Agency"] == 8
    assert found["Procedure"] == 38 and found["published"] == 38
    assert found["Sector"] == 14
    hoan_kiem = Agency.objects.get(code="000.01.01.H26")
    assert hoan_kiem.administrative_unit is not None
    assert hoan_kiem.administrative_unit.name == "Phường Hoàn Kiếm"
    assert hoan_kiem.parent is not None
    assert hoan_kiem.parent.code == "000.00.00.H26"
    ba_dinh_unit = Agency.objects.get(code="000.01.02.H26").administrative_unit
    assert ba_dinh_unit is not None
    assert ba_dinh_unit.code == "00004"
    assert set(hoan_kiem.units.values_list("kind", flat=True)) == {
        "reception",
        "specialist",
        "leadership",
    }


def test_every_role_has_a_demo_account_with_the_demo_password() -> None:
    run()

    for ward in ("phuonghoankiem", "phuongbadinh"):
        for prefix, role in [
            ("tiepnhan", Role.CLERK),
            ("chuyenvien", Role.SPECIALIST),
            ("truongphong", Role.UNIT_HEAD),
            ("lanhdao", Role.LEADER),
        ]:
            user = User.objects.get(username=f"{prefix}.{ward}")
            assert user.check_password("motcua-demo")
            assert user.staff_roles.get().role == role
    admin = User.objects.get(username="quantri.hanoi")
    assert admin.is_staff and admin.has_perm("catalog.change_procedureversion")
    assert not admin.has_perm("audit.change_auditevent")
    assert User.objects.get(username="giamsat.hanoi").staff_roles.get().role == Role.SUPERVISOR
    citizen = User.objects.get(identity_number="001090001234")
    assert citizen.is_citizen and citizen.check_password("motcua-demo")


def test_procedures_are_received_where_their_level_says() -> None:
    run()

    birth = Procedure.objects.get(code="1.001193")
    assert set(birth.agencies.values_list("code", flat=True)) == {
        "000.01.01.H26",
        "000.01.02.H26",
    }
    record = Procedure.objects.get(code="3.000333")
    assert list(record.agencies.values_list("name", flat=True)) == ["Công an Thành phố Hà Nội"]
    assert not Procedure.objects.filter(agencies__isnull=True).exists()


def test_running_the_demo_twice_changes_nothing() -> None:
    run()
    first = counts()

    output = run()

    assert counts() == first
    assert "0 mới" in output


def test_if_empty_skips_a_database_that_already_has_procedures() -> None:
    run()
    first = counts()

    output = run("--if-empty")

    assert counts() == first
    assert "bỏ qua" in output


def test_the_demo_notices_are_numbered_with_their_agencys_symbol() -> None:
    run()

    notices = dict(
        ResultTemplate.objects.filter(procedure=None).values_list("agency__code", "number_series")
    )
    assert notices["000.00.00.H26"] == "TB-UBND"  # UBND Thành phố Hà Nội
    assert notices["000.01.01.H26"] == "TB-UBND"  # UBND Phường Hoàn Kiếm
    assert notices["000.00.01.H26"] == "TB-STP"  # Sở Tư pháp
    assert notices["000.00.03.H26"] == "TB-BHXH"
    # A birth certificate carries its register entry's number alone.
    births = ResultTemplate.objects.filter(name="Giấy khai sinh")
    assert births.exists()
    assert set(births.values_list("number_series", flat=True)) == {""}


def test_the_demo_birth_certificate_writes_the_date_in_words_as_the_form_does() -> None:
    """«Ngày, tháng, năm sinh: …; ghi bằng chữ: …», as on the official form: the words
    end the line with their own full stop, not inside brackets."""
    rest = {"applicant_name": "Nguyễn Văn An", "agency_name": "UBND Phường Hoàn Kiếm"}
    body = template_render(
        BIRTH_BODY,
        {
            **rest,
            "child": {
                "full_name": "NGUYỄN MINH KHANG",
                "birth_date": "20/11/2026",
                "birth_date_in_words": "Ngày hai mươi tháng mười một năm hai nghìn không "
                "trăm hai mươi sáu.",
            },
        },
    )
    assert (
        "Ngày, tháng, năm sinh: 20/11/2026; ghi bằng chữ: Ngày hai mươi tháng mười một năm "
        "hai nghìn không trăm hai mươi sáu.\n" in body
    )
    assert ".)" not in body
    without = template_render(BIRTH_BODY, {**rest, "child": {"birth_date": "20/11/2026"}})
    assert "Ngày, tháng, năm sinh: 20/11/2026\n" in without
