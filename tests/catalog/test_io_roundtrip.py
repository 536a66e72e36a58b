"""Export → import gives the same catalog, in both formats; importing twice changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.catalog.io import Format, export_catalog, read_catalog
from motcua.catalog.io.snapshot import catalog_snapshot
from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.catalog.services import version_publish
from tests.catalog.io_helpers import EMPTY, catalog_counts, demo_bytes, import_bytes

pytestmark = pytest.mark.django_db


def given_a_catalog_with_history() -> None:
    """The demo catalog, some versions published, one procedure abolished and replaced."""
    import_bytes(demo_bytes())
    for version in ProcedureVersion.objects.filter(procedure__code__startswith="1.00")[:10]:
        version_publish(version=version, actor=None)
    Procedure.objects.filter(code="1.005461").update(
        abolished_on=date(2026, 1, 1),
        abolition_decision="Quyết định 99/QĐ-BTP (ví dụ)",
        replaced_by=Procedure.objects.get(code="1.000656"),
    )


def wipe_catalog() -> None:
    ProcedureVersion.objects.all().delete()
    Procedure.objects.update(replaced_by=None)
    Procedure.objects.all().delete()
    Sector.objects.all().delete()


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_export_then_import_into_an_empty_catalog_gives_the_same_catalog(fmt: Format) -> None:
    given_a_catalog_with_history()
    before = catalog_snapshot()
    exported = export_catalog(fmt)
    wipe_catalog()

    report = import_bytes(exported)

    assert catalog_snapshot() == before
    assert report.procedures_created == 38 and report.versions_created == 38
    assert report.versions_published == 10
    replaced = Procedure.objects.get(code="1.005461")
    assert replaced.replaced_by is not None
    assert replaced.replaced_by.code == "1.000656"


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_importing_the_same_export_again_changes_nothing(fmt: Format) -> None:
    given_a_catalog_with_history()
    exported = export_catalog(fmt)
    counts = catalog_counts()

    report = import_bytes(exported)

    assert not report.changed
    assert report.versions_unchanged == 38
    assert catalog_counts() == counts


def test_the_demo_catalog_reads_into_38_procedures_across_14_sectors() -> None:
    catalog = read_catalog(demo_bytes())

    assert len(catalog.procedures) == 38
    assert len({p.sector for p in catalog.procedures}) == 14
    land = next(p for p in catalog.procedures if p.code == "1.013978")
    assert land.versions[0].channel_durations == {
        "in_person": "27d",
        "online": "17d",
        "postal": "20d",
    }
    birth = next(p for p in catalog.procedures if p.code == "1.001193")
    assert str(birth.versions[0].duration) == "sd"
    assert birth.versions[0].cutoff_time is not None
    assert birth.versions[0].declaration_schema["properties"]["child"]["properties"]["sex"][
        "enum"
    ] == ["Nam", "Nữ"]


def test_a_dry_run_reports_what_would_change_and_saves_nothing() -> None:
    report = import_bytes(demo_bytes(), dry_run=True)

    assert report.procedures_created == 38
    assert catalog_counts() == EMPTY


def test_a_draft_is_updated_in_place_from_a_newer_file() -> None:
    import_bytes(demo_bytes())
    catalog = read_catalog(demo_bytes())
    birth = next(p for p in catalog.procedures if p.code == "1.001193")
    birth.name = "Đăng ký khai sinh (tên mới)"
    birth.versions[0].fees[1].amount = 9000

    from motcua.catalog.services import catalog_import

    report = catalog_import(catalog=catalog, actor=None)

    assert report.procedures_updated == 1 and report.versions_updated == 1
    version = ProcedureVersion.objects.get(procedure__code="1.001193", number=1)
    assert version.fees.get(order=2).amount == 9000
    assert version.procedure.name == "Đăng ký khai sinh (tên mới)"
    assert "ten moi" in version.procedure.search_text


def test_the_commands_export_and_import_a_workbook(tmp_path: Path) -> None:
    import_bytes(demo_bytes())
    path = tmp_path / "danh-muc.xlsx"

    call_command("catalog_export", "--format", "xlsx", "-o", str(path))
    wipe_catalog()
    call_command("catalog_import", str(path))

    assert Procedure.objects.count() == 38
    assert ProcedureVersion.objects.get(procedure__code="1.013978").channel_durations == {
        "in_person": "27d",
        "online": "17d",
        "postal": "20d",
    }


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_a_published_version_edited_with_stray_spaces_still_matches_its_own_export(
    fmt: Format,
) -> None:
    import_bytes(demo_bytes())
    land = ProcedureVersion.objects.get(procedure__code="1.013978")
    ProcedureVersion.objects.filter(pk=land.pk).update(
        channel_durations={"online": "17 d", "postal": "20d", "in_person": "27d"},
        results=["  Giấy chứng nhận quyền sử dụng đất  "],
        change_summary="Tóm tắt\x0bcó ký tự điều khiển",
    )
    version_publish(version=land, actor=None)
    counts = catalog_counts()

    report = import_bytes(export_catalog(fmt))

    assert report.versions_unchanged == 38
    assert catalog_counts() == counts
