"""Officials draw their agency's tracking register for a period, as a PDF; dates are
dd/mm/yyyy and a wrong one is named; another agency's dossiers never appear."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.organizations.models import Agency, Unit
from tests.documents.conftest import pdf_text
from tests.dossiers.conftest import intake

pytestmark = pytest.mark.django_db


def draw(web: Client, **data: str) -> tuple[int, str]:
    response = web.post("/can-bo/so-theo-doi/", data)
    if response.status_code != 302:
        return response.status_code, response.content.decode()
    pdf = web.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf"
    return 200, " ".join(pdf_text(b"".join(pdf.streaming_content)).split())  # type: ignore[attr-defined]


def test_the_form_offers_this_month_in_vietnamese_dates(web: Client, clerk: User) -> None:
    web.force_login(clerk)
    html = web.get("/can-bo/so-theo-doi/").content.decode()
    assert 'value="01/11/2026"' in html and 'value="18/11/2026"' in html
    assert "Bộ phận Một cửa (toàn bộ hồ sơ tiếp nhận)" in html


def test_the_desk_register_lists_what_was_received(
    web: Client, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    web.force_login(clerk)
    status, text = draw(web, period_from="01/11/2026", period_to="18/11/2026")
    assert status == 200
    assert dossier.code and dossier.code in text
    assert "Nguyễn Thị Hoa" in text


def test_a_specialist_units_register_holds_only_what_reached_it(
    web: Client, clerk: User, specialist: User, version: ProcedureVersion
) -> None:
    stays = intake(clerk, version)
    moves = intake(clerk, version)
    services.dossier_forward(dossier=moves, actor=clerk, expected_version=moves.version)
    specialists = Unit.objects.get(agency=version.procedure.agencies.get(), kind="specialist")
    web.force_login(clerk)
    status, text = draw(
        web, unit=str(specialists.pk), period_from="01/11/2026", period_to="18/11/2026"
    )
    assert status == 200
    assert moves.code and moves.code in text
    assert stays.code and stays.code not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period_from": "11/2026", "period_to": "18/11/2026"}, "Ngày bắt đầu phải theo dạng"),
        ({"period_from": "31/02/2026", "period_to": "18/11/2026"}, "Ngày bắt đầu phải theo dạng"),
        ({"period_from": "18/11/2026", "period_to": "01/11/2026"}, "phải từ ngày bắt đầu trở đi"),
        ({"period_from": "01/01/2025", "period_to": "18/11/2026"}, "tối đa một năm"),
        ({"period_from": "01/11/2026"}, "Vui lòng nhập ngày kết thúc"),
    ],
    ids=["wrong-format", "no-such-day", "backwards", "too-long", "missing"],
)
def test_bad_dates_are_named_and_kept(
    web: Client, clerk: User, data: dict[str, str], message: str
) -> None:
    web.force_login(clerk)
    status, html = draw(web, **data)
    assert status == 400
    assert message in html
    assert f'value="{data["period_from"]}"' in html


def test_another_agencys_unit_is_refused(
    web: Client, clerk: User, outsider: User, version: ProcedureVersion
) -> None:
    theirs = Unit.objects.filter(agency__staff_roles__user=outsider).first() or Unit.objects.create(
        agency=outsider.staff_roles.get().agency, code="khac", name="Phòng khác", kind="specialist"
    )
    web.force_login(clerk)
    status, html = draw(web, unit=str(theirs.pk), period_from="01/11/2026", period_to="18/11/2026")
    assert status == 400
    assert "Đơn vị này không thuộc cơ quan của bạn" in html


def test_citizens_cannot_open_it(web: Client, citizen: User) -> None:
    web.force_login(citizen)
    response = web.get("/can-bo/so-theo-doi/")
    assert response.status_code == 403
    assert "Trang này dành cho cán bộ" in response.content.decode()


def test_dates_typed_on_a_phone_keypad_are_read(
    web: Client, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    web.force_login(clerk)
    status, text = draw(web, period_from="01112026", period_to="18.11.2026")
    assert status == 200
    assert dossier.code and dossier.code in text


def test_an_official_of_two_agencies_chooses_and_sees_only_that_ones_dossiers(
    web: Client, clerk: User, version: ProcedureVersion, other_agency: Agency
) -> None:
    from motcua.organizations.models import Role, StaffRole

    ours = intake(clerk, version)
    StaffRole.objects.create(user=clerk, agency=other_agency, role=Role.CLERK)
    web.force_login(clerk)
    page = web.get("/can-bo/so-theo-doi/").content.decode()
    assert 'name="agency"' in page and other_agency.name in page

    status, html = draw(web, period_from="01/11/2026", period_to="18/11/2026")
    assert status == 400 and "Vui lòng chọn cơ quan lập sổ" in html
    status, text = draw(
        web, agency=str(other_agency.pk), period_from="01/11/2026", period_to="18/11/2026"
    )
    assert status == 200
    assert ours.code and ours.code not in text
    status, text = draw(
        web,
        agency=str(version.procedure.agencies.get().pk),
        period_from="01/11/2026",
        period_to="18/11/2026",
    )
    assert ours.code in text


def test_an_agency_the_official_does_not_work_at_is_refused(
    web: Client, clerk: User, other_agency: Agency
) -> None:
    web.force_login(clerk)
    status, html = draw(
        web, agency=str(other_agency.pk), period_from="01/11/2026", period_to="18/11/2026"
    )
    assert status == 400 and "Bạn không làm việc tại cơ quan này" in html
