"""Bà Hoa filed dossiers at the Hoàn Kiếm counter before she had an account. Once the
national identity provider has vouched for her number, they join her account; a number
only typed at registration brings nothing, and nobody else's dossier moves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection

from motcua.accounts.models import User
from motcua.accounts.services import identity_prove
from motcua.audit.models import AuditEvent
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import NotAllowed, StaleDossier
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.dossiers.services import ApplicantInput, linking
from motcua.dossiers.services.linking import unlinked_dossiers
from motcua.notifications.models import Delivery
from tests.dossiers.conftest import AT_COUNTER, GOOD_DECLARATION, VN, intake, race

pytestmark = pytest.mark.django_db

link = services.dossiers_link_to_citizen


@pytest.fixture
def proven(citizen: User) -> User:
    """Bà Hoa, after a login through the national identity provider."""
    identity_prove(user=citizen, subject="vneid-hoa")
    return citizen


def test_her_counter_dossiers_join_her_proven_account(
    proven: User, clerk: User, version: ProcedureVersion
) -> None:
    first, second = intake(clerk, version), intake(clerk, version)

    assert link(citizen=proven) == 2

    for before in (first, second):
        after = Dossier.objects.get(pk=before.pk)
        assert after.applicant_id == proven.pk
        assert after.version == before.version + 1
        assert (after.status, after.code, after.due_at) == (
            before.status,
            before.code,
            before.due_at,
        )


def test_each_linked_dossier_says_so_in_its_audit_trail(
    proven: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)

    link(citizen=proven)

    event = DossierEvent.objects.get(dossier=dossier, action="link_account")
    assert event.actor == proven and event.actor_role == "citizen"
    assert event.from_status == event.to_status == Status.RECEIVED
    assert event.changes == {"applicant": [None, proven.pk]}
    assert event.record_version == dossier.version + 1


def test_linking_sends_no_notice_and_prints_no_slip(
    proven: User,
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    intake(clerk, version)
    deliveries = Delivery.objects.count()

    with django_capture_on_commit_callbacks() as jobs:
        assert link(citizen=proven) == 1

    assert jobs == []
    assert Delivery.objects.count() == deliveries


def test_an_official_holding_the_version_before_the_link_is_told_it_changed(
    proven: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    link(citizen=proven)

    with pytest.raises(StaleDossier):
        services.dossier_forward(dossier=dossier, actor=clerk, expected_version=dossier.version)


def test_a_dossier_an_official_moved_since_it_was_read_is_read_again(
    proven: User, clerk: User, version: ProcedureVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lan forwards the dossier between the link's read and its lock: the lock finds
    another version, and the link reads the dossier again rather than miss it."""
    dossier = intake(clerk, version)
    read = linking.unlinked_dossiers

    class ReadThenForwarded:
        def __init__(self, number: str) -> None:
            self.number = number

        def values_list(self, *fields: str) -> list[Any]:
            rows = list(read(self.number).values_list(*fields))
            services.dossier_forward(dossier=dossier, actor=clerk, expected_version=dossier.version)
            return rows

    monkeypatch.setattr(linking, "unlinked_dossiers", ReadThenForwarded)

    assert link(citizen=proven) == 1

    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.applicant_id == proven.pk and stored.status == Status.PROCESSING
    assert stored.version == dossier.version + 2


def test_a_number_only_typed_at_registration_links_nothing(
    citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    """Her account was registered with a password: anyone could have typed her number."""
    dossier = intake(clerk, version)

    with pytest.raises(NotAllowed):
        link(citizen=citizen)

    assert Dossier.objects.get(pk=dossier.pk).applicant_id is None
    assert not DossierEvent.objects.filter(action="link_account").exists()


def test_a_dossier_on_another_account_never_moves(
    proven: User, other_citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    """Ông Bình filed it on his own account, giving her number as the applicant's."""
    theirs = intake(clerk, version, applicant_user=other_citizen)

    assert link(citizen=proven) == 0

    assert Dossier.objects.get(pk=theirs.pk).applicant_id == other_citizen.pk
    assert not DossierEvent.objects.filter(action="link_account").exists()


def test_a_dossier_under_someone_else_s_number_stays_where_it_is(
    proven: User, clerk: User, version: ProcedureVersion
) -> None:
    bình = services.dossier_intake(
        actor=clerk,
        version=version,
        agency=version.procedure.agencies.get(),
        applicant=ApplicantInput(name="Trần Văn Bình", identity_number="079095000111"),
        declaration=dict(GOOD_DECLARATION),
        documents=list(AT_COUNTER),
    )

    assert link(citizen=proven) == 0
    assert Dossier.objects.get(pk=bình.pk).applicant_id is None


def test_a_draft_is_never_linked(proven: User, version: ProcedureVersion) -> None:
    draft = services.dossier_draft_save(
        actor=proven, version=version, agency=version.procedure.agencies.get(), declaration={}
    )
    # A draft on no account (none is made so today; an import might): still not hers
    # to be given, a draft is nobody's dossier yet.
    Dossier.objects.filter(pk=draft.pk).update(applicant=None)

    assert link(citizen=proven) == 0

    assert Dossier.objects.get(pk=draft.pk).applicant_id is None


def test_linking_again_links_nothing(proven: User, clerk: User, version: ProcedureVersion) -> None:
    dossier = intake(clerk, version)
    assert link(citizen=proven) == 1
    linked_version = Dossier.objects.get(pk=dossier.pk).version

    assert link(citizen=proven) == 0

    assert DossierEvent.objects.filter(action="link_account").count() == 1
    assert Dossier.objects.get(pk=dossier.pk).version == linked_version


def test_a_closed_account_gets_nothing(
    proven: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    proven.is_active = False
    proven.save(update_fields=["is_active"])

    with pytest.raises(NotAllowed):
        link(citizen=proven)
    assert Dossier.objects.get(pk=dossier.pk).applicant_id is None


def test_the_proof_is_recorded_once(citizen: User) -> None:
    assert identity_prove(user=citizen, subject="vneid-hoa") is True
    proven_at = User.objects.get(pk=citizen.pk).identity_proven_at

    assert identity_prove(user=citizen, subject="vneid-hoa") is False

    assert proven_at is not None
    assert User.objects.get(pk=citizen.pk).identity_proven_at == proven_at
    assert AuditEvent.objects.filter(action="accounts.identity_proven").count() == 1


def test_the_lookup_reads_only_the_unlinked_dossiers_index(
    proven: User, clerk: User, version: ProcedureVersion
) -> None:
    """At 5 M dossiers a lookup that read the table would stall every login."""
    intake(clerk, version)
    query = unlinked_dossiers(proven.identity_number or "").values_list("pk", "version")
    if connection.vendor == "postgresql":
        # A table this small is cheaper to read whole: make that impossible to choose.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    plan = query.explain()
    assert "dossier_unlinked_identity_idx" in plan, plan


# --- two at once --------------------------------------------------------------------------

AT_NINE = datetime(2026, 11, 18, 9, tzinfo=VN)


def _login(pk: int, subject: str) -> int:
    """What a login through the provider does for the account (``portal.oidc_views``)."""
    user = User.objects.get(pk=pk)
    identity_prove(user=user, subject=subject)
    return link(citizen=user)


@pytest.mark.no_freeze
@pytest.mark.django_db(transaction=True)
def test_two_logins_at_once_prove_once_and_link_each_dossier_once(
    citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    with time_machine.travel(AT_NINE, tick=True):
        dossiers = [intake(clerk, version) for _ in range(3)]
        outcomes = race(lambda: _login(citizen.pk, "phone"), lambda: _login(citizen.pk, "pc"))
    assert all(isinstance(o, int) for o in outcomes), outcomes
    assert sum(o for o in outcomes if isinstance(o, int)) == 3
    assert AuditEvent.objects.filter(action="accounts.identity_proven").count() == 1
    assert DossierEvent.objects.filter(action="link_account").count() == 3
    for before in dossiers:
        after = Dossier.objects.get(pk=before.pk)
        assert after.applicant_id == citizen.pk
        assert after.version == before.version + 1


@pytest.mark.no_freeze
@pytest.mark.django_db(transaction=True)
def test_an_official_acting_at_the_same_moment_does_not_make_the_link_miss(
    citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    """The clerk forwards the dossier while Bà Hoa logs in: the link reads the dossier,
    finds it changed when it locks it, and reads it again."""
    with time_machine.travel(AT_NINE, tick=True):
        dossier = intake(clerk, version)
        identity_prove(user=citizen, subject="vneid-hoa")
        citizen.refresh_from_db()
        outcomes = race(
            lambda: link(citizen=citizen),
            lambda: services.dossier_forward(
                dossier=dossier, actor=clerk, expected_version=dossier.version
            ),
        )
    assert outcomes[0] == 1, outcomes
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.applicant_id == citizen.pk
    assert DossierEvent.objects.filter(action="link_account").count() == 1
