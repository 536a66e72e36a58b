"""The Noto Serif faces the slips are set in, and which characters they can print.

The font packages ship variable fonts only: every outline with its variations, for
hundreds of scripts' characters. Each face a document uses (regular, italic, bold) is
instanced once with fontTools at its weight, cut to the characters a document prints,
and cached under MOTCUA_DATA_DIR, because instancing takes seconds. Embedding the
variable fonts as they are cost each document about a quarter of a second of CPU:
fpdf2 parsed 4 MB of fonts and cut their variation tables down on every document.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from fontpkg_noto_serif import ROOT as SERIF_ROOT
from fpdf import FPDF
from fpdf.fonts import TTFFont

FAMILY = "NotoSerif"
REGULAR = SERIF_ROOT / "files" / "NotoSerif[wdth,wght].ttf"
ITALIC = SERIF_ROOT / "files" / "NotoSerif-Italic[wdth,wght].ttf"

# Latin, Vietnamese (Latin-1, Latin Extended-A/B, combining marks, Latin Extended
# Additional), punctuation and a few symbols (₫, №; the boxes ☐ ☑ only if the font
# ever draws them: Noto Serif has no glyph for them today).
_KEPT_CODEPOINTS = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x300, 0x370),
    *range(0x1EA0, 0x1F00),
    *range(0x2000, 0x2070),
    0x20AB,
    0x20AC,
    0x2116,
    0x2610,
    0x2611,
    0x2612,
]

_lock = threading.Lock()

# Whitespace a text may hold that is laid out, not drawn.
_LAID_OUT = frozenset(map(ord, "\n\r\t"))


@lru_cache(maxsize=1)
def printable_codepoints() -> frozenset[int]:
    """The characters every face of a document draws: those the regular face has a glyph
    for and the bold face keeps. A character outside it prints as nothing."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(REGULAR, lazy=True).getBestCmap()
    return frozenset(cmap).intersection(_KEPT_CODEPOINTS) | _LAID_OUT


def unprintable(text: str) -> str:
    """The distinct characters of ``text`` a document cannot print, in order of first
    appearance ("" when it prints whole)."""
    if text.isascii() and text.isprintable():
        return ""
    printable = printable_codepoints()
    missing = dict.fromkeys(ch for ch in text if ord(ch) not in printable)
    return "".join(missing)


def describe_unprintable(missing: str) -> str:
    """Missing characters as a person can read them in a message: «😀», «李»."""
    return ", ".join(f"«{ch}»" for ch in missing[:10]) + ("…" if len(missing) > 10 else "")


def _version() -> str:
    meta = json.loads((SERIF_ROOT / "metadata.json").read_text(encoding="utf-8"))
    return str(meta.get("version", "0"))


def _cache_dir() -> Path:
    return Path(settings.DATA_DIR) / "cache" / "fonts"


# Bumped when ``_build`` changes, so a face cached by an earlier recipe is built again.
_RECIPE = 2
# Each face: the variable font it is instanced from, and its weight.
_FACES = {"": ("Regular", REGULAR, 400), "I": ("Italic", ITALIC, 400), "B": ("Bold", REGULAR, 700)}


def faces_add(pdf: FPDF, styles: str = "IB") -> None:
    """Give ``pdf`` the regular face and those of ``styles`` ("I" italic, "B" bold).

    The glyphs a document embeds are copied from the face as they are: their bounding
    boxes were computed when the face was built, and cutting a face down to a document's
    characters changes no outline. Left to recompute them, fontTools decoded and encoded
    again every glyph of every face, the larger part of a slip's CPU.
    """
    for style in ("", *styles):
        pdf.add_font(FAMILY, style, face_path(style))
        face = pdf.fonts[f"{FAMILY.lower()}{style}"]
        assert isinstance(face, TTFFont)
        face.ttfont.recalcBBoxes = False


@cache
def face_path(style: str) -> Path:
    """The static instance of Noto Serif for fpdf2's ``style`` ("", "I" or "B"), built on
    first use and kept on disk."""
    name, source, weight = _FACES[style]
    target = _cache_dir() / f"NotoSerif-{name}-{_version()}-{_RECIPE}.ttf"
    with _lock:
        if not target.exists():
            _build(source, weight, target)
    return target


def _build(source: Path, weight: int, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source)
    options = subset.Options()
    # Text is laid out glyph by glyph from the character map (no shaping), and fpdf2
    # drops the layout tables from what it embeds: they would only be read for nothing.
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "STAT"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_KEPT_CODEPOINTS)
    subsetter.subset(font)
    face = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a concurrent process never reads a half-written font.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        face.save(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
