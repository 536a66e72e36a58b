"""Warnings a working day before a step or the dossier falls due."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierWarning
from motcua.notifications.models import Delivery
from tests.dossiers.conftest import VN

pytestmark = pytest.mark.django_db


def test_the_assignee_and_the_unit_head_are_warned_once(
    at_specialist: Dossier, specialist: User, unit_head: User
) -> None:
    specialist.email, unit_head.email = "minh@hoankiem.gov.vn", "thu@hoankiem.gov.vn"
    specialist.save()
    unit_head.save()
    # The step (due 15:00 today) is within a working day; the dossier (Monday) is not.
    assert services.dossiers_warn_due_soon() == 1
    assert services.dossiers_warn_due_soon() == 0
    warning = DossierWarning.objects.get()
    assert warning.kind == "step"
    assert set(
        Delivery.objects.filter(
            topic=f"dossier:{at_specialist.pk}",
            channel="email",
            subject__startswith="[motcua] Sắp đến hạn",
        ).values_list("recipient", flat=True)
    ) == {"minh@hoankiem.gov.vn", "thu@hoankiem.gov.vn"}


def test_the_whole_deadline_is_warned_the_working_day_before(at_specialist: Dossier) -> None:
    with time_machine.travel(datetime(2026, 11, 20, 10, tzinfo=VN), tick=False):
        services.dossiers_warn_due_soon()
    assert DossierWarning.objects.filter(kind="dossier").count() == 1


def test_a_dossier_waiting_for_the_citizen_is_not_warned(
    at_specialist: Dossier, specialist: User
) -> None:
    services.dossier_request_supplement(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version, reason="x"
    )
    assert services.dossiers_warn_due_soon() == 0
    assert DossierWarning.objects.count() == 0
