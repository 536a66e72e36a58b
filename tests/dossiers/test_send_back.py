"""Returning a dossier to an earlier step, with a reason."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent, Status

pytestmark = pytest.mark.django_db


def test_the_leader_sends_the_dossier_back_to_the_specialist(
    at_leader: Dossier, leader: User
) -> None:
    dossier = services.dossier_send_back(
        dossier=at_leader,
        actor=leader,
        expected_version=at_leader.version,
        step_order=2,
        reason="Thiếu đối chiếu giấy chứng sinh",
    )
    assert dossier.current_step is not None and dossier.current_step.order == 2
    assert dossier.status == Status.PROCESSING
    event = DossierEvent.objects.get(dossier=dossier, action="send_back")
    assert event.reason == "Thiếu đối chiếu giấy chứng sinh"
    assert event.from_step is not None and event.from_step.order == 3
    assert event.timeliness in {"early", "on_time", "late"}


def test_a_reason_is_required(at_leader: Dossier, leader: User) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.dossier_send_back(
            dossier=at_leader,
            actor=leader,
            expected_version=at_leader.version,
            step_order=2,
            reason=" ",
        )
    assert caught.value.field == "reason"


def test_only_earlier_steps(at_specialist: Dossier, specialist: User) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_send_back(
            dossier=at_specialist,
            actor=specialist,
            expected_version=at_specialist.version,
            step_order=3,
            reason="Nhầm",
        )


def test_the_specialist_cannot_send_back_from_the_leader_step(
    at_leader: Dossier, specialist: User
) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_send_back(
            dossier=at_leader,
            actor=specialist,
            expected_version=at_leader.version,
            step_order=2,
            reason="Tự rút lại",
        )
