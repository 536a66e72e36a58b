"""The receipt of a received dossier and a signed result, rendered to PNG with pdftoppm
into test-artifacts/documents/ so a person can look at them."""

from __future__ import annotations

import shutil
from typing import Any, cast

import pytest
from PIL import Image

from motcua.documents.models import DocumentKind
from motcua.documents.services import slip_generate
from motcua.dossiers.models import Dossier
from tests.documents.conftest import save_png, signed_bytes

needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (Debian poppler-utils) is not installed"
)


def _looks_like_a4_page(path: Any) -> None:
    with Image.open(path) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01
        # One band ("L"): each pixel is a single level, which Pillow's return type leaves open.
        levels = cast("tuple[int, ...]", image.convert("L").get_flattened_data())
        dark = sum(1 for p in levels if p < 128)
        assert dark > 2000  # text and the QR code are printed, not a blank page


@needs_pdftoppm
def test_the_receipt_png(received: Dossier) -> None:
    doc = slip_generate(
        dossier_id=received.pk,
        kind=DocumentKind.RECEIPT,
        event_id=received.events.get(action="intake").pk,
    )
    with doc.file.open("rb") as handle:
        path = save_png(handle.read(), "receipt")

    assert path is not None and path.exists()
    _looks_like_a4_page(path)


@needs_pdftoppm
def test_the_signed_result_png(signed_result: Any) -> None:
    path = save_png(signed_bytes(signed_result), "signed-result")

    assert path is not None and path.exists()
    _looks_like_a4_page(path)
