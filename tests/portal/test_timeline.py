"""The staff timeline keeps every event but reads a run of autosaves, and of files added
or taken out, as one line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from motcua.dossiers.models import DossierEvent
from motcua.portal.timeline import timeline_rows

T0 = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)


def events(*actions: str, status: int | None = None) -> list[DossierEvent]:
    return [
        DossierEvent(at=T0 + timedelta(minutes=i), action=a, reason="", to_status=status)
        for i, a in enumerate(actions)
    ]


def test_a_run_of_autosaves_is_one_row_with_the_count_and_the_last_time() -> None:
    rows = timeline_rows(events("draft_create", *["draft_update"] * 12, "submit"), staff=True)
    assert [(r.label, r.repeats) for r in rows] == [
        ("Tạo bản nháp", 1),
        ("Sửa bản nháp", 12),
        ("Nộp hồ sơ trực tuyến", 1),
    ]
    assert rows[1].at == T0 + timedelta(minutes=12)


def test_runs_apart_are_counted_apart_and_single_saves_keep_the_plain_label() -> None:
    rows = timeline_rows(
        events("draft_update", "attach", "draft_update", "draft_update"), staff=True
    )
    assert [(r.label, r.repeats) for r in rows] == [
        ("Sửa bản nháp", 1),
        ("Thêm tệp đính kèm", 1),
        ("Sửa bản nháp", 2),
    ]


def test_other_repeated_actions_are_never_merged() -> None:
    rows = timeline_rows(events("forward", "forward"), staff=True)
    assert [r.label for r in rows] == ["Chuyển bước xử lý", "Chuyển bước xử lý"]


def test_citizens_do_not_see_autosaves_at_all() -> None:
    rows = timeline_rows(events("draft_create", "draft_update", "submit"))
    assert [r.label for r in rows] == ["Tạo bản nháp", "Nộp hồ sơ trực tuyến"]


def test_while_drafting_edits_and_files_are_one_line() -> None:
    drafting = events("draft_update", "attach", "detach", "attach", "draft_update", status=0)
    submitted = events("submit", status=1)
    rows = timeline_rows([*drafting, *submitted], staff=True)
    assert [(r.label, r.repeats) for r in rows] == [
        ("Soạn bản nháp (sửa tờ khai, thêm hoặc gỡ tệp)", 5),
        ("Nộp hồ sơ trực tuyến", 1),
    ]


def test_files_sent_for_a_supplement_are_one_line_of_their_own() -> None:
    rows = timeline_rows(
        [*events("attach", "attach", "attach", status=3), *events("supplement", status=4)],
        staff=True,
    )
    assert [(r.label, r.repeats) for r in rows] == [
        ("Thêm tệp đính kèm", 3),
        ("Bổ sung hồ sơ", 1),
    ]
