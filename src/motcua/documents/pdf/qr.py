"""QR codes as images for PDFs. Same parameters as ``motcua.core.qr`` (level M, border 2)
so a test can compare the printed modules with ``core.qr.qr_matrix``."""

from __future__ import annotations

import qrcode
from PIL import Image

BOX_PIXELS = 8


def qr_image(payload: str) -> Image.Image:
    """A grayscale image, ``BOX_PIXELS`` pixels per module, quiet zone of 2 modules."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=BOX_PIXELS, border=2
    )
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("L")
