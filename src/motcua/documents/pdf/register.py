"""The tracking register (Sổ theo dõi hồ sơ, form 07): many dossiers, landscape table."""

from __future__ import annotations

from motcua.documents.pdf import forms
from motcua.documents.pdf.data import Letterhead, RegisterData
from motcua.documents.pdf.fmt import vn_date, vn_datetime
from motcua.documents.pdf.layout import DocumentPdf

HEADINGS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Giải quyết xong",
    "Trả kết quả",
    "Ghi chú",
]
WIDTHS = (5, 22, 19, 13, 15, 12, 10, 10, 10, 10, 9)


def render_register(data: RegisterData) -> bytes:
    pdf = DocumentPdf(title=forms.REGISTER.title.capitalize(), landscape=True)
    head = Letterhead(
        agency_name=data.agency_name,
        parent_agency_name=data.parent_agency_name,
        unit_name=data.unit_name,
        issued_on=data.generated_at.date(),
    )
    pdf.letterhead(head, form=forms.REGISTER)
    pdf.heading(
        forms.REGISTER.title,
        subtitle=f"Từ ngày {vn_date(data.period_from)} đến ngày {vn_date(data.period_to)}",
    )
    rows = [
        [
            str(n),
            row.dossier_code,
            row.procedure_name,
            row.applicant_name,
            row.applicant_contact,
            row.deciding_agency,
            vn_datetime(row.received_at),
            vn_datetime(row.due_at),
            vn_datetime(row.finished_at),
            vn_datetime(row.returned_at),
            row.note,
        ]
        for n, row in enumerate(data.rows, start=1)
    ]
    if not rows:
        rows = [["", "", "(Không có hồ sơ trong kỳ)", *[""] * 8]]
    pdf.grid(
        HEADINGS,
        rows,
        WIDTHS,
        size=8.5,
        align=(
            "CENTER",
            "LEFT",
            "LEFT",
            "LEFT",
            "LEFT",
            "LEFT",
            "CENTER",
            "CENTER",
            "CENTER",
            "CENTER",
            "LEFT",
        ),
    )
    pdf.paragraph(
        f"Tổng số: {len(data.rows)} hồ sơ. Lập lúc {vn_datetime(data.generated_at)}.", style="I"
    )
    return pdf.bytes()
