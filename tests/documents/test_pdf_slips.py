"""Every slip renders from plain data, without a database: A4, the national header, the
form's title and number, the dossier code, every diacritic of the data, and a QR code
that opens the public look-up of the dossier."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from motcua.documents.pdf import forms
from motcua.documents.pdf.data import (
    ApologyData,
    ControlSlipData,
    ControlSlipRow,
    Letterhead,
    ReceiptData,
    ReceivedDocument,
    RefusalData,
    RegisterData,
    RegisterRow,
    StopNoticeData,
    SupplementRequestData,
)
from motcua.documents.pdf.register import render_register
from motcua.documents.pdf.slips import (
    render_apology,
    render_control_slip,
    render_receipt,
    render_refusal,
    render_stop_notice,
    render_supplement_request,
)
from tests.documents.conftest import ADDRESS, APPLICANT, VN, diacritics, pdf_text
from tests.documents.qr_check import qr_payload_matches, zbar_decode

CODE = "000.01.01.H26-261118-0007"
LOOKUP = f"https://dichvucong.example.vn/tra-cuu/?ma={CODE}"
AT = datetime(2026, 11, 18, 9, 5, tzinfo=VN)
OFFICIAL = "Lê Thị Lan"
PROCEDURE = "Đăng ký khai sinh"
REASON = "Thiếu bản sao Giấy chứng nhận kết hôn của cha mẹ; chữ ký ở trang 2 bị nhòe"

HEAD = Letterhead(
    agency_name="UBND Phường Hoàn Kiếm",
    parent_agency_name="UBND Thành phố Hà Nội",
    unit_name="Bộ phận Một cửa",
    place="Hoàn Kiếm",
    issued_on=date(2026, 11, 18),
    dossier_code=CODE,
    qr_payload=LOOKUP,
)

SLIPS: dict[str, tuple[forms.Form, Callable[[], bytes]]] = {
    "receipt": (
        forms.RECEIPT,
        lambda: render_receipt(
            ReceiptData(
                letterhead=HEAD,
                applicant_name=APPLICANT,
                applicant_address=ADDRESS,
                applicant_phone="0912345678",
                identity_number="001190012345",
                procedure_name=PROCEDURE,
                received_at=AT,
                due_at=AT + timedelta(days=3),
                lookup_secret="K7Q2MX9P",
                receiving_official=OFFICIAL,
                channel="Trực tiếp",
                legal_duration="3 ngày làm việc",
                documents=(
                    ReceivedDocument("Tờ khai đăng ký khai sinh", 1, 0),
                    ReceivedDocument("Giấy chứng sinh", 1, 2),
                ),
            )
        ),
    ),
    "supplement": (
        forms.SUPPLEMENT_REQUEST,
        lambda: render_supplement_request(
            SupplementRequestData(
                letterhead=HEAD,
                applicant_name=APPLICANT,
                applicant_address=ADDRESS,
                procedure_name=PROCEDURE,
                requested_at=AT,
                received_at=AT,
                missing=("Giấy chứng nhận kết hôn",),
                reason=REASON,
                official=OFFICIAL,
            )
        ),
    ),
    "refusal": (
        forms.REFUSAL,
        lambda: render_refusal(
            RefusalData(
                letterhead=HEAD,
                applicant_name=APPLICANT,
                applicant_address=ADDRESS,
                procedure_name=PROCEDURE,
                refused_at=AT,
                reason=REASON,
                official=OFFICIAL,
            )
        ),
    ),
    "apology": (
        forms.APOLOGY,
        lambda: render_apology(
            ApologyData(
                letterhead=HEAD,
                applicant_name=APPLICANT,
                procedure_name=PROCEDURE,
                received_at=AT,
                old_due_at=AT + timedelta(days=3),
                new_due_at=AT + timedelta(days=6),
                reason=REASON,
                official="Phạm Đức Hùng",
            )
        ),
    ),
    "stop": (
        forms.STOP_NOTICE,
        lambda: render_stop_notice(
            StopNoticeData(
                letterhead=HEAD,
                applicant_name=APPLICANT,
                procedure_name=PROCEDURE,
                received_at=AT,
                stopped_at=AT + timedelta(days=1),
                reason=REASON,
                official=OFFICIAL,
            )
        ),
    ),
    "control": (
        forms.CONTROL_SLIP,
        lambda: render_control_slip(
            ControlSlipData(
                letterhead=HEAD,
                applicant_name=APPLICANT,
                procedure_name=PROCEDURE,
                received_at=AT,
                due_at=AT + timedelta(days=3),
                rows=(
                    ControlSlipRow(f"Người nộp: {APPLICANT}", f"Bộ phận Một cửa – {OFFICIAL}", AT),
                    ControlSlipRow(
                        f"Bộ phận Một cửa – {OFFICIAL}",
                        "Phòng Văn hóa – Xã hội – Vũ Thị Ngân",
                        AT + timedelta(hours=1),
                        "early",
                    ),
                    ControlSlipRow(
                        "Phòng Văn hóa – Xã hội – Vũ Thị Ngân",
                        "Lãnh đạo – Phạm Đức Hùng",
                        AT + timedelta(days=2),
                        "late",
                        REASON,
                    ),
                ),
            )
        ),
    ),
}


@pytest.fixture(params=sorted(SLIPS))
def slip(request: pytest.FixtureRequest, settings: Any) -> tuple[forms.Form, bytes]:
    form, render = SLIPS[request.param]
    return form, render()


def test_a_slip_is_one_a4_page_with_the_national_header_and_its_form(
    slip: tuple[forms.Form, bytes],
) -> None:
    form, pdf = slip
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = pdf_text(pdf)

    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert form.title in text
    assert form.number in text
    assert "UBND PHƯỜNG HOÀN KIẾM" in text
    assert CODE in text


def test_every_diacritic_of_the_data_is_in_the_slip(slip: tuple[forms.Form, bytes]) -> None:
    _, pdf = slip
    text = pdf_text(pdf)

    assert APPLICANT in text
    for letter in diacritics(APPLICANT, PROCEDURE, "Hoàn Kiếm"):
        assert letter in text, letter


def test_the_qr_code_opens_the_public_lookup_of_the_dossier(
    slip: tuple[forms.Form, bytes],
) -> None:
    _, pdf = slip

    assert qr_payload_matches(pdf, LOOKUP)
    assert not qr_payload_matches(pdf, LOOKUP.replace("0007", "0008"))
    decoded = zbar_decode(pdf)
    if decoded is not None:
        assert decoded == [LOOKUP]


def test_the_receipt_lists_what_was_received_and_the_appointment() -> None:
    text = pdf_text(SLIPS["receipt"][1]())

    assert ADDRESS in text.replace("\n", " ")
    assert "Giấy chứng sinh" in text
    assert "09:05 ngày 18/11/2026" in text  # received
    assert "09:05 ngày 21/11/2026" in text  # appointment
    assert "K7Q2MX9P" in text
    assert OFFICIAL in text


def test_the_control_slip_has_a_row_per_handoff_with_its_timeliness() -> None:
    text = pdf_text(SLIPS["control"][1]())

    assert "Trước hạn" in text
    assert "Quá hạn" in text
    assert "10:05 ngày" in text


def test_the_tracking_register_is_a_landscape_table_over_several_pages() -> None:
    rows = tuple(
        RegisterRow(
            dossier_code=f"000.01.01.H26-261118-{n:04d}",
            procedure_name=PROCEDURE,
            applicant_name=APPLICANT,
            applicant_contact=ADDRESS,
            deciding_agency="UBND Phường Hoàn Kiếm",
            received_at=AT,
            due_at=AT + timedelta(days=3),
            note="Đang xử lý",
        )
        for n in range(1, 41)
    )
    pdf = render_register(
        RegisterData(
            agency_name="UBND Phường Hoàn Kiếm",
            period_from=date(2026, 11, 1),
            period_to=date(2026, 11, 30),
            generated_at=AT,
            rows=rows,
        )
    )
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)

    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    assert len(reader.pages) > 1
    assert forms.REGISTER.title in text
    assert "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "000.01.01.H26-261118-0040" in text
    assert "Tổng số: 40 hồ sơ" in text


def _embedded_fonts(pdf: bytes) -> list[Any]:
    from fontTools.ttLib import TTFont

    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            descendant: Any = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor: Any = descendant["/FontDescriptor"].get_object()
            program = descriptor["/FontFile2"].get_object().get_data()
            found.append(TTFont(io.BytesIO(program)))
    return found


def test_a_slip_embeds_static_faces_with_true_glyph_boxes(
    slip: tuple[forms.Form, bytes],
) -> None:
    """The faces are instanced from the variable fonts once (their variations would be
    cut down in every document), and the boxes their glyphs keep are the outlines' own."""
    _, pdf = slip
    embedded = _embedded_fonts(pdf)
    assert len(embedded) >= 2  # regular and bold at least
    for font in embedded:
        assert "fvar" not in font and "gvar" not in font
        table = font["glyf"]
        drawn = 0
        for name in font.getGlyphOrder():
            glyph = table[name]
            if glyph.numberOfContours == 0:
                continue  # a space: nothing drawn, no box
            kept = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)
            glyph.recalcBounds(table)
            assert kept == (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax), name
            drawn += 1
        assert drawn > 20


@pytest.mark.parametrize("style", ["", "I", "B"])
def test_each_face_draws_every_printable_character_and_carries_nothing_else(
    style: str, settings: Any
) -> None:
    from fontTools.ttLib import TTFont

    from motcua.documents.pdf import fonts

    face = TTFont(fonts.face_path(style))
    drawn = set(face.getBestCmap())
    assert fonts.printable_codepoints() - {ord(c) for c in "\n\r\t"} <= drawn
    assert not {"fvar", "gvar", "GSUB", "GPOS", "GDEF", "STAT"} & set(face.keys())
