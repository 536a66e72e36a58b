"""Reading the QR code printed in a PDF without a QR decoder: the embedded image is
sampled module by module and compared with the modules the payload must produce
(``core.qr.qr_matrix``, same library parameters). When zbarimg is installed the page is
also rasterised and decoded for real."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from motcua.core.qr import qr_matrix


def embedded_images(pdf: bytes) -> list[Image.Image]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return [image.image.convert("L") for image in page.images if image.image is not None]


def modules_of(image: Image.Image, size: int) -> list[list[bool]]:
    step = image.width / size
    return [
        [
            image.getpixel((int((x + 0.5) * step), int((y + 0.5) * step))) < 128  # type: ignore[operator]
            for x in range(size)
        ]
        for y in range(size)
    ]


def qr_payload_matches(pdf: bytes, payload: str) -> bool:
    expected = qr_matrix(payload)
    return any(
        image.width == image.height and modules_of(image, len(expected)) == expected
        for image in embedded_images(pdf)
    )


def zbar_decode(pdf: bytes) -> list[str] | None:
    """Payloads zbarimg reads off the first page, or None when the tools are missing."""
    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "150",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
        )
        out = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(Path(folder) / "page.png")],
            capture_output=True,
            text=True,
            check=False,
        )
    return [line for line in out.stdout.splitlines() if line]
