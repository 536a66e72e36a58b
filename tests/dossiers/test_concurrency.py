"""Two people acting on one dossier at the same moment: exactly one wins."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError, StaleDossier
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.dossiers.services.records import DossierRef
from tests.dossiers.conftest import VN, intake, race, submit_online

pytestmark = [pytest.mark.no_freeze, pytest.mark.django_db(transaction=True)]


def test_two_clerks_receiving_the_same_dossier_one_wins(
    citizen: User, clerk: User, other_clerk: User, version: ProcedureVersion
) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        dossier = submit_online(citizen, version)
        outcomes = race(
            lambda: services.dossier_receive(
                dossier=dossier, actor=clerk, expected_version=dossier.version
            ),
            lambda: services.dossier_receive(
                dossier=dossier, actor=other_clerk, expected_version=dossier.version
            ),
        )
    wins = [o for o in outcomes if isinstance(o, Dossier)]
    losses = [o for o in outcomes if isinstance(o, DossierError)]
    assert len(wins) == 1 and len(losses) == 1, outcomes
    assert isinstance(losses[0], StaleDossier)
    assert "vừa được cập nhật" in losses[0].message
    assert Dossier.objects.get().code == "000.01.01.H26-261118-0001"
    assert DossierEvent.objects.filter(action="receive").count() == 1


def test_supplement_request_and_forward_at_once_one_wins(
    citizen: User, clerk: User, specialist: User, version: ProcedureVersion
) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        dossier = submit_online(citizen, version)
        dossier = services.dossier_receive(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )
        outcomes = race(
            lambda: services.dossier_forward(
                dossier=dossier, actor=clerk, expected_version=dossier.version
            ),
            lambda: services.dossier_request_supplement(
                dossier=dossier, actor=clerk, expected_version=dossier.version, reason="Bổ sung"
            ),
        )
    assert sum(isinstance(o, Dossier) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, StaleDossier) for o in outcomes) == 1, outcomes
    assert Dossier.objects.get().status in {Status.PROCESSING, Status.SUPPLEMENT_REQUESTED}


def test_two_integrators_forwarding_by_code_at_once_one_wins(
    clerk: User, other_clerk: User, version: ProcedureVersion
) -> None:
    """An API action names the dossier by code and its claim tests visibility inside its
    one locking read (``DossierRef``): when two such claims race, the second waits for the
    first's row lock, finds the version moved, and is told so; never both."""
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        dossier = intake(clerk, version)
        code = dossier.code
        assert code is not None
        outcomes = race(
            *[
                (
                    lambda actor=actor: services.dossier_forward(
                        dossier=DossierRef("code", code, actor),
                        actor=actor,
                        expected_version=dossier.version,
                    )
                )
                for actor in (clerk, other_clerk)
            ]
        )
    assert sum(isinstance(o, Dossier) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, StaleDossier) for o in outcomes) == 1, outcomes
    stored = Dossier.objects.get()
    assert stored.version == dossier.version + 1 and stored.status == Status.PROCESSING
    assert DossierEvent.objects.filter(action="forward").count() == 1


def test_a_retried_submission_racing_itself_creates_one_dossier(
    citizen: User, version: ProcedureVersion
) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        outcomes = race(
            *[
                (lambda: submit_online(citizen, version, idempotency_key="retry-7"))
                for _ in range(4)
            ]
        )
    assert all(isinstance(o, Dossier) for o in outcomes), outcomes
    assert {o.pk for o in outcomes if isinstance(o, Dossier)} == {Dossier.objects.get().pk}
