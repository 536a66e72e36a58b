"""Who sees which dossiers, and the official's work queue."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Channel, Dossier, Status
from motcua.dossiers.selectors import (
    DossierFilter,
    dossier_timeline,
    dossiers_filter,
    dossiers_visible_to,
    process_control_rows,
    work_queue,
)
from tests.dossiers.conftest import VN, intake, submit_online

pytestmark = pytest.mark.django_db


def test_charlie_of_ba_dinh_sees_nothing_of_hoan_kiem(
    at_specialist: Dossier, outsider: User, specialist: User
) -> None:
    assert list(dossiers_visible_to(specialist)) == [at_specialist]
    assert not dossiers_visible_to(outsider).exists()
    assert not work_queue(outsider).exists()


def test_the_queue_never_holds_a_dossier_its_owner_may_not_see(
    at_specialist: Dossier,
    new_dossier: Dossier,
    clerk: User,
    specialist: User,
    leader: User,
    outsider: User,
    citizen: User,
) -> None:
    for user in (clerk, specialist, leader, outsider, citizen):
        queued = set(work_queue(user).values_list("pk", flat=True))
        assert queued <= set(dossiers_visible_to(user).values_list("pk", flat=True)), user
    assert at_specialist.pk in set(work_queue(specialist).values_list("pk", flat=True))
    assert not work_queue(citizen).exists()


def test_a_citizen_sees_only_her_own(
    new_dossier: Dossier, citizen: User, other_citizen: User
) -> None:
    assert list(dossiers_visible_to(citizen)) == [new_dossier]
    assert not dossiers_visible_to(other_citizen).exists()


def test_officials_never_see_drafts(citizen: User, version: ProcedureVersion, clerk: User) -> None:
    services.dossier_draft_save(
        actor=citizen, version=version, agency=version.procedure.agencies.get(), declaration={}
    )
    assert not dossiers_visible_to(clerk).exists()


def test_the_queue_is_what_i_can_act_on_most_urgent_first(
    citizen: User,
    clerk: User,
    specialist: User,
    second_specialist: User,
    version: ProcedureVersion,
) -> None:
    later = intake(clerk, version)
    later = services.dossier_forward(dossier=later, actor=clerk, expected_version=later.version)
    with time_machine.travel(datetime(2026, 11, 18, 8, tzinfo=VN), tick=False):
        sooner = intake(clerk, version)
        sooner = services.dossier_forward(
            dossier=sooner, actor=clerk, expected_version=sooner.version
        )
    mine = intake(clerk, version)
    services.dossier_forward(
        dossier=mine, actor=clerk, expected_version=mine.version, assignee=second_specialist
    )
    waiting = submit_online(citizen, version)

    assert list(work_queue(specialist)) == [sooner, later]
    assert list(work_queue(clerk)) == [waiting]


def test_filters(clerk: User, citizen: User, specialist: User, version: ProcedureVersion) -> None:
    counter = intake(clerk, version)
    online = submit_online(citizen, version)
    online = services.dossier_receive(dossier=online, actor=clerk, expected_version=online.version)
    online = services.dossier_forward(
        dossier=online, actor=clerk, expected_version=online.version, assignee=specialist
    )
    seen = dossiers_visible_to(clerk)

    def pick(**kwargs: object) -> set[int]:
        return set(dossiers_filter(seen, DossierFilter(**kwargs)).values_list("pk", flat=True))  # type: ignore[arg-type]

    assert pick(channel=Channel.ONLINE) == {online.pk}
    assert pick(status=[Status.RECEIVED]) == {counter.pk}
    assert pick(assignee=specialist.pk) == {online.pk}
    assert pick(procedure="1.001193") == {counter.pk, online.pk}
    assert pick(procedure="9.999999") == set()
    assert pick(late=True) == set()
    with time_machine.travel(datetime(2026, 11, 25, 9, tzinfo=VN), tick=False):
        assert pick(late=True) == {counter.pk, online.pk}
    assert pick(due_before=datetime(2026, 11, 30, tzinfo=VN)) == {counter.pk, online.pk}
    assert pick(received_from=datetime(2026, 11, 19, tzinfo=VN)) == set()
    assert pick(unit=online.current_unit_id) == {online.pk}


def test_a_paused_dossier_is_not_late_while_it_waits(
    at_specialist: Dossier, specialist: User, clerk: User
) -> None:
    services.dossier_request_supplement(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version, reason="x"
    )
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=VN), tick=False):
        late = dossiers_filter(dossiers_visible_to(clerk), DossierFilter(late=True))
        assert not late.exists()


def test_the_citizen_timeline_hides_internal_notes(
    at_leader: Dossier, leader: User, citizen: User, specialist: User
) -> None:
    dossier = services.dossier_send_back(
        dossier=at_leader,
        actor=leader,
        expected_version=at_leader.version,
        step_order=2,
        reason="Ghi chú nội bộ: kiểm tra lại",
    )
    dossier = services.dossier_request_supplement(
        dossier=dossier,
        actor=specialist,
        expected_version=dossier.version,
        reason="Bổ sung giấy chứng sinh",
    )
    reasons = {e.action: e.reason for e in dossier_timeline(dossier, viewer=citizen)}
    assert reasons["send_back"] == ""
    assert reasons["request_supplement"] == "Bổ sung giấy chứng sinh"
    staff = {e.action: e.reason for e in dossier_timeline(dossier, viewer=specialist)}
    assert staff["send_back"].startswith("Ghi chú")
    assert [r.action for r in process_control_rows(dossier)] == ["forward", "forward", "send_back"]


def test_the_citizen_timeline_keeps_the_citizens_own_supplement_note(
    at_specialist: Dossier, specialist: User, citizen: User
) -> None:
    dossier = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Bổ sung giấy chứng sinh",
    )
    dossier = services.dossier_supplement(
        dossier=dossier,
        actor=citizen,
        expected_version=dossier.version,
        note="Đã chụp lại giấy chứng sinh rõ hơn",
    )
    reasons = {e.action: e.reason for e in dossier_timeline(dossier, viewer=citizen)}
    assert reasons["supplement"] == "Đã chụp lại giấy chứng sinh rõ hơn"
