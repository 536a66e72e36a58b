"""A dossier's events as lines a person reads: what happened, when, by which office."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.translation import gettext_noop

from motcua.dossiers.models import DossierEvent

ACTION_LABELS = {
    "draft_create": gettext_noop("Tạo bản nháp"),
    "draft_update": gettext_noop("Sửa bản nháp"),
    "submit": gettext_noop("Nộp hồ sơ trực tuyến"),
    "intake": gettext_noop("Tiếp nhận hồ sơ tại quầy"),
    "receive": gettext_noop("Tiếp nhận hồ sơ"),
    "attach": gettext_noop("Thêm tệp đính kèm"),
    "detach": gettext_noop("Gỡ tệp đính kèm"),
    "withdraw_file": gettext_noop("Công dân rút tệp đã gửi để thay bằng tệp mới"),
    "assign": gettext_noop("Giao cán bộ xử lý"),
    "forward": gettext_noop("Chuyển bước xử lý"),
    "send_back": gettext_noop("Trả lại bước trước"),
    "request_supplement": gettext_noop("Yêu cầu bổ sung hồ sơ"),
    "supplement": gettext_noop("Bổ sung hồ sơ"),
    "request_obligation": gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "fulfil_obligation": gettext_noop("Đã thực hiện nghĩa vụ tài chính"),
    "approve": gettext_noop("Lãnh đạo phê duyệt"),
    "resolve": gettext_noop("Giải quyết xong"),
    "return_result": gettext_noop("Trả kết quả"),
    "refuse": gettext_noop("Từ chối tiếp nhận"),
    "withdraw": gettext_noop("Rút hồ sơ"),
    "stop": gettext_noop("Dừng xử lý"),
    "apologize": gettext_noop("Xin lỗi và hẹn lại ngày trả kết quả"),
    "message": gettext_noop("Trao đổi"),
    "link_account": gettext_noop(
        "Gắn hồ sơ vào tài khoản của người nộp (đã xác thực định danh điện tử)"
    ),
}
# Steps a citizen follows; edits of a draft and attachments are noise to them.
QUIET_FOR_CITIZEN = frozenset({"draft_update", "attach", "detach", "message"})


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    label: str
    step: str
    unit: str
    reason: str
    timeliness: str
    actor: str
    repeats: int = 1


# Autosave writes one event per save, and each file added or taken out one more: a run
# of them reads as one line ("× 12"). While the citizen drafts, edits and files are one
# activity; afterwards a run of files added (a supplement) stays its own line.
COLLAPSED = frozenset({"draft_update", "attach", "detach"})
DRAFTING = "drafting"
ACTION_LABELS[DRAFTING] = gettext_noop("Soạn bản nháp (sửa tờ khai, thêm hoặc gỡ tệp)")


def _run_of(event: DossierEvent) -> str:
    """The line a run of events is told as ("" for an event told on its own)."""
    if event.action not in COLLAPSED:
        return ""
    return DRAFTING if event.to_status == 0 else event.action


def timeline_rows(events: Iterable[DossierEvent], *, staff: bool = False) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    previous = ""
    repeats = 1
    for event in events:
        if not staff and event.action in QUIET_FOR_CITIZEN:
            continue
        run = _run_of(event)
        if run and run == previous and rows:
            repeats += 1
            rows[-1] = replace(rows[-1], at=event.at, repeats=repeats)
            continue
        previous, repeats = run, 1
        rows.append(
            TimelineRow(
                at=event.at,
                label=ACTION_LABELS.get(run or event.action, event.action),
                step=event.to_step.name if event.to_step else "",
                unit=event.to_unit.name if event.to_unit else "",
                reason=event.reason,
                timeliness=event.get_timeliness_display() if event.timeliness else "",
                actor=str(event.actor) if staff and event.actor else "",
            )
        )
    return rows
