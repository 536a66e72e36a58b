"""What still reached an English reader in Vietnamese: why a page was not found, the
API's own refusals, the labels of channels and timeliness, the names of the slips. Each
is English once chosen, and stays Vietnamese for whoever did not choose."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import Fee, ProcedureVersion
from motcua.documents.services.slips import slip_generate
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency, Role, StaffRole
from tests.dossiers.conftest import make_version, submit_online
from tests.portal.english import in_english, staff, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


# --- not found ---------------------------------------------------------------------------


def test_the_api_says_which_procedure_it_did_not_find_in_english(web: Client) -> None:
    english = in_english(Client()).get("/api/v1/procedures/9.999999")
    vietnamese = web.get("/api/v1/procedures/9.999999")

    assert english.status_code == vietnamese.status_code == 404
    assert english.json()["message"] == "There is no procedure with code 9.999999."
    assert vietnamese.json()["message"] == "Không có thủ tục mã 9.999999."


def test_why_a_page_was_not_found_is_english_once_chosen(hoa: Client) -> None:
    """The 404 page itself does not print the reason (it only says the page was not
    found); the reason is what Django hands the page, and it is now translated."""
    missing = f"/ho-so-cua-toi/{10**6}/"
    vietnamese = hoa.get(missing)
    english = in_english(hoa).get(missing)

    assert english.status_code == vietnamese.status_code == 404
    assert vietnamese.context["exception"] == "Không tìm thấy hồ sơ."
    assert english.context["exception"] == "Dossier not found."
    assert "Page not found" in text(english) and "Không tìm thấy trang" not in text(english)


def test_an_official_s_page_refuses_a_citizen_in_english(hoa: Client) -> None:
    english = in_english(hoa).get("/can-bo/so-theo-doi/")

    assert english.status_code == 403
    assert english.context["exception"].startswith("This page is for officials.")
    assert "sign in with an official's account" in text(english)
    assert "Không có quyền truy cập" not in text(english)


# --- channels and timeliness -----------------------------------------------------------


@pytest.fixture
def forwarded(citizen: User, clerk: User, specialist: User, version: ProcedureVersion) -> Dossier:
    """Submitted online, received by Lan and handed to Minh on time."""
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    return services.dossier_forward(
        dossier=dossier, actor=clerk, expected_version=dossier.version, assignee=specialist
    )


def test_the_channel_and_a_handover_s_timeliness_are_english_for_officials(
    clerk: User, forwarded: Dossier
) -> None:
    url = f"/can-bo/ho-so/{forwarded.pk}/"
    english = text(in_english(staff(clerk)).get(url))
    vietnamese = text(staff(clerk).get(url))

    assert "<dt>Channel</dt><dd>Online</dd>" in english
    assert '<span class="flag">On time</span>' in english and "<td>On time</td>" in english
    assert "Trực tuyến" not in english and "Đúng hạn" not in english
    assert "<dd>Trực tuyến</dd>" in vietnamese
    assert '<span class="flag">Đúng hạn</span>' in vietnamese


def test_the_procedure_page_names_channels_in_english(web: Client, commune_agency: Agency) -> None:
    version = make_version(commune_agency, channel_durations={"online": "2d", "postal": "5d"})
    Fee.objects.create(
        version=version,
        order=1,
        name="Lệ phí",
        kind=Fee.Kind.FIXED,
        amount=8000,
        channel=Fee.Channel.ONLINE,
    )
    url = f"/thu-tuc/{version.procedure.code}/"
    english = text(in_english(Client(HTTP_HOST="127.0.0.1")).get(url))
    vietnamese = text(web.get(url))

    assert "<li>Online: " in english and "<li>By post: " in english
    assert "(online)" in english
    assert "Nộp trực tuyến" not in english and "Qua bưu chính" not in english
    assert "nộp trực tuyến" not in english
    assert "<li>Nộp trực tuyến: " in vietnamese and "(nộp trực tuyến)" in vietnamese


# --- slips in the documents lists --------------------------------------------------------


def test_the_slips_are_named_in_english_in_both_documents_lists(
    hoa: Client, clerk: User, forwarded: Dossier
) -> None:
    slip_generate(dossier_id=forwarded.pk, kind="receipt")
    slip_generate(dossier_id=forwarded.pk, kind="control_slip")
    mine, theirs = f"/ho-so-cua-toi/{forwarded.pk}/", f"/can-bo/ho-so/{forwarded.pk}/"

    citizen_page = text(in_english(hoa).get(mine))
    official_page = text(in_english(staff(clerk)).get(theirs))
    for page in (citizen_page, official_page):
        assert "Dossier processing control slip</a>" in page
        assert "Phiếu kiểm soát quá trình giải quyết hồ sơ" not in page
    assert "Receipt and result appointment slip</a>" in official_page
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" not in official_page

    official_vi = text(staff(clerk).get(theirs))
    assert "Phiếu kiểm soát quá trình giải quyết hồ sơ</a>" in official_vi
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả</a>" in official_vi


def test_a_refusal_slip_is_named_in_english(
    hoa: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_refuse(
        dossier=dossier, actor=clerk, expected_version=dossier.version, reason="Sai thủ tục"
    )
    event = dossier.events.get(action="refuse")
    slip_generate(dossier_id=dossier.pk, kind="refusal", event_id=event.pk)

    page = text(in_english(hoa).get(f"/ho-so-cua-toi/{dossier.pk}/"))
    assert "Notice of refusal to accept the dossier</a>" in page
    assert "Phiếu từ chối" not in page


# --- the officials' register -------------------------------------------------------------


def test_the_register_form_names_its_fields_in_english(
    clerk: User, commune_agency: Agency, other_agency: Agency
) -> None:
    """Lan also keeps Ba Đình's desk: the form asks which agency, in English."""
    StaffRole.objects.create(user=clerk, agency=other_agency, role=Role.CLERK)

    english = text(in_english(staff(clerk)).get("/can-bo/so-theo-doi/"))
    vietnamese = text(staff(clerk).get("/can-bo/so-theo-doi/"))

    for label in ("Agency", "Unit keeping the register", "From", "To"):
        assert f'">{label}</label>' in english
    assert '">Agencies</label>' not in english
    assert "Cơ quan</label>" not in english and "Từ ngày" not in english
    assert '">Cơ quan</label>' in vietnamese and '">Từ ngày</label>' in vietnamese


# --- the draft badge -----------------------------------------------------------------------


def test_a_draft_s_badge_is_english_in_my_dossiers(hoa: Client, draft: Dossier) -> None:
    """Already translated before this round (the list names each status through
    gettext); kept here so the badge does not slip back."""
    vietnamese = text(hoa.get("/ho-so-cua-toi/"))
    english = text(in_english(hoa).get("/ho-so-cua-toi/"))

    assert '<span class="status-badge">Draft</span>' in english
    assert "Bản nháp" not in english
    assert '<span class="status-badge">Bản nháp</span>' in vietnamese


# --- who holds the step ------------------------------------------------------------------


def test_the_role_holding_a_step_is_named_in_english(
    leader: User, specialist: User, forwarded: Dossier
) -> None:
    """The leader, with nothing to do at the specialist's step, is told who does it; the
    step's and the unit's names are the catalog's and the agency's own words."""
    url = f"/can-bo/ho-so/{forwarded.pk}/"
    english = " ".join(text(in_english(staff(leader)).get(url)).split())
    vietnamese = " ".join(text(staff(leader).get(url)).split())

    assert "The step “Thẩm định, đề xuất” is done by the Specialist – " in english
    assert "Chuyên viên" not in english
    assert "Bước «Thẩm định, đề xuất» do Chuyên viên – " in vietnamese


# --- the procedure pages: levels, fee kinds, durations ----------------------------------


@pytest.fixture
def two_procedures(commune_agency: Agency) -> tuple[ProcedureVersion, ProcedureVersion]:
    """Birth registration (3 working days; per channel 1, 0.5 and the same working day)
    with a fee the province sets, and a second procedure counted in calendar days."""
    births = make_version(
        commune_agency,
        channel_durations={"online": "1d", "postal": "0.5d", "in_person": "sd"},
    )
    Fee.objects.create(version=births, order=1, name="Lệ phí", kind=Fee.Kind.LOCAL)
    other = make_version(
        commune_agency,
        code="1.004222",
        name="Đăng ký kết hôn",
        duration=("10", "cd"),
        channel_durations={"online": "4h", "postal": "1h"},
    )
    return births, other


def test_a_procedure_s_levels_fees_and_durations_are_english(
    web: Client, two_procedures: tuple[ProcedureVersion, ProcedureVersion]
) -> None:
    english_client = in_english(Client(HTTP_HOST="127.0.0.1"))
    english = [text(english_client.get(f"/thu-tuc/{v.procedure.code}/")) for v in two_procedures]
    vietnamese = [text(web.get(f"/thu-tuc/{v.procedure.code}/")) for v in two_procedures]

    for page in english:
        assert " · Commune level · " in page and ">Full online public service</span>" in page
        assert "Cấp xã" not in page and "Dịch vụ công trực tuyến" not in page
        assert "ngày" not in page and "giờ làm việc" not in page
    assert '<dd data-testid="duration">3 working days; ' in english[0]
    assert "<li>Online: 1 working day</li>" in english[0]
    assert "<li>By post: 0.5 working days</li>" in english[0]
    assert "<li>In person: Within the same working day</li>" in english[0]
    assert "Lệ phí: As set by the provincial People's Council" in english[0]
    assert "HĐND" not in english[0]
    assert "(One-stop desk, 0.5 working hours)" in english[0]
    assert "(Specialised office or unit, 4 working hours)" in english[0]
    assert "(Leadership, 2 working hours)" in english[0]
    assert "Bộ phận Một cửa" not in english[0] and "Lãnh đạo" not in english[0]
    assert '<dd data-testid="duration">10 calendar days; ' in english[1]
    assert "<li>Online: 4 working hours</li>" in english[1]
    assert "<li>By post: 1 working hour</li>" in english[1]

    assert " · Cấp xã · " in vietnamese[0] and "Dịch vụ công trực tuyến toàn trình" in vietnamese[0]
    assert '<dd data-testid="duration">3 ngày làm việc; ' in vietnamese[0]
    assert "<li>Nộp trực tuyến: 1 ngày làm việc</li>" in vietnamese[0]
    assert "<li>Qua bưu chính: 0,5 ngày làm việc</li>" in vietnamese[0]
    assert "<li>Nộp trực tiếp: Trong ngày làm việc</li>" in vietnamese[0]
    assert "Lệ phí: Theo quy định của HĐND cấp tỉnh" in vietnamese[0]
    assert "(Bộ phận Một cửa, 0,5 giờ làm việc)" in vietnamese[0]
    assert '<dd data-testid="duration">10 ngày; ' in vietnamese[1]
    assert "<li>Qua bưu chính: 1 giờ làm việc</li>" in vietnamese[1]


def test_the_procedure_list_names_levels_in_english(
    web: Client, commune_agency: Agency, two_procedures: tuple[ProcedureVersion, ...]
) -> None:
    url = f"/co-quan/{commune_agency.code}/"
    english = text(in_english(Client(HTTP_HOST="127.0.0.1")).get(url))
    vietnamese = text(web.get(url))

    assert english.count("<span>Commune level</span>") == 2
    assert english.count(">Full online public service</span>") == 2
    assert "Cấp xã" not in english and "Dịch vụ công trực tuyến" not in english
    assert vietnamese.count("<span>Cấp xã</span>") == 2
    assert vietnamese.count(">Dịch vụ công trực tuyến toàn trình</span>") == 2


def test_the_agencies_page_names_each_agency_s_level_in_english(
    web: Client, two_procedures: tuple[ProcedureVersion, ...]
) -> None:
    english = text(in_english(Client(HTTP_HOST="127.0.0.1")).get("/co-quan/"))
    vietnamese = text(web.get("/co-quan/"))
    assert '<span class="muted">Commune level ·' in english and "Cấp xã" not in english
    assert '<span class="muted">Cấp xã ·' in vietnamese
