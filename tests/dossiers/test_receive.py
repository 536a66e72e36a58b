"""Reception: the clerk accepts an online dossier; the code, secret and clocks are fixed."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidTransition, NotAllowed, StaleDossier
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.workdays.selectors import calendar_for_agency
from tests.dossiers.conftest import VN

pytestmark = pytest.mark.django_db


def test_clerk_receives_and_the_dossier_gets_code_secret_and_appointment(
    new_dossier: Dossier, clerk: User
) -> None:
    dossier = services.dossier_receive(
        dossier=new_dossier, actor=clerk, expected_version=new_dossier.version
    )

    assert dossier.status == Status.RECEIVED
    assert dossier.code == "000.01.01.H26-261118-0001"
    assert len(dossier.lookup_secret) == 8
    assert dossier.received_at == datetime(2026, 11, 18, 9, 0, tzinfo=VN)
    # Three working days from Wednesday 09:00: Monday 09:00.
    assert dossier.due_at == datetime(2026, 11, 23, 9, 0, tzinfo=VN)
    assert dossier.current_step is not None and dossier.current_step.order == 1
    assert dossier.current_step_due_at == datetime(2026, 11, 18, 9, 30, tzinfo=VN)
    assert dossier.current_unit is not None and dossier.current_unit.kind == "reception"
    event = DossierEvent.objects.get(dossier=dossier, action="receive")
    assert (event.actor, event.actor_role, event.from_status, event.to_status) == (
        clerk,
        "clerk",
        Status.NEW,
        Status.RECEIVED,
    )


def test_appointment_follows_the_engine_after_the_cutoff(new_dossier: Dossier, clerk: User) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 15, 30, tzinfo=VN), tick=False):
        dossier = services.dossier_receive(
            dossier=new_dossier, actor=clerk, expected_version=new_dossier.version
        )
    cal = calendar_for_agency(dossier.deciding_agency)
    assert dossier.clock_started_at == datetime(2026, 11, 19, 7, 0, tzinfo=VN)
    assert dossier.due_at == cal.due(
        datetime(2026, 11, 18, 15, 30, tzinfo=VN),
        dossier.procedure_version.duration,
        cutoff=dossier.procedure_version.cutoff_time,
    )


def test_codes_count_up_per_agency_and_day(citizen: User, clerk: User, version: object) -> None:
    from tests.dossiers.conftest import submit_online

    codes = []
    for _ in range(3):
        d = submit_online(citizen, version)  # type: ignore[arg-type]
        codes.append(
            services.dossier_receive(dossier=d, actor=clerk, expected_version=d.version).code
        )
    assert codes == [f"000.01.01.H26-261118-000{n}" for n in (1, 2, 3)]


def test_specialist_cannot_receive(new_dossier: Dossier, specialist: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_receive(
            dossier=new_dossier, actor=specialist, expected_version=new_dossier.version
        )
    new_dossier.refresh_from_db()
    assert new_dossier.status == Status.NEW and new_dossier.code is None


def test_clerk_of_another_agency_cannot_receive(new_dossier: Dossier, other_agency: object) -> None:
    from motcua.organizations.models import Role
    from tests.conftest import make_staff

    stranger = make_staff("tuan.badinh", other_agency, Role.CLERK, "reception")  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):
        services.dossier_receive(
            dossier=new_dossier, actor=stranger, expected_version=new_dossier.version
        )


def test_a_received_dossier_cannot_be_received_again(received: Dossier, clerk: User) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_receive(dossier=received, actor=clerk, expected_version=received.version)


def test_a_stale_version_is_refused(new_dossier: Dossier, clerk: User) -> None:
    with pytest.raises(StaleDossier, match="vừa được cập nhật"):
        services.dossier_receive(
            dossier=new_dossier, actor=clerk, expected_version=new_dossier.version - 1
        )
