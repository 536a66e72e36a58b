"""A place in a newest-first list that the next page starts below: an official's list
(newest submitted first) or a citizen's own (newest created first).

An offset page reads and drops every row above it: on the 5,000,000-dossier bench
database a big ward's page at offset 100,000 took 4.1 s. A cursor names the last row
seen, its instant and id, so every page is read as the first one is, as a
range of the agency's index (``dossier_received_newest_idx``) that starts below it. It
also keeps its place while new dossiers arrive, where an offset would show a row twice.

Written as ``<microseconds since 1970 UTC>.<id>``: plain text, nothing personal, and a
client that alters it only moves within what it may see anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_PATTERN = re.compile(r"(\d{1,18})\.(\d{1,19})")


class BadCursor(ValueError):
    """The text is not a cursor this list gave."""


@dataclass(frozen=True, slots=True)
class Cursor:
    at: datetime
    pk: int

    def __str__(self) -> str:
        return f"{(self.at - _EPOCH) // _MICROSECOND}.{self.pk}"

    def below(self, field: str = "submitted_at") -> Q:
        """The rows after this one in the order of ``field`` then id, newest first. The
        first condition alone is a bound of the index range; the second drops the rows
        of the same instant that were already shown."""
        at = self.at
        return Q(**{f"{field}__lte": at}) & (Q(**{f"{field}__lt": at}) | Q(pk__lt=self.pk))


def parse(text: str) -> Cursor:
    """The cursor written in ``text``; :class:`BadCursor` for anything else."""
    match = _PATTERN.fullmatch(text.strip())
    if match is None:
        raise BadCursor(text)
    try:
        at = _EPOCH + int(match[1]) * _MICROSECOND
    except OverflowError:
        raise BadCursor(text) from None
    pk = int(match[2])
    if pk < 1 or pk > 2**63 - 1:
        raise BadCursor(text)
    return Cursor(at, pk)


def from_link(text: str) -> tuple[Cursor | None, bool]:
    """The cursor a page's address carries, and whether the text there was not one (a
    link edited by hand: the page then starts from the newest). No text, no cursor."""
    if not text:
        return None, False
    try:
        return parse(text[:40]), False
    except BadCursor:
        return None, True
