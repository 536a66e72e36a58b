"""The verification code of a signed result. It is carried by the QR and printed under
it, and a person may type it on the verification page, so it leaves out characters that
read alike (0/O, 1/I/L) and comes in groups of four: ``K7QM-3XPA-9RTB-F2HW-5NCE``.

Twenty symbols of 31 give about 99 bits: as hard to guess as the 16-character codes of
earlier results, which still verify as they were printed."""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUP = 4
LENGTH = 20
_SEPARATORS = re.compile(r"[\s\-–—.]+")


def new_verification_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return _grouped(symbols)


def typed_verification_code(typed: str) -> str:
    """The code as stored, from what a person typed (any case, with or without spaces
    and dashes); "" when it cannot be one of these codes."""
    symbols = _SEPARATORS.sub("", typed).upper()
    if len(symbols) != LENGTH or any(c not in ALPHABET for c in symbols):
        return ""
    return _grouped(symbols)


def _grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))
