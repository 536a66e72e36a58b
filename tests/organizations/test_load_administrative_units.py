"""Loading the administrative units of the two-tier system from the reference package."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.audit.models import AuditEvent
from motcua.organizations.models import AdministrativeUnit
from motcua.organizations.services import UnitRecord, administrative_units_load


def load() -> str:
    out = StringIO()
    call_command("load_administrative_units", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loads_34_provinces_and_3321_communes_with_their_province() -> None:
    output = load()

    assert AdministrativeUnit.objects.filter(level="province").count() == 34
    assert AdministrativeUnit.objects.filter(level="commune").count() == 3321
    assert AdministrativeUnit.objects.filter(level="commune", parent__isnull=True).count() == 0
    hoan_kiem = AdministrativeUnit.objects.get(code="00070")
    assert hoan_kiem.name == "Phường Hoàn Kiếm"
    assert hoan_kiem.parent is not None and hoan_kiem.parent.code == "01"
    assert hoan_kiem.name_folded == "phuong hoan kiem"
    assert "34 tỉnh" in output and "3321 xã" in output and "mới 3355" in output


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    load()
    events = AuditEvent.objects.count()

    output = load()

    assert AdministrativeUnit.objects.count() == 3355
    assert AuditEvent.objects.count() == events
    assert "mới 0, cập nhật 0, giữ nguyên 3355" in output


@pytest.mark.django_db
def test_a_renamed_unit_is_updated_in_place() -> None:
    load()
    unit = AdministrativeUnit.objects.get(code="00070")
    AdministrativeUnit.objects.filter(pk=unit.pk).update(name="Tên cũ", name_folded="ten cu")

    output = load()

    unit.refresh_from_db()
    assert unit.name == "Phường Hoàn Kiếm" and unit.name_folded == "phuong hoan kiem"
    assert "cập nhật 1" in output


@pytest.mark.django_db
def test_a_commune_moved_to_another_province_gets_the_new_parent() -> None:
    administrative_units_load(
        records=[
            UnitRecord("01", "Thành phố Hà Nội", "thành phố trung ương", "province"),
            UnitRecord("79", "Thành phố Hồ Chí Minh", "thành phố trung ương", "province"),
            UnitRecord("99999", "Xã Thử", "xã", "commune", parent_code="01"),
        ]
    )

    report = administrative_units_load(
        records=[UnitRecord("99999", "Xã Thử", "xã", "commune", parent_code="79")]
    )

    assert report.updated == 1 and report.created == 0
    moved = AdministrativeUnit.objects.get(code="99999")
    assert moved.parent is not None
    assert moved.parent.code == "79"
