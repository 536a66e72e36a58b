"""Financial obligations (status 6) pause the clock until the desk records the payment."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, Status
from tests.dossiers.conftest import VN

pytestmark = pytest.mark.django_db


def test_payment_restarts_the_clock(at_specialist: Dossier, specialist: User, clerk: User) -> None:
    waiting = services.dossier_request_obligation(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Nộp lệ phí đăng ký khai sinh muộn",
        amount=5000,
    )
    assert waiting.status == Status.OBLIGATION_REQUESTED and waiting.paused_at is not None
    with time_machine.travel(datetime(2026, 11, 18, 14, tzinfo=VN), tick=False):
        dossier = services.dossier_fulfil_obligation(
            dossier=waiting, actor=clerk, expected_version=waiting.version, reference="BL-0001"
        )
    assert dossier.status == Status.PROCESSING
    assert dossier.paused_minutes == 3 * 60  # 09:00–11:30 and 13:30–14:00


def test_not_before_reception(new_dossier: Dossier, clerk: User) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_request_obligation(
            dossier=new_dossier, actor=clerk, expected_version=new_dossier.version, reason="Phí"
        )


def test_a_negative_amount_is_refused(at_specialist: Dossier, specialist: User) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_request_obligation(
            dossier=at_specialist,
            actor=specialist,
            expected_version=at_specialist.version,
            reason="Phí",
            amount=-1,
        )


def test_only_the_desk_records_payment(
    at_specialist: Dossier, specialist: User, citizen: User
) -> None:
    waiting = services.dossier_request_obligation(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Phí",
    )
    for someone in (specialist, citizen):
        with pytest.raises(NotAllowed):
            services.dossier_fulfil_obligation(
                dossier=waiting, actor=someone, expected_version=waiting.version
            )
