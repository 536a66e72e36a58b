"""Refusal at the desk (3), withdrawal before reception (7), stop before a decision (8)."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent, Status

pytestmark = pytest.mark.django_db


def test_the_desk_refuses_with_a_reason(new_dossier: Dossier, clerk: User) -> None:
    dossier = services.dossier_refuse(
        dossier=new_dossier,
        actor=clerk,
        expected_version=new_dossier.version,
        reason="Không thuộc thẩm quyền của phường",
    )
    assert dossier.status == Status.REFUSED and dossier.code is None
    assert DossierEvent.objects.get(dossier=dossier, action="refuse").reason.startswith("Không")


def test_a_refusal_needs_a_reason(new_dossier: Dossier, clerk: User) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_refuse(
            dossier=new_dossier, actor=clerk, expected_version=new_dossier.version, reason=""
        )


def test_a_received_dossier_is_not_refused_but_stopped_or_resolved(
    received: Dossier, clerk: User
) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_refuse(
            dossier=received, actor=clerk, expected_version=received.version, reason="x"
        )


def test_only_the_desk_refuses(new_dossier: Dossier, specialist: User, citizen: User) -> None:
    for someone in (specialist, citizen):
        with pytest.raises(NotAllowed):
            services.dossier_refuse(
                dossier=new_dossier, actor=someone, expected_version=new_dossier.version, reason="x"
            )


def test_the_citizen_withdraws_before_reception(new_dossier: Dossier, citizen: User) -> None:
    dossier = services.dossier_withdraw(
        dossier=new_dossier, actor=citizen, expected_version=new_dossier.version
    )
    assert dossier.status == Status.WITHDRAWN


def test_another_citizen_cannot_withdraw_mine(new_dossier: Dossier, other_citizen: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_withdraw(
            dossier=new_dossier, actor=other_citizen, expected_version=new_dossier.version
        )


def test_after_reception_it_is_a_stop_not_a_withdrawal(received: Dossier, citizen: User) -> None:
    with pytest.raises(InvalidTransition, match="dừng xử lý"):
        services.dossier_withdraw(
            dossier=received, actor=citizen, expected_version=received.version
        )


def test_the_citizen_asks_to_stop_processing(at_specialist: Dossier, citizen: User) -> None:
    dossier = services.dossier_stop(
        dossier=at_specialist,
        actor=citizen,
        expected_version=at_specialist.version,
        reason="Gia đình chuyển nơi cư trú",
    )
    assert dossier.status == Status.STOPPED
    assert dossier.current_step is None
    event = DossierEvent.objects.get(dossier=dossier, action="stop")
    assert event.from_step is not None and event.timeliness != ""


def test_the_desk_records_a_stop_for_the_citizen(at_specialist: Dossier, clerk: User) -> None:
    dossier = services.dossier_stop(
        dossier=at_specialist,
        actor=clerk,
        expected_version=at_specialist.version,
        reason="Công dân nộp đơn đề nghị dừng",
    )
    assert dossier.status == Status.STOPPED


def test_no_stop_once_the_decision_is_approved(approved: Dossier, citizen: User) -> None:
    with pytest.raises(InvalidTransition, match="quyết định"):
        services.dossier_stop(
            dossier=approved, actor=citizen, expected_version=approved.version, reason="Đổi ý"
        )


def test_a_specialist_cannot_stop_on_his_own(at_specialist: Dossier, specialist: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_stop(
            dossier=at_specialist,
            actor=specialist,
            expected_version=at_specialist.version,
            reason="x",
        )


def test_no_stop_before_reception(new_dossier: Dossier, citizen: User) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_stop(
            dossier=new_dossier, actor=citizen, expected_version=new_dossier.version, reason="x"
        )
