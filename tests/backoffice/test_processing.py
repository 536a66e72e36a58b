"""Officials move a dossier on from the dossier page; others' dossiers stay invisible."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from tests.dossiers.conftest import intake, submit_online

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def act(client: Client, dossier: Dossier, name: str, **extra: object) -> Response:
    dossier.refresh_from_db()
    return client.post(
        f"/can-bo/ho-so/{dossier.pk}/thao-tac/{name}/",
        {"expected_version": dossier.version, **extra},
    )


def test_the_queue_shows_new_online_dossiers_to_the_desk(
    web: Client, clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    submit_online(citizen, version)
    web.force_login(clerk)
    html = web.get("/can-bo/").content.decode()
    assert "Nguyễn Thị Hoa" in html and "Mới đăng ký" in html


def test_receive_forward_approve_resolve_and_return(
    web: Client,
    clerk: User,
    specialist: User,
    leader: User,
    citizen: User,
    version: ProcedureVersion,
) -> None:
    dossier = submit_online(citizen, version)
    web.force_login(clerk)
    assert act(web, dossier, "receive").status_code == 302
    assert act(web, dossier, "forward").status_code == 302
    web.force_login(specialist)
    page = web.get(f"/can-bo/ho-so/{dossier.pk}/").content.decode()
    assert "Nhận xử lý hồ sơ này" in page and "Chuyển bước tiếp theo" in page
    assert act(web, dossier, "take").status_code == 302
    assert act(web, dossier, "forward").status_code == 302
    web.force_login(leader)
    assert act(web, dossier, "approve").status_code == 302
    web.force_login(clerk)
    assert act(web, dossier, "resolve").status_code == 302
    assert act(web, dossier, "return_result").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    page = web.get(f"/can-bo/ho-so/{dossier.pk}/").content.decode()
    assert "Phiếu kiểm soát quá trình giải quyết" in page
    assert "Đúng hạn" in page or "Trước hạn" in page


def test_a_stale_page_says_the_dossier_already_changed(
    web: Client, clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    stale = dossier.version
    services.dossier_receive(dossier=dossier, actor=clerk, expected_version=stale)
    web.force_login(clerk)
    response = web.post(
        f"/can-bo/ho-so/{dossier.pk}/thao-tac/refuse/",
        {"expected_version": stale, "reason": "Thiếu giấy"},
        follow=True,
    )
    assert "vừa được cập nhật" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_a_refusal_without_reason_is_named_and_changes_nothing(
    web: Client, clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    web.force_login(clerk)
    response = act(web, dossier, "refuse", reason="  ")
    assert response.status_code == 422
    assert "Phải ghi rõ lý do." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW


def test_charlie_of_another_agency_gets_404(
    web: Client, clerk: User, outsider: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    web.force_login(outsider)
    assert web.get(f"/can-bo/ho-so/{dossier.pk}/").status_code == 404
    assert act(web, dossier, "forward").status_code == 404
    attachment_url = f"/can-bo/ho-so/{dossier.pk}/bien-nhan/"
    assert web.get(attachment_url).status_code == 404
    assert dossier.code is not None
    assert dossier.code not in web.get("/can-bo/?pham_vi=tat-ca").content.decode()


def test_an_unknown_action_is_404_not_500(
    web: Client, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    web.force_login(clerk)
    assert act(web, dossier, "explode").status_code == 404
    assert (
        web.post(
            f"/can-bo/ho-so/{dossier.pk}/thao-tac/forward/", {"expected_version": "abc"}
        ).status_code
        == 400
    )


def test_sending_back_offers_the_step_just_before_first(
    web: Client,
    leader: User,
    clerk: User,
    specialist: User,
    citizen: User,
    version: ProcedureVersion,
) -> None:
    dossier = submit_online(citizen, version)
    web.force_login(clerk)
    act(web, dossier, "receive")
    act(web, dossier, "forward")
    web.force_login(specialist)
    act(web, dossier, "take")
    act(web, dossier, "forward")
    web.force_login(leader)
    page = web.get(f"/can-bo/ho-so/{dossier.pk}/").content.decode()
    choices = page.split('name="step_order">')[1].split("</select>")[0]
    # At the leader's step: the specialist's step is offered first, reception after it.
    assert choices.index("Thẩm định, đề xuất") < choices.index("Tiếp nhận hồ sơ")


def test_the_clerk_hands_the_dossier_to_a_chosen_specialist(
    web: Client,
    clerk: User,
    specialist: User,
    outsider: User,
    citizen: User,
    version: ProcedureVersion,
) -> None:
    dossier = submit_online(citizen, version)
    services.dossier_receive(dossier=dossier, actor=clerk, expected_version=dossier.version)
    web.force_login(clerk)
    page = web.get(f"/can-bo/ho-so/{dossier.pk}/").content.decode()
    assert f'<option value="{specialist.pk}">' in page
    assert f'<option value="{outsider.pk}">' not in page  # another agency's specialist

    refused = act(web, dossier, "forward", assignee=outsider.pk)
    assert refused.status_code == 422
    assert "Cán bộ được chọn không xử lý bước tiếp theo" in refused.content.decode()
    dossier.refresh_from_db()
    assert dossier.assignee_id is None and dossier.current_step.order == 1  # type: ignore[union-attr]

    assert act(web, dossier, "forward", assignee=specialist.pk).status_code == 302
    dossier.refresh_from_db()
    assert dossier.assignee_id == specialist.pk and dossier.current_step.order == 2  # type: ignore[union-attr]


def test_the_queue_filters_by_procedure_from_its_form(
    web: Client, clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    submit_online(citizen, version)
    web.force_login(clerk)
    page = web.get("/can-bo/").content.decode()
    code = version.procedure.code
    assert f'<option value="{code}">{version.procedure.name}</option>' in page
    chosen = web.get("/can-bo/", {"thu_tuc": code}).content.decode()
    assert f'<option value="{code}" selected>' in chosen and "Nguyễn Thị Hoa" in chosen
    other = web.get("/can-bo/", {"thu_tuc": "9.999999"}).content.decode()
    assert "Nguyễn Thị Hoa" not in other.split('id="queue-rows"')[1]
