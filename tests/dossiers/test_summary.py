"""A dossier's summary is read two ways, as plain values for lists and off a loaded dossier
for single answers; in every state the two must give the same JSON, and a list page with
its capped count read in one query must equal the page and the count asked apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier
from motcua.dossiers.summary import SUMMARY_FIELDS, Viewing, row_of, summary_json, summary_rows
from tests.dossiers.conftest import intake, submit_online

pytestmark = pytest.mark.django_db

DETAIL_ONLY = {"declaration", "applicant", "lookup_secret", "documents", "attachments"}


@pytest.fixture
def every_state(
    citizen: User,
    clerk: User,
    specialist: User,
    leader: User,
    version: ProcedureVersion,
    frozen: time_machine.Traveller | None,
) -> list[Dossier]:
    """One dossier in each state a list can show, with and without steps, units, an
    assignee, a stopped clock, a finish and a close."""
    new = submit_online(citizen, version)

    def forward(dossier: Dossier, actor: User) -> Dossier:
        return services.dossier_forward(
            dossier=dossier, actor=actor, expected_version=dossier.version
        )

    def to_leader() -> Dossier:
        return forward(forward(intake(clerk, version), clerk), specialist)

    def resolve(dossier: Dossier) -> Dossier:
        dossier = services.dossier_approve(
            dossier=dossier, actor=leader, expected_version=dossier.version
        )
        return services.dossier_resolve(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )

    at_specialist = forward(intake(clerk, version), clerk)
    assigned = forward(intake(clerk, version), clerk)
    assigned = services.dossier_assign(
        dossier=assigned, actor=specialist, assignee=specialist, expected_version=assigned.version
    )
    received = intake(clerk, version)
    paused = services.dossier_request_supplement(
        dossier=received,
        actor=clerk,
        expected_version=received.version,
        reason="Thiếu giấy chứng sinh.",
    )
    refused = services.dossier_refuse(
        dossier=submit_online(citizen, version),
        actor=clerk,
        expected_version=1,
        reason="Không thuộc thẩm quyền.",
    )
    late, on_time = to_leader(), to_leader()
    returned = resolve(on_time)
    returned = services.dossier_return_result(
        dossier=returned, actor=clerk, expected_version=returned.version
    )
    assert frozen is not None  # the dossier tests run at a frozen time unless marked no_freeze
    frozen.shift(timedelta(days=9))  # past the three working days of every dossier so far
    resolved = resolve(late)
    return [new, at_specialist, assigned, paused, refused, resolved, returned]


def test_values_read_for_a_list_equal_the_fields_read_off_the_dossier(
    every_state: list[Dossier],
) -> None:
    ids = [d.pk for d in every_state]

    rows = summary_rows(ids)

    assert [r["id"] for r in rows] == ids
    for row in rows:
        loaded = Dossier.objects.get(pk=row["id"])
        assert row_of(loaded) == row
        assert set(row) == set(SUMMARY_FIELDS)


def test_the_list_shows_each_dossier_as_its_detail_does(
    every_state: list[Dossier], clerk: User
) -> None:
    client = Client()
    client.force_login(clerk)

    listed = client.get("/api/v1/dossiers?limit=100").json()["items"]

    assert {item["id"] for item in listed} == {d.pk for d in every_state}
    for item in listed:
        detail = client.get(f"/api/v1/dossiers/{item['id']}").json()
        assert {k: v for k, v in detail.items() if k not in DETAIL_ONLY} == item
    shown = {item["id"]: item for item in listed}
    # The states differ where the list must tell them apart.
    new, at_specialist, assigned, paused, refused, resolved, returned = every_state
    assert shown[new.pk]["current_step"] is None
    assert shown[at_specialist.pk]["current_step"]["order"] == 2
    assert shown[at_specialist.pk]["current_unit"]
    assert assigned.assignee is not None
    assert shown[assigned.pk]["assignee"] == assigned.assignee.username
    assert shown[paused.pk]["timeliness"] is None  # the clock is stopped
    assert shown[refused.pk]["status_label"] == "Không được tiếp nhận"
    assert shown[resolved.pk]["timeliness"] == "late"
    assert shown[returned.pk]["returned_at"].endswith("+07:00")


def test_a_running_dossier_is_judged_at_the_moment_given(every_state: list[Dossier]) -> None:
    at_specialist = every_state[1]
    row = summary_rows([at_specialist.pk])[0]

    soon = summary_json(row, Viewing(now=row["received_at"] + timedelta(minutes=1)))
    last_minute = summary_json(row, Viewing(now=row["due_at"] - timedelta(minutes=1)))
    overdue = summary_json(row, Viewing(now=row["due_at"] + timedelta(days=30)))

    assert soon["timeliness"] == "early"
    assert last_minute["timeliness"] == "on_time"
    assert overdue["timeliness"] == "late"


def test_ids_gone_between_the_two_reads_are_left_out_in_order(every_state: list[Dossier]) -> None:
    ids = [d.pk for d in every_state]
    Dossier.objects.filter(pk=ids[2]).delete()

    assert [r["id"] for r in summary_rows([ids[3], 999_999, ids[2], ids[0]])] == [ids[3], ids[0]]


def test_a_page_with_its_count_in_one_read_equals_the_two_asked_apart(
    every_state: list[Dossier], clerk: User
) -> None:
    found = selectors.dossiers_visible_to(clerk).order_by("-id")
    total = len(every_state)
    for cap in range(1, total + 2):
        for offset in range(total + 2):
            for limit in (1, 2, 3, total + 1):
                apart = (
                    selectors.page_ids(found, offset, limit),
                    *selectors.count_capped(found, cap),
                )
                assert selectors.page_ids_counted(found, offset, limit, cap) == apart, (
                    cap,
                    offset,
                    limit,
                )
