"""QR codes as inline SVG (no image files, nothing fetched)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg


def qr_svg(payload: str, *, box_size: int = 8) -> str:
    """An SVG element encoding ``payload``, with the payload kept as its title."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=2,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(payload)
    code.make(fit=True)
    svg: str = code.make_image().to_string(encoding="unicode")
    # Drop the XML declaration so the SVG can be inlined in HTML.
    return svg[svg.index("<svg") :]


def qr_matrix(payload: str) -> list[list[bool]]:
    """The module matrix of the QR code for ``payload`` (used by tests to compare)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
