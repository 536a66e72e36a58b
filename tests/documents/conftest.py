"""Dossiers with Vietnamese names that use every kind of diacritic, officials with demo
certificates, and a throw-away key and file store for each test.

Time is frozen on Wednesday 18 November 2026, 09:00 in Hà Nội. The demo CA is made once
per session (a month earlier), the officials' certificates in each test.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import ResultTemplate, SigningCertificate
from motcua.documents.services import certificate_issue_demo
from motcua.documents.signing.ca import demo_ca_ensure
from motcua.documents.signing.signer import INSECURE_DEMO_PASSPHRASE
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier, Provision
from motcua.dossiers.services import ApplicantInput, DocumentInput
from motcua.organizations.models import Agency
from tests.dossiers.conftest import make_version

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WEDNESDAY_9AM = datetime(2026, 11, 18, 9, 0, tzinfo=VN)

APPLICANT = "Nguyễn Thị Hường Ánh Đặng"
ADDRESS = "Số 9 ngõ Mỹ Đình, xóm Vẵng, tổ Lự, phường Hoàn Kiếm, Hà Nội"
CHILD = "Đặng Ngọc Ửng Ỷ"
SIGNER = "Phạm Đức Hùng"
DECLARATION = {
    "child_name": CHILD,
    "child_birth_date": "2026-11-10",
    "child_sex": "Nữ",
    "mother_name": APPLICANT,
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


def diacritics(*texts: str) -> set[str]:
    """The accented letters (and đ) the texts use: each must survive into the PDF."""
    plain = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/:")
    return {c for t in texts for c in t if c not in plain}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="session")
def demo_ca_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    keys = tmp_path_factory.mktemp("keys")
    from django.test import override_settings

    with (
        override_settings(MOTCUA_KEYS_DIR=str(keys)),
        time_machine.travel(datetime(2026, 10, 1, tzinfo=VN), tick=False),
    ):
        demo_ca_ensure(INSECURE_DEMO_PASSPHRASE)
    return keys


@pytest.fixture(autouse=True)
def isolated(settings: Any, demo_ca_dir: Path, tmp_path: Path) -> Iterator[None]:
    settings.MOTCUA_KEYS_DIR = str(demo_ca_dir)
    settings.MEDIA_ROOT = str(tmp_path / "files")
    settings.MOTCUA_TRUST_ROOTS = []
    settings.MOTCUA_TRUST_DEMO_CA = True
    settings.PUBLIC_URL = "https://dichvucong.example.vn"
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(WEDNESDAY_9AM, tick=False):
        yield


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    return make_version(commune_agency)


def intake(clerk: User, version: ProcedureVersion, applicant_user: User | None = None) -> Dossier:
    return dossier_services.dossier_intake(
        actor=clerk,
        version=version,
        agency=version.procedure.agencies.get(),
        applicant=ApplicantInput(
            name=APPLICANT,
            identity_number="001190012345",
            phone="0912345678",
            email="huong@example.vn",
            address=ADDRESS,
        ),
        declaration=dict(DECLARATION),
        documents=[
            DocumentInput("to-khai", Provision.AT_COUNTER, originals=1),
            DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1, copies=2),
        ],
        applicant_user=applicant_user,
    )


@pytest.fixture
def received(clerk: User, version: ProcedureVersion, citizen: User) -> Dossier:
    """Received by Lê Thị Lan at the Hoàn Kiếm counter at 09:00 for Bà Hường (who has
    an account)."""
    clerk.full_name = "Lê Thị Lan"
    clerk.save(update_fields=["full_name"])
    return intake(clerk, version, applicant_user=citizen)


@pytest.fixture
def at_specialist(received: Dossier, clerk: User, specialist: User) -> Dossier:
    """At Minh's step, where the result is drafted."""
    return dossier_services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version, assignee=specialist
    )


@pytest.fixture
def at_leader(at_specialist: Dossier, specialist: User) -> Dossier:
    return dossier_services.dossier_forward(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version
    )


@pytest.fixture
def birth_template(commune_agency: Agency, version: ProcedureVersion) -> ResultTemplate:
    return ResultTemplate.objects.create(
        agency=commune_agency,
        procedure=version.procedure,
        name="Trích lục khai sinh",
        title="Trích lục khai sinh",
        body=(
            "Họ, chữ đệm, tên: {{ child_name }}\n"
            "Ngày, tháng, năm sinh: {{ child_birth_date }}\n"
            "Giới tính: {{ child_sex }}\n"
            "Họ, chữ đệm, tên người mẹ: {{ mother_name }}\n\n"
            "Người đi đăng ký: {{ applicant_name }}, nơi cư trú: {{ applicant_address }}.\n\n"
            "Đã đăng ký khai sinh tại {{ agency_name }} theo hồ sơ số {{ dossier_code }}."
        ),
        signer_title="Chủ tịch",
        on_behalf_of="TM. Ủy ban nhân dân",
    )


@pytest.fixture
def leader_certificate(leader: User, commune_agency: Agency) -> SigningCertificate:
    """Phạm Đức Hùng, vice-chairman, holds a demo certificate valid two years."""
    leader.full_name = SIGNER
    leader.save(update_fields=["full_name"])
    return certificate_issue_demo(user=leader, agency=commune_agency)


def save_png(pdf: bytes, name: str) -> Path | None:
    """Render the first page with pdftoppm into test-artifacts/documents (None when
    poppler-utils is not installed)."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(ARTIFACTS / name),
        ],
        check=True,
    )
    return ARTIFACTS / f"{name}.png"


@pytest.fixture
def signed_result(
    at_leader: Dossier,
    specialist: User,
    leader: User,
    birth_template: ResultTemplate,
    leader_certificate: SigningCertificate,
) -> Any:
    """Hùng has signed the birth extract of Bà Hường's dossier (drafted at his step: the
    dossier is at his desk)."""
    from motcua.documents.services import result_draft, result_sign

    draft = result_draft(dossier=at_leader, actor=leader)
    return result_sign(result=draft, actor=leader)


def signed_bytes(result: Any) -> bytes:
    with result.document.file.open("rb") as handle:
        return bytes(handle.read())


def sign_with_foreign_key(pdf: bytes, *, self_signed: bool = False) -> bytes:
    """The same PDF signed by someone outside the installation's trust list."""
    from pyhanko.sign import signers

    from motcua.documents.pdf.data import SignatureBox, StampData
    from motcua.documents.pdf.result import render_stamp
    from motcua.documents.signing import ca
    from motcua.documents.signing.signer import sign_pdf

    if self_signed:
        authority = ca.make_authority("Trần Văn Giả", path_length=None)
        cert, key, chain = authority.cert, authority.key, []
    else:
        foreign = ca.make_authority("Tổ chức chứng thực lạ")
        cert, key = ca.issue_signing_certificate(
            foreign, common_name="Trần Văn Giả", organization="UBND Phường Hoàn Kiếm"
        )
        chain = [foreign.cert]
    signer = signers.SimpleSigner.load_pkcs12_data(
        ca.pkcs12_bytes(key=key, cert=cert, chain=chain, passphrase="x", name="gia"),
        other_certs=[],
        passphrase=b"x",
    )
    stamp = render_stamp(
        StampData(signer_name="Trần Văn Giả", agency_name="?", signed_at=WEDNESDAY_9AM)
    )
    return sign_pdf(
        pdf,
        signer=signer,
        box=SignatureBox(0, 300, 400, 500, 470),
        stamp_pdf=stamp,
        signer_name="Trần Văn Giả",
        location="?",
        reason="?",
    )


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("mật-khẩu")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
