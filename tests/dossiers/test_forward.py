"""Forwarding to the next step: the hand-off is timed against the step's budget."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed, StaleDossier
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.dossiers.services.records import dossier_claim, event_record
from motcua.notifications.models import Delivery
from tests.dossiers.conftest import VN
from tests.statements import sent

pytestmark = pytest.mark.django_db


def test_the_desk_forwards_to_the_specialist_step(
    received: Dossier, clerk: User, specialist: User
) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 9, 10, tzinfo=VN), tick=False):
        dossier = services.dossier_forward(
            dossier=received, actor=clerk, expected_version=received.version, assignee=specialist
        )

    assert dossier.status == Status.PROCESSING
    assert dossier.current_step is not None and dossier.current_step.order == 2
    assert dossier.assignee == specialist
    assert dossier.current_unit is not None and dossier.current_unit.kind == "specialist"
    # A four-hour budget from 09:10: 2h20 before lunch, 1h40 after 13:30.
    assert dossier.current_step_due_at == datetime(2026, 11, 18, 15, 10, tzinfo=VN)
    event = DossierEvent.objects.get(dossier=dossier, action="forward")
    assert event.from_step is not None and event.from_step.order == 1
    assert event.to_user == specialist
    assert event.step_due_at == datetime(2026, 11, 18, 9, 30, tzinfo=VN)
    assert (event.timeliness, event.timeliness_minutes) == ("on_time", 20)


def test_a_late_hand_off_is_recorded_against_the_step(received: Dossier, clerk: User) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 10, 0, tzinfo=VN), tick=False):
        services.dossier_forward(dossier=received, actor=clerk, expected_version=received.version)
    event = DossierEvent.objects.get(dossier=received, action="forward")
    assert (event.timeliness, event.timeliness_minutes) == ("late", -30)
    assert event.from_unit is not None and event.from_unit.kind == "reception"


def test_only_the_holder_of_the_step_forwards(received: Dossier, specialist: User) -> None:
    with pytest.raises(NotAllowed, match="Tiếp nhận hồ sơ"):
        services.dossier_forward(
            dossier=received, actor=specialist, expected_version=received.version
        )


def test_a_colleague_cannot_take_over_an_assigned_dossier(
    at_specialist: Dossier, second_specialist: User
) -> None:
    with pytest.raises(NotAllowed, match="giao cho cán bộ khác"):
        services.dossier_forward(
            dossier=at_specialist, actor=second_specialist, expected_version=at_specialist.version
        )


def test_the_unit_head_may_move_an_assigned_dossier(
    at_specialist: Dossier, commune_agency: object
) -> None:
    from motcua.organizations.models import Role
    from tests.conftest import make_staff

    head = make_staff("thu.truongphong2", commune_agency, Role.SPECIALIST, "specialist")  # type: ignore[arg-type]
    make_staff_role(head, Role.UNIT_HEAD)
    dossier = services.dossier_forward(
        dossier=at_specialist, actor=head, expected_version=at_specialist.version
    )
    assert dossier.current_step is not None and dossier.current_step.order == 3


def make_staff_role(user: User, role: str) -> None:
    from motcua.organizations.models import StaffRole

    first = StaffRole.objects.filter(user=user).first()
    assert first is not None
    StaffRole.objects.create(user=user, agency=first.agency, unit=first.unit, role=role)


def test_the_assignee_must_be_able_to_do_the_next_step(
    received: Dossier, clerk: User, leader: User
) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.dossier_forward(
            dossier=received, actor=clerk, expected_version=received.version, assignee=leader
        )
    assert caught.value.field == "assignee"


def test_the_leader_step_moves_on_by_approval(at_leader: Dossier, leader: User) -> None:
    with pytest.raises(InvalidTransition, match="phê duyệt"):
        services.dossier_forward(
            dossier=at_leader, actor=leader, expected_version=at_leader.version
        )


def test_nothing_to_forward_to_after_the_last_step(resolved: Dossier, clerk: User) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_forward(dossier=resolved, actor=clerk, expected_version=resolved.version)


def test_an_outsider_cannot_forward(received: Dossier, outsider: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_forward(
            dossier=received, actor=outsider, expected_version=received.version
        )


def test_a_citizen_cannot_forward(received: Dossier, citizen: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_forward(dossier=received, actor=citizen, expected_version=received.version)


def test_a_forward_writes_the_dossier_once_with_its_next_version(
    received: Dossier, clerk: User
) -> None:
    """The claim only locks the row: the step's UPDATE carries the new version, so the
    change makes one row version, and a caller holding the old version is refused."""
    before = received.version
    with CaptureQueriesContext(connection) as queries:
        moved = services.dossier_forward(dossier=received, actor=clerk, expected_version=before)
    updates = [sql for sql in sent(queries.captured_queries) if sql.startswith("UPDATE")]
    assert len([u for u in updates if '"dossiers_dossier"' in u.split("SET")[0]]) == 1, updates
    assert moved.version == before + 1
    assert Dossier.objects.get(pk=received.pk).version == before + 1
    assert DossierEvent.objects.get(dossier=received, action="forward").record_version == before + 1
    with pytest.raises(StaleDossier):
        services.dossier_forward(dossier=received, actor=clerk, expected_version=before)


def test_a_claimed_change_that_writes_no_column_still_counts_as_a_version(
    received: Dossier, clerk: User
) -> None:
    with transaction.atomic():
        claimed = dossier_claim(dossier=received, expected_version=received.version)
        event_record(dossier=claimed, before=None, actor=clerk, actor_role="", action="note")
    assert Dossier.objects.get(pk=received.pk).version == received.version + 1


def test_a_forward_takes_the_ids_its_rows_need_with_its_claim(
    received: Dossier, clerk: User
) -> None:
    """On PostgreSQL the claim's read also takes the audit row's and the notices' ids, so
    the change sends its claim, its rows in one statement and its commit, nothing more."""
    with CaptureQueriesContext(connection) as queries:
        services.dossier_forward(dossier=received, actor=clerk, expected_version=received.version)
    texts = [q["sql"] for q in queries.captured_queries]
    event = DossierEvent.objects.get(dossier=received, action="forward")
    if connection.vendor != "postgresql":
        assert not any("nextval" in t for t in texts)
        return
    reservations = [t for t in texts if t.startswith("SELECT 0, nextval")]
    assert reservations == [], reservations
    [claim] = [t for t in texts if "FOR UPDATE" in t]
    assert claim.count("nextval(") == 3
    writes = [t for t in texts if t.startswith(("INSERT", "UPDATE", "WITH"))]
    assert len(writes) == 1 and writes[0].startswith("WITH"), writes
    assert event.pk is not None and Delivery.objects.filter(topic=f"dossier:{received.pk}").exists()
