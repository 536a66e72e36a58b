"""Vietnamese text helpers: accent folding for search and slugs."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics and fold đ→d.

    >>> fold("Đăng ký KHAI SINH")
    'dang ky khai sinh'
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def tokens(text: str) -> list[str]:
    """Folded words of ``text``, in order."""
    return fold(text).split()
