"""The page every slip shares: A4, national header, title, QR reference block, labelled
fields, tables and signature blocks, set in Noto Serif."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import FontFace

from motcua.documents.pdf import fonts
from motcua.documents.pdf.data import Letterhead
from motcua.documents.pdf.fmt import vn_dated_at
from motcua.documents.pdf.forms import CIRCULAR, Form
from motcua.documents.pdf.qr import qr_image

LEFT, RIGHT, TOP, BOTTOM = 25.0, 15.0, 15.0, 15.0
LINE = 6.5
BODY_SIZE = 12.0
QR_MM = 28.0
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Spanned:
    """A table cell running over ``columns`` columns, centred."""

    text: str
    columns: int


class DocumentPdf(FPDF):
    """An A4 administrative document. Portrait for slips, landscape for registers."""

    def __init__(self, *, title: str, landscape: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(auto=True, margin=BOTTOM)
        fonts.faces_add(self)
        self.set_title(title)
        self.set_creator("motcua")
        self.set_lang("vi")
        self.set_font(fonts.FAMILY, "", BODY_SIZE)
        self.alias_nb_pages()
        self.add_page()

    # Footer is called by fpdf2 on every page.
    def footer(self) -> None:
        if self.pages_count < 2:
            return
        self.set_y(-10)
        self.set_font(fonts.FAMILY, "I", 8)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")

    def use(self, style: str = "", size: float = BODY_SIZE) -> None:
        self.set_font(fonts.FAMILY, style, size)

    @property
    def width(self) -> float:
        return float(self.epw)

    def bytes(self) -> bytes:
        return bytes(self.output())

    # --- header -----------------------------------------------------------------

    def form_number(self, form: Form) -> None:
        self.use("I", 8)
        self.set_xy(LEFT, TOP - 8)
        self.cell(0, 4, f"{form.number} – {CIRCULAR}", align="R")
        self.set_xy(LEFT, TOP)

    def letterhead(self, head: Letterhead, *, form: Form | None = None) -> None:
        if form is not None:
            self.form_number(form)
        top = self.get_y()
        left_w = self.width * 0.44
        right_x = LEFT + left_w
        right_w = self.width - left_w
        self.set_xy(LEFT, top)
        if head.parent_agency_name:
            self.use("", 11)
            self.multi_cell(
                left_w, 5.5, head.parent_agency_name.upper(), align="C", new_x="LEFT", new_y="NEXT"
            )
        self.use("B", 11)
        self.multi_cell(
            left_w, 5.5, head.agency_name.upper(), align="C", new_x="LEFT", new_y="NEXT"
        )
        if head.unit_name:
            self.multi_cell(
                left_w, 5.5, head.unit_name.upper(), align="C", new_x="LEFT", new_y="NEXT"
            )
        self._rule(LEFT + left_w / 2, self.get_y() + 0.8, 30)
        left_bottom = self.get_y() + 2
        self.set_xy(right_x, top)
        self.use("B", 11)
        self.cell(right_w, 5.5, NATIONAL_NAME, align="C", new_x="LEFT", new_y="NEXT")
        self.use("B", 12)
        self.cell(right_w, 6, NATIONAL_MOTTO, align="C", new_x="LEFT", new_y="NEXT")
        self._rule(right_x + right_w / 2, self.get_y() + 0.5, self.get_string_width(NATIONAL_MOTTO))
        self.set_xy(right_x, max(self.get_y() + 3, left_bottom))
        self.use("I", 11)
        self.cell(right_w, 6, vn_dated_at(head.place, head.issued_on), align="C")
        self.set_xy(LEFT, max(self.get_y() + 9, left_bottom))

    def _rule(self, center: float, y: float, length: float) -> None:
        self.set_line_width(0.3)
        self.line(center - length / 2, y, center + length / 2, y)

    def heading(self, text: str, *, subtitle: str = "", size: float = 14) -> None:
        self.ln(2)
        self.use("B", size)
        self.multi_cell(0, 7.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.use("I", 11)
            self.multi_cell(0, 6, subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    # --- the QR reference block ---------------------------------------------------

    def reference_block(self, head: Letterhead, lines: Sequence[tuple[str, str]] = ()) -> None:
        """The QR code at the left; the dossier code and other references beside it."""
        if not head.qr_payload and not head.dossier_code:
            return
        top = self.get_y()
        if top + QR_MM + 6 > self.h - BOTTOM:
            self.add_page()
            top = self.get_y()
        text_x = LEFT
        if head.qr_payload:
            self.image(qr_image(head.qr_payload), x=LEFT, y=top, w=QR_MM, h=QR_MM)
            text_x = LEFT + QR_MM + 4
        self.set_xy(text_x, top + 2)
        entries = [("Mã hồ sơ", head.dossier_code), *lines] if head.dossier_code else list(lines)
        for label, value in entries:
            self.set_x(text_x)
            self.field(label, value, indent=text_x)
        if head.qr_payload:
            self.set_x(text_x)
            self.use("I", 9.5)
            self.multi_cell(
                0,
                5,
                f"{head.qr_caption}: {head.qr_payload}",
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        self.set_xy(LEFT, max(self.get_y(), top + QR_MM) + 3)

    # --- body ---------------------------------------------------------------------

    def field(self, label: str, value: str, *, indent: float | None = None) -> None:
        """``Label: value`` as flowing text, the value in bold."""
        self.set_x(indent if indent is not None else LEFT)
        self.use("", BODY_SIZE)
        self.write(LINE, f"{label}: ")
        self.use("B", BODY_SIZE)
        self.write(LINE, value or "…")
        self.ln(LINE)
        self.use("", BODY_SIZE)

    def paragraph(self, text: str, *, style: str = "", align: str = "J") -> None:
        self.set_x(LEFT)
        self.use(style, BODY_SIZE)
        self.multi_cell(0, LINE, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str | Spanned]],
        widths: Sequence[float],
        *,
        size: float = 10.5,
        align: Sequence[str] | None = None,
    ) -> None:
        self.use("", size)
        heading_style = FontFace(family=fonts.FAMILY, emphasis="BOLD", size_pt=size)
        with super().table(
            col_widths=tuple(widths),
            align="LEFT",
            text_align=tuple(align) if align else "LEFT",
            headings_style=heading_style,
            line_height=size * 0.5,
            padding=1.2,
            repeat_headings=1,
        ) as table:
            header = table.row()
            for text in headings:
                header.cell(text, align="CENTER")
            for values in rows:
                row = table.row()
                for value in values:
                    if isinstance(value, Spanned):
                        row.cell(value.text, align="CENTER", colspan=value.columns)
                    else:
                        row.cell(value)
        self.ln(2)
        self.use("", BODY_SIZE)

    # --- signatures ---------------------------------------------------------------

    def signature_blocks(
        self,
        blocks: Sequence[tuple[str, str]],
        *,
        note: str = "(Ký và ghi rõ họ tên)",
        space: float = 22,
    ) -> None:
        """Side-by-side signature blocks: (title, name) each; an empty name leaves a blank
        for a hand signature, and an empty pair an empty column (a single signer on the
        right, as the forms place them)."""
        needed = 6 + 6 + space + 8
        if self.get_y() + needed > self.h - BOTTOM:
            self.add_page()
        self.ln(3)
        top = self.get_y()
        col = self.width / max(len(blocks), 1)
        for i, (title, name) in enumerate(blocks):
            if not title and not name:
                continue
            x = LEFT + i * col
            self.set_xy(x, top)
            self.use("B", BODY_SIZE)
            self.multi_cell(col, 6, title.upper(), align="C", new_x="LEFT", new_y="NEXT")
            self.use("I", 10.5)
            self.multi_cell(col, 5.5, note, align="C", new_x="LEFT", new_y="NEXT")
            self.set_xy(x, self.get_y() + space)
            self.use("B", BODY_SIZE)
            self.multi_cell(col, 6, name, align="C", new_x="LEFT", new_y="NEXT")
        self.set_xy(LEFT, self.get_y() + 4)
