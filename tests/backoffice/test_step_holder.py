"""An official with nothing to do on a dossier is told who holds it: the step, its role
and unit, and the official it is assigned to."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.backoffice.actions import dossier_holder
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Unit
from tests.dossiers.conftest import submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_dossier(citizen: User, version: ProcedureVersion) -> Dossier:
    return submit_online(citizen, version)


@pytest.fixture
def received(new_dossier: Dossier, clerk: User) -> Dossier:
    return services.dossier_receive(
        dossier=new_dossier, actor=clerk, expected_version=new_dossier.version
    )


@pytest.fixture
def at_specialist(received: Dossier, clerk: User, specialist: User) -> Dossier:
    """At the specialist step, assigned to Minh."""
    return services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version, assignee=specialist
    )


@pytest.fixture
def at_leader(at_specialist: Dossier, specialist: User) -> Dossier:
    return services.dossier_forward(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version
    )


@pytest.fixture
def resolved(at_leader: Dossier, leader: User, clerk: User) -> Dossier:
    approved = services.dossier_approve(
        dossier=at_leader, actor=leader, expected_version=at_leader.version
    )
    return services.dossier_resolve(
        dossier=approved, actor=clerk, expected_version=approved.version
    )


def _holder_text(web: Client, user: User, dossier: Dossier) -> str:
    web.force_login(user)
    html = web.get(f"/can-bo/ho-so/{dossier.pk}/").content.decode()
    assert 'data-testid="holder"' in html
    start = html.index('data-testid="holder"')
    return " ".join(html[start : html.index("</div>", start)].split())


def test_the_leader_sees_which_unit_and_official_hold_the_step(
    web: Client, at_specialist: Dossier, leader: User
) -> None:
    Unit.objects.filter(kind=Unit.Kind.SPECIALIST).update(name="Phòng Tư pháp")
    text = _holder_text(web, leader, at_specialist)
    assert "Bước «Thẩm định, đề xuất» do Chuyên viên – Phòng Tư pháp thực hiện." in text
    assert "Người đang xử lý: minh.chuyenvien." in text


def test_an_unassigned_step_says_nobody_has_taken_it(
    web: Client, received: Dossier, clerk: User, leader: User
) -> None:
    dossier = services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version
    )
    text = _holder_text(web, leader, dossier)
    assert "Bước «Thẩm định, đề xuất» do Chuyên viên" in text
    assert "Chưa có cán bộ nào nhận xử lý bước này." in text


def test_the_specialist_sees_the_leader_holds_it(
    web: Client, at_leader: Dossier, specialist: User
) -> None:
    text = _holder_text(web, specialist, at_leader)
    # No leadership unit was set up at Hoàn Kiếm: the agency is named instead.
    assert "Bước «Phê duyệt kết quả» do Lãnh đạo – UBND Phường Hoàn Kiếm thực hiện." in text


def test_a_new_dossier_waits_for_the_desk(
    web: Client, new_dossier: Dossier, specialist: User
) -> None:
    text = _holder_text(web, specialist, new_dossier)
    assert "chờ Bộ phận Một cửa của UBND Phường Hoàn Kiếm tiếp nhận" in text


def test_a_resolved_dossier_waits_for_the_desk_to_return_it(
    web: Client, resolved: Dossier, leader: User
) -> None:
    text = _holder_text(web, leader, resolved)
    assert "trả kết quả cho công dân" in text


def test_a_paused_dossier_waits_for_the_citizen(
    web: Client, at_specialist: Dossier, specialist: User, leader: User
) -> None:
    paused = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Thiếu bản sao giấy chứng sinh",
    )
    assert "chờ công dân bổ sung" in _holder_text(web, leader, paused)


def test_the_officials_with_an_action_are_not_told_about_holders(
    web: Client, at_specialist: Dossier, specialist: User
) -> None:
    web.force_login(specialist)
    html = web.get(f"/can-bo/ho-so/{at_specialist.pk}/").content.decode()
    assert 'data-testid="holder"' not in html and "Chuyển bước tiếp theo" in html


def test_a_step_without_a_unit_names_the_agency(
    at_specialist: Dossier,
) -> None:
    at_specialist.current_unit = None
    holder = dossier_holder(at_specialist)
    assert holder.unit == "UBND Phường Hoàn Kiếm"
    assert holder.role == "Chuyên viên" and holder.assignee == "minh.chuyenvien"
