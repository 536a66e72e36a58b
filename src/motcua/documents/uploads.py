"""Checking uploaded files by their content, not by their name or declared type.

``inspect_upload`` is what every upload goes through (dossier attachments, the citizen
store, the verification page): it answers the real content type or refuses with a
message naming the file, in the language of the request.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.documents.errors import InvalidUpload

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DEFAULT_ACCEPTED = (PDF, JPEG, PNG)
LABELS = {PDF: "PDF", JPEG: gettext_noop("ảnh JPEG"), PNG: gettext_noop("ảnh PNG")}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    pages: int = 0


def sniff(data: bytes) -> str:
    """The content type the bytes really have ('' when unknown)."""
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return ""


def inspect_upload(
    data: bytes,
    *,
    name: str,
    max_bytes: int,
    accepted: tuple[str, ...] = DEFAULT_ACCEPTED,
    field: str = "file",
) -> CheckedUpload:
    if not data:
        raise InvalidUpload(_("Tệp «%(name)s» rỗng.") % {"name": name}, field=field)
    if len(data) > max_bytes:
        raise InvalidUpload(
            _("Tệp «%(name)s» vượt quá dung lượng cho phép (tối đa %(mb)s MB).")
            % {"name": name, "mb": max_bytes // (1024 * 1024)},
            field=field,
        )
    kind = sniff(data)
    claimed_pdf = name.lower().endswith(".pdf")
    if kind not in accepted:
        wanted = ", ".join(_(LABELS.get(a, a)) for a in accepted)
        if claimed_pdf and kind != PDF:
            raise InvalidUpload(
                _("Tệp «%(name)s» có đuôi .pdf nhưng nội dung không phải là PDF.") % {"name": name},
                field=field,
            )
        raise InvalidUpload(
            _("Tệp «%(name)s» không đúng định dạng; chỉ nhận %(types)s.")
            % {"name": name, "types": wanted},
            field=field,
        )
    if kind == PDF:
        return CheckedUpload(PDF, len(data), pages=_pdf_pages(data, name, field))
    _image_decodes(data, name, field)
    return CheckedUpload(kind, len(data))


def _pdf_pages(data: bytes, name: str, field: str) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InvalidUpload(
                _("Tệp «%(name)s» được đặt mật khẩu (mã hóa); vui lòng nộp bản không đặt mật khẩu.")
                % {"name": name},
                field=field,
            )
        return len(reader.pages)
    except InvalidUpload:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        RecursionError,
    ) as exc:
        raise InvalidUpload(
            _("Tệp PDF «%(name)s» bị hỏng, không đọc được.") % {"name": name}, field=field
        ) from exc


def _image_decodes(data: bytes, name: str, field: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidUpload(
            _("Ảnh «%(name)s» bị hỏng, không giải mã được.") % {"name": name}, field=field
        ) from exc
