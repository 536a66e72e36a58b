"""Checking uploaded files by their content, not by their name or declared type.

``inspect_upload`` is what every upload goes through (dossier attachments, the citizen
store, the verification page): it answers the real content type or refuses with a
Vietnamese message naming the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from motcua.documents.errors import InvalidUpload

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DEFAULT_ACCEPTED = (PDF, JPEG, PNG)
LABELS = {PDF: "PDF", JPEG: "ảnh JPEG", PNG: "ảnh PNG"}


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
        raise InvalidUpload(f"Tệp «{name}» rỗng.", field=field)
    if len(data) > max_bytes:
        raise InvalidUpload(
            f"Tệp «{name}» vượt quá dung lượng cho phép (tối đa {max_bytes // (1024 * 1024)} MB).",
            field=field,
        )
    kind = sniff(data)
    claimed_pdf = name.lower().endswith(".pdf")
    if kind not in accepted:
        wanted = ", ".join(LABELS.get(a, a) for a in accepted)
        if claimed_pdf and kind != PDF:
            raise InvalidUpload(
                f"Tệp «{name}» có đuôi .pdf nhưng nội dung không phải là PDF.", field=field
            )
        raise InvalidUpload(f"Tệp «{name}» không đúng định dạng; chỉ nhận {wanted}.", field=field)
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
                f"Tệp «{name}» được đặt mật khẩu (mã hóa); vui lòng nộp bản không đặt mật khẩu.",
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
        raise InvalidUpload(f"Tệp PDF «{name}» bị hỏng, không đọc được.", field=field) from exc


def _image_decodes(data: bytes, name: str, field: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidUpload(f"Ảnh «{name}» bị hỏng, không giải mã được.", field=field) from exc
