"""The one-stop slips of Circular 03/2025 (forms 01 to 06), one renderer each.

Each takes its frozen data and returns PDF bytes. Wording follows the forms; the
layout is the shared ``DocumentPdf`` page.
"""

from __future__ import annotations

from motcua.documents.pdf import forms
from motcua.documents.pdf.data import (
    ApologyData,
    ControlSlipData,
    Letterhead,
    ReceiptData,
    ReceivedDocument,
    RefusalData,
    StopNoticeData,
    SupplementRequestData,
)
from motcua.documents.pdf.fmt import vn_datetime
from motcua.documents.pdf.layout import DocumentPdf, Spanned

TIMELINESS_LABELS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def _start(form: forms.Form, head: Letterhead) -> DocumentPdf:
    pdf = DocumentPdf(title=form.title.capitalize())
    pdf.letterhead(head, form=form)
    pdf.heading(form.title)
    return pdf


def render_receipt(data: ReceiptData) -> bytes:
    head = data.letterhead
    pdf = _start(forms.RECEIPT, head)
    pdf.reference_block(head, [("Mã tra cứu", data.lookup_secret)])
    pdf.paragraph(f"{head.unit_name or head.agency_name} tiếp nhận hồ sơ của:")
    pdf.field("Ông/bà", data.applicant_name)
    if data.identity_number:
        pdf.field("Số định danh cá nhân", data.identity_number)
    if data.applicant_address:
        pdf.field("Địa chỉ", data.applicant_address)
    if data.applicant_phone or data.applicant_email:
        contact = " – ".join(v for v in (data.applicant_phone, data.applicant_email) if v)
        pdf.field("Số điện thoại, thư điện tử", contact)
    pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    if data.channel:
        pdf.field("Hình thức nộp", data.channel)
    pdf.paragraph("1. Thành phần hồ sơ nộp gồm:")
    rows = [_received_row(n, doc) for n, doc in enumerate(data.documents, start=1)] or [
        ["", "(Không có giấy tờ kèm theo)", "", ""]
    ]
    pdf.grid(
        ["STT", "Tên giấy tờ", "Bản chính", "Bản sao"],
        rows,
        (8, 62, 15, 15),
        align=("CENTER", "LEFT", "CENTER", "CENTER"),
    )
    pdf.field("2. Số lượng hồ sơ", "01 (bộ)")
    number = 3
    if data.legal_duration:
        pdf.field(f"{number}. Thời hạn giải quyết hồ sơ theo quy định", data.legal_duration)
        number += 1
    pdf.field(f"{number}. Thời gian nhận hồ sơ", vn_datetime(data.received_at))
    pdf.field(
        f"{number + 1}. Thời gian trả kết quả giải quyết hồ sơ",
        vn_datetime(data.due_at) or "theo thông báo của cơ quan giải quyết",
    )
    if data.result_place:
        pdf.field(f"{number + 2}. Nhận kết quả tại", data.result_place)
    pdf.ln(1)
    pdf.paragraph(
        "Dùng mã hồ sơ và mã tra cứu để theo dõi tình trạng hồ sơ trên Cổng dịch vụ công "
        "hoặc quét mã QR. Xin giữ kín mã tra cứu.",
        style="I",
    )
    pdf.signature_blocks(
        [
            ("Người nộp hồ sơ", data.applicant_name),
            ("Người tiếp nhận hồ sơ", data.receiving_official),
        ]
    )
    return pdf.bytes()


def _received_row(n: int, doc: ReceivedDocument) -> list[str | Spanned]:
    if doc.provided_as:
        return [str(n), doc.name, Spanned(doc.provided_as, 2)]
    return [str(n), doc.name, str(doc.originals), str(doc.copies)]


def render_supplement_request(data: SupplementRequestData) -> bytes:
    head = data.letterhead
    pdf = _start(forms.SUPPLEMENT_REQUEST, head)
    pdf.reference_block(head)
    pdf.paragraph(f"{head.unit_name or head.agency_name} đã tiếp nhận hồ sơ của:")
    pdf.field("Ông/bà", data.applicant_name)
    if data.applicant_address:
        pdf.field("Địa chỉ", data.applicant_address)
    pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    if data.received_at:
        pdf.field("Thời gian tiếp nhận", vn_datetime(data.received_at))
    pdf.paragraph("Sau khi xem xét, hồ sơ cần được bổ sung, hoàn thiện các nội dung sau:")
    # What the official wrote is what is asked; mandatory papers still missing come first.
    items = [*data.missing, *(line for line in data.reason.splitlines() if line.strip())]
    for n, item in enumerate(items, start=1):
        pdf.paragraph(f"{n}. {item.strip()}")
    pdf.paragraph(
        "Thời gian chờ bổ sung không tính vào thời hạn giải quyết; ngày hẹn trả kết quả "
        "được tính lại khi nhận đủ hồ sơ. Xin lỗi ông/bà vì sự bất tiện này.",
        style="I",
    )
    pdf.field("Ngày yêu cầu", vn_datetime(data.requested_at))
    pdf.signature_blocks([("", ""), ("Người hướng dẫn", data.official)])
    return pdf.bytes()


def render_refusal(data: RefusalData) -> bytes:
    head = data.letterhead
    pdf = _start(forms.REFUSAL, head)
    pdf.reference_block(head)
    pdf.paragraph(f"{head.unit_name or head.agency_name} nhận được hồ sơ của:")
    pdf.field("Ông/bà", data.applicant_name)
    if data.applicant_address:
        pdf.field("Địa chỉ", data.applicant_address)
    pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    if data.submitted_at:
        pdf.field("Thời gian nộp", vn_datetime(data.submitted_at))
    pdf.paragraph("Hồ sơ không được tiếp nhận giải quyết vì lý do sau:")
    pdf.paragraph(data.reason, style="B")
    pdf.paragraph("Xin thông báo để ông/bà biết và thực hiện.", style="I")
    pdf.field("Ngày từ chối", vn_datetime(data.refused_at))
    pdf.signature_blocks([("", ""), ("Người tiếp nhận hồ sơ", data.official)])
    return pdf.bytes()


def render_apology(data: ApologyData) -> bytes:
    head = data.letterhead
    pdf = _start(forms.APOLOGY, head)
    pdf.reference_block(head)
    pdf.paragraph(f"{head.agency_name} tiếp nhận hồ sơ của:")
    pdf.field("Ông/bà", data.applicant_name)
    pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    pdf.field("Thời gian tiếp nhận", vn_datetime(data.received_at))
    pdf.field("Thời gian hẹn trả kết quả", vn_datetime(data.old_due_at))
    pdf.paragraph("Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ đúng hạn. Lý do:")
    pdf.paragraph(data.reason, style="B")
    pdf.paragraph(
        f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {head.agency_name} "
        "xin lỗi ông/bà và hẹn lại thời gian trả kết quả:"
    )
    pdf.field("Thời gian hẹn trả kết quả mới", vn_datetime(data.new_due_at))
    pdf.paragraph("Trân trọng.", style="I")
    pdf.signature_blocks([("", ""), (data.official_title, data.official)])
    return pdf.bytes()


def render_stop_notice(data: StopNoticeData) -> bytes:
    head = data.letterhead
    pdf = _start(forms.STOP_NOTICE, head)
    pdf.reference_block(head)
    pdf.paragraph(f"{head.agency_name} thông báo dừng giải quyết hồ sơ của:")
    pdf.field("Ông/bà", data.applicant_name)
    pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    if data.received_at:
        pdf.field("Thời gian tiếp nhận", vn_datetime(data.received_at))
    pdf.field("Thời gian dừng giải quyết", vn_datetime(data.stopped_at))
    pdf.field("Lý do", data.reason)
    pdf.paragraph(
        "Hồ sơ và giấy tờ đã nộp (nếu có) được trả lại cho ông/bà theo quy định.", style="I"
    )
    pdf.signature_blocks([("", ""), ("Người thông báo", data.official)])
    return pdf.bytes()


def render_control_slip(data: ControlSlipData) -> bytes:
    head = data.letterhead
    pdf = _start(forms.CONTROL_SLIP, head)
    pdf.reference_block(head)
    pdf.field("Người nộp hồ sơ", data.applicant_name)
    pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
    pdf.field("Thời gian tiếp nhận", vn_datetime(data.received_at))
    pdf.field("Thời gian hẹn trả kết quả", vn_datetime(data.due_at))
    pdf.ln(1)
    rows = [
        [
            str(n),
            vn_datetime(row.at),
            row.handed_by,
            row.received_by,
            TIMELINESS_LABELS.get(row.timeliness, ""),
            row.note,
        ]
        for n, row in enumerate(data.rows, start=1)
    ]
    pdf.grid(
        ["STT", "Thời gian giao, nhận", "Bên giao", "Bên nhận", "Kết quả", "Ghi chú"],
        rows or [["", "", "(Chưa có lượt giao, nhận nào)", "", "", ""]],
        (7, 18, 22, 22, 12, 19),
        size=10,
        align=("CENTER", "CENTER", "LEFT", "LEFT", "CENTER", "LEFT"),
    )
    pdf.paragraph(
        "Kết quả: trước hạn, đúng hạn hoặc quá hạn so với thời gian được giao "
        "cho từng bước của quy trình nội bộ.",
        style="I",
    )
    return pdf.bytes()
