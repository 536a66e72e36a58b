"""The demo signs out of the box: after `load_demo`, a birth registration at Hoàn Kiếm is
drafted from the ward's demo template and signed by its demo leader."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import Result, ResultTemplate, SigningCertificate
from motcua.documents.verification import verify_pdf
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Provision
from motcua.dossiers.services import ApplicantInput, DocumentInput
from motcua.organizations.models import Agency, Role, StaffRole
from tests.documents.conftest import demo_ca_dir, isolated  # noqa: F401  (keys and files per test)

pytestmark = pytest.mark.django_db

HOAN_KIEM = "000.01.01.H26"
DECLARATION = {
    "registration_authority": "UBND Phường Hoàn Kiếm",
    "requester": {"full_name": "NGUYỄN THỊ HƯỜNG", "relationship": "mẹ"},
    "child": {
        "full_name": "ĐẶNG NGỌC ỬNG",
        "birth_date": "2026-11-10",
        "sex": "Nữ",
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "birth_place": "Bệnh viện Phụ sản Hà Nội",
    },
    "mother": {"full_name": "NGUYỄN THỊ HƯỜNG", "birth_year": 1995},
    "commitment": True,
}


def staff(prefix: str) -> User:
    return User.objects.get(username=f"{prefix}.phuonghoankiem")


def forward(dossier: Dossier, actor: User, assignee: User | None = None) -> Dossier:
    return services.dossier_forward(
        dossier=dossier, actor=actor, expected_version=dossier.version, assignee=assignee
    )


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_demo_leader_holds_a_certificate_and_every_agency_a_template(demo: None) -> None:
    leaders = StaffRole.objects.filter(role=Role.LEADER).values_list("user_id", flat=True)
    assert leaders
    for user_id in leaders:
        assert any(c.is_current for c in SigningCertificate.objects.filter(user_id=user_id))
    for agency in Agency.objects.all():
        assert ResultTemplate.objects.filter(agency=agency, procedure__isnull=True).exists()
    birth = ResultTemplate.objects.filter(procedure__code="1.001193")
    assert sorted(birth.values_list("agency__code", flat=True)) == [
        "000.01.01.H26",
        "000.01.02.H26",
    ]


def test_loading_again_issues_no_new_certificate_or_template(demo: None) -> None:
    before = SigningCertificate.objects.count(), ResultTemplate.objects.count()
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (SigningCertificate.objects.count(), ResultTemplate.objects.count()) == before


def test_a_demo_birth_registration_is_drafted_and_signed(demo: None) -> None:
    agency = Agency.objects.get(code=HOAN_KIEM)
    version = ProcedureVersion.objects.published().get(procedure__code="1.001193")
    dossier = services.dossier_intake(
        actor=staff("tiepnhan"),
        version=version,
        agency=agency,
        applicant=ApplicantInput(name="Nguyễn Thị Hường", identity_number="001195012345"),
        declaration=DECLARATION,
        documents=[
            DocumentInput("to-khai-dang-ky-khai-sinh", Provision.AT_COUNTER, originals=1),
            DocumentInput("giay-chung-sinh-neu-khong-co", Provision.AT_COUNTER, originals=1),
        ],
    )
    dossier = forward(dossier, staff("tiepnhan"), assignee=staff("chuyenvien"))
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(staff("chuyenvien"))
    template = ResultTemplate.objects.get(agency=agency, procedure__code="1.001193")
    web.post(f"/can-bo/ho-so/{dossier.pk}/ket-qua/soan/", {"template": template.pk})
    body = Result.objects.get(dossier=dossier).body
    assert "Họ, chữ đệm, tên: ĐẶNG NGỌC ỬNG" in body
    assert "Ngày, tháng, năm sinh: 10/11/2026" in body
    assert (
        "Người đi đăng ký khai sinh: NGUYỄN THỊ HƯỜNG, quan hệ với người được khai sinh: mẹ."
        in body
    )
    assert "Họ, chữ đệm, tên: Chưa xác định" in body  # no father declared
    assert "{" not in body and "None" not in body
    dossier = forward(dossier, staff("chuyenvien"))
    dossier = forward(dossier, staff("truongphong"))

    web.force_login(staff("lanhdao"))
    seen = web.get(f"/can-bo/ho-so/{dossier.pk}/ky-so/").context["seen"]
    response = web.post(
        f"/can-bo/ho-so/{dossier.pk}/ky-so/ky/", {"expected_version": dossier.version, "seen": seen}
    )

    assert response.status_code == 302
    result = Result.objects.get(dossier=dossier)
    assert result.document is not None
    with result.document.file.open("rb") as handle:
        verdict = verify_pdf(handle.read())
    assert verdict.valid and verdict.signer == "Phạm Văn Hùng"
