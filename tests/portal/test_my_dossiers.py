"""Bà Hoa follows her dossier, answers a supplement request and writes to the office;
anyone with the code and secret can look up its status."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Status
from tests.dossiers.conftest import submit_online
from tests.portal.conftest import pdf

pytestmark = pytest.mark.django_db


def test_my_dossiers_lists_status_and_timeline(
    hoa: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    services.dossier_receive(dossier=dossier, actor=clerk, expected_version=dossier.version)
    dossier.refresh_from_db()
    listing = hoa.get("/ho-so-cua-toi/").content.decode()
    assert dossier.code is not None
    assert dossier.code in listing and "Đã tiếp nhận" in listing
    page = hoa.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "Tiếp nhận hồ sơ" in page and "Hẹn trả kết quả" in page
    assert dossier.lookup_secret in page


def test_my_dossiers_lists_her_own_with_the_right_links(
    hoa: Client,
    citizen: User,
    other_citizen: User,
    clerk: User,
    version: ProcedureVersion,
) -> None:
    draft = services.dossier_draft_save(
        actor=citizen, version=version, agency=version.procedure.agencies.get(), declaration={}
    )
    asked = submit_online(citizen, version)
    asked = services.dossier_request_supplement(
        dossier=asked, actor=clerk, expected_version=asked.version, reason="Thiếu giấy."
    )
    theirs = submit_online(other_citizen, version)
    listing = hoa.get("/ho-so-cua-toi/").content.decode()
    # A draft opens where the form starts; a submitted dossier opens its own page, and a
    # supplement request links to the form that answers it.
    assert f'href="{reverse("portal:dossier_step", args=[draft.pk, 1])}"' in listing
    mine = reverse("portal:my_dossier", args=[asked.pk])
    assert f'href="{mine}"' in listing and f'href="{mine}#bo-sung"' in listing
    assert "Cơ quan yêu cầu bổ sung hồ sơ." in listing
    assert reverse("portal:my_dossier", args=[theirs.pk]) not in listing
    assert listing.count('class="dossier-item') == 2


def test_answering_a_supplement_request(
    hoa: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_request_supplement(
        dossier=dossier,
        actor=clerk,
        expected_version=dossier.version,
        reason="Thiếu bản chụp Giấy chứng sinh.",
    )
    page = hoa.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()
    assert "Thiếu bản chụp Giấy chứng sinh." in page and "Gửi bổ sung" in page
    response = hoa.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/",
        {
            "expected_version": dossier.version,
            "resubmit": "1",
            "file-giay-chung-sinh": pdf(),
            "note": "Đã bổ sung",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW
    assert dossier.attachments.count() == 1


def test_a_stale_supplement_form_is_refused_with_a_message(
    hoa: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_request_supplement(
        dossier=dossier, actor=clerk, expected_version=dossier.version, reason="Thiếu giấy."
    )
    response = hoa.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/",
        {"expected_version": dossier.version - 1, "resubmit": "1"},
    )
    assert response.status_code == 400
    assert "vừa được cập nhật" in response.content.decode()


def test_an_empty_message_is_refused_next_to_the_box(
    hoa: Client, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    response = hoa.post(f"/ho-so-cua-toi/{dossier.pk}/trao-doi/", {"body": "  "})
    assert response.status_code == 400
    assert "Nội dung trao đổi không được để trống." in response.content.decode()
    assert (
        hoa.post(
            f"/ho-so-cua-toi/{dossier.pk}/trao-doi/", {"body": "Khi nào có kết quả?"}
        ).status_code
        == 302
    )
    assert "Khi nào có kết quả?" in hoa.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()


def test_public_lookup_shows_status_and_dates_only(
    web: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    cache.clear()
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    html = web.post(
        "/tra-cuu/", {"ma": dossier.code, "bi_mat": dossier.lookup_secret}
    ).content.decode()
    assert "Đã tiếp nhận" in html and "Hẹn trả kết quả" in html
    assert "Nguyễn Thị Hoa" not in html and "Nguyễn Minh An" not in html
    assert dossier.lookup_secret not in html  # not echoed back into the form
    assert web.post("/tra-cuu/", {"ma": dossier.code, "bi_mat": "WRONG"}).status_code == 404
    missing = web.post("/tra-cuu/", {"ma": dossier.code})
    assert missing.status_code == 400
    prompt = missing.content.decode()
    assert dossier.code is not None
    assert "Vui lòng nhập mã tra cứu" in prompt and dossier.code in prompt


def test_lookup_takes_the_code_in_lower_case_and_the_phone_as_people_write_it(
    web: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    cache.clear()
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    assert dossier.applicant_phone == "0912345678"
    for phone in ["+84912345678", "0912 345 678"]:
        response = web.post(
            "/tra-cuu/", {"ma": f" {(dossier.code or '').lower()} ", "bi_mat": phone}
        )
        html = response.content.decode()
        assert response.status_code == 200, phone
        assert "Đã tiếp nhận" in html
        assert 'data-testid="lookup-procedure">Đăng ký khai sinh<' in html
        assert "Nguyễn Thị Hoa" not in html and "0912345678" not in html


def test_the_qr_link_fills_in_the_code_and_a_secret_in_the_address_is_ignored(
    web: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    cache.clear()
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    assert dossier.code is not None
    html = web.get(
        "/tra-cuu/", {"ma": dossier.code, "bi_mat": dossier.lookup_secret}
    ).content.decode()
    assert f'value="{dossier.code}"' in html
    assert "Đã tiếp nhận" not in html  # a secret in a URL is never acted on
    assert 'method="post"' in html


def test_lookup_guessing_is_rate_limited(web: Client, version: ProcedureVersion) -> None:
    cache.clear()
    for _ in range(10):
        web.post("/tra-cuu/", {"ma": "X", "bi_mat": "Y"})
    blocked = web.post("/tra-cuu/", {"ma": "X", "bi_mat": "Y"})
    assert blocked.status_code == 429
    # Said in minutes, as a person would say it: not "sau 900 giây".
    minutes = -(-int(blocked["Retry-After"]) // 60)
    assert f"thử lại sau {minutes} phút" in blocked.content.decode()
    assert 0 < int(blocked["Retry-After"]) <= 3600
    assert "Bạn đã tra cứu sai quá nhiều lần" in blocked.content.decode()
    cache.clear()


def test_my_dossiers_prints_times_in_vietnam_as_hour_then_day(
    hoa: Client, citizen: User, version: ProcedureVersion
) -> None:
    # Time is frozen at 09:00 on 18/11/2026 in Vietnam (02:00 UTC).
    draft = services.dossier_draft_save(
        actor=citizen, version=version, agency=version.procedure.agencies.get(), declaration={}
    )
    submit_online(citizen, version)
    listing = hoa.get("/ho-so-cua-toi/").content.decode()
    assert draft.created_at.hour == 2  # stored in UTC
    assert "Tạo 09:00 18/11/2026" in listing
    assert "Nộp 09:00 18/11/2026" in listing
    assert "02:00" not in listing
