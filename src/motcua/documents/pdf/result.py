"""Result documents (the decision, certificate or extract a dossier ends with) and the
visible signature stamp placed on them when a leader signs.

The body is plain text drafted from the agency's template, read by ``result_text``:
blank lines separate paragraphs, a line starting with ``# `` is a centred bold heading.
"""

from __future__ import annotations

from fpdf import FPDF

from motcua.documents.pdf import fonts
from motcua.documents.pdf.data import RenderedResult, ResultData, SignatureBox, StampData
from motcua.documents.pdf.fmt import vn_datetime
from motcua.documents.pdf.layout import BOTTOM, LEFT, LINE, QR_MM, TOP, DocumentPdf
from motcua.documents.pdf.qr import qr_image
from motcua.documents.result_text import result_blocks

PT_PER_MM = 72 / 25.4
STAMP_W, STAMP_H = 72.0, 24.0


def render_result(data: ResultData, *, preview: bool = False) -> RenderedResult:
    head = data.letterhead
    pdf = DocumentPdf(title=data.title.capitalize() or "Kết quả giải quyết")
    if preview:
        _draft_mark(pdf)
    pdf.letterhead(head)
    if data.number:
        pdf.use("", 11)
        pdf.cell(
            pdf.width * 0.44, 5, f"Số: {data.number}", align="C", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.heading(data.title.upper())
    _body(pdf, data.body)
    box = _closing(pdf, data, preview=preview)
    return RenderedResult(pdf=pdf.bytes(), signature_box=box)


def _draft_mark(pdf: DocumentPdf) -> None:
    """«DỰ THẢO» boxed above the letterhead, as drafts of administrative documents are
    marked: a preview printed or forwarded is not taken for the signed result."""
    pdf.use("B", 11)
    pdf.set_xy(LEFT, TOP - 10)
    pdf.cell(26, 7, "DỰ THẢO", border=1, align="C")
    pdf.use("I", 8)
    pdf.set_xy(LEFT + 28, TOP - 10)
    pdf.cell(0, 7, "Bản xem trước, chưa ký số, chưa có giá trị pháp lý")
    pdf.set_xy(LEFT, TOP)


def _body(pdf: DocumentPdf, body: str) -> None:
    for block in result_blocks(body):
        if block.heading:
            pdf.ln(1)
            pdf.paragraph(block.text, style="B", align="C")
        else:
            pdf.paragraph(block.text)
        pdf.ln(1.5)


def _closing(pdf: DocumentPdf, data: ResultData, *, preview: bool) -> SignatureBox:
    """The QR at the left, the signing block at the right; returns the stamp's place."""
    needed = 6 * 3 + STAMP_H + 12
    if pdf.get_y() + max(needed, QR_MM + 24) > pdf.h - BOTTOM:
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    head = data.letterhead
    if head.qr_payload:
        pdf.image(qr_image(head.qr_payload), x=LEFT, y=top, w=QR_MM, h=QR_MM)
        pdf.set_xy(LEFT, top + QR_MM + 1)
        pdf.use("I", 8.5)
        pdf.multi_cell(QR_MM + 30, 4, head.qr_caption, new_x="LMARGIN", new_y="NEXT")
        if head.verification_code:
            pdf.multi_cell(QR_MM + 30, 4, "Mã xác thực:", new_x="LMARGIN", new_y="NEXT")
            pdf.use("B", 9.5)
            pdf.multi_cell(QR_MM + 40, 5, head.verification_code, new_x="LMARGIN", new_y="NEXT")
            pdf.use("I", 8.5)
        if head.dossier_code:
            pdf.multi_cell(
                QR_MM + 30, 4, f"Mã hồ sơ: {head.dossier_code}", new_x="LMARGIN", new_y="NEXT"
            )
    col_x = LEFT + pdf.width * 0.45
    col_w = pdf.width * 0.55
    pdf.set_xy(col_x, top)
    pdf.use("B", 12)
    if data.on_behalf_of:
        pdf.multi_cell(
            col_w, LINE, data.on_behalf_of.upper(), align="C", new_x="LEFT", new_y="NEXT"
        )
    pdf.multi_cell(col_w, LINE, data.signer_title.upper(), align="C", new_x="LEFT", new_y="NEXT")
    stamp_x = col_x + (col_w - STAMP_W) / 2
    stamp_y = pdf.get_y() + 1
    if preview:
        pdf.set_draw_color(150, 150, 150)
        pdf.set_dash_pattern(dash=1.5, gap=1.5)
        pdf.rect(stamp_x, stamp_y, STAMP_W, STAMP_H)
        pdf.set_dash_pattern()
        pdf.set_xy(stamp_x, stamp_y + STAMP_H / 2 - 3)
        pdf.use("I", 9)
        pdf.cell(STAMP_W, 6, "Vị trí chữ ký số", align="C")
        pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(col_x, stamp_y + STAMP_H + 2)
    pdf.use("B", 12)
    pdf.multi_cell(col_w, LINE, data.signer_name, align="C", new_x="LMARGIN", new_y="NEXT")
    page_h_pt = pdf.h * PT_PER_MM
    return SignatureBox(
        page=pdf.page_no() - 1,
        x1=stamp_x * PT_PER_MM,
        y1=page_h_pt - (stamp_y + STAMP_H) * PT_PER_MM,
        x2=(stamp_x + STAMP_W) * PT_PER_MM,
        y2=page_h_pt - stamp_y * PT_PER_MM,
    )


def render_stamp(data: StampData) -> bytes:
    """A one-page PDF the size of the signature box: the visible signature's appearance."""
    pdf = FPDF(orientation="L", unit="mm", format=(STAMP_H, STAMP_W))
    pdf.set_margins(2, 1.5, 2)
    pdf.set_auto_page_break(auto=False)
    fonts.faces_add(pdf, "B")
    pdf.add_page()
    pdf.set_draw_color(180, 20, 20)
    pdf.set_text_color(180, 20, 20)
    pdf.set_line_width(0.5)
    pdf.rect(0.6, 0.6, STAMP_W - 1.2, STAMP_H - 1.2)
    pdf.set_xy(2.5, 2)
    pdf.set_font(fonts.FAMILY, "B", 9.5)
    pdf.cell(0, 4.6, "Đã ký số", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fonts.FAMILY, "", 9)
    lines = [
        f"Người ký: {data.signer_name}",
        f"Cơ quan: {data.agency_name}",
        f"Thời gian ký: {vn_datetime(data.signed_at)}",
        *data.lines,
    ]
    for line in lines:
        pdf.set_x(2.5)
        pdf.multi_cell(STAMP_W - 5, 4.3, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
