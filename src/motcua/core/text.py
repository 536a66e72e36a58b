"""Vietnamese text helpers: accent folding for search and slugs, how long to wait and
how long something took."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics and fold đ→d.

    >>> fold("Đăng ký KHAI SINH")
    'dang ky khai sinh'
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese order for lists people read: by the letters, Đ after D, the other
    accents second ("Cấp", "Chứng thực", "Dịch vụ", "Đăng ký", "Xác nhận"), where a
    database's binary order put every "Đ…" after "Z" and "Cấp" after "Chuyển".

    >>> sorted(["Đăng ký", "Dịch vụ", "Cấp", "Chứng thực", "Xác nhận"], key=sort_key)
    ['Cấp', 'Chứng thực', 'Dịch vụ', 'Đăng ký', 'Xác nhận']
    """
    # No Vietnamese word has "dz": it sorts Đ after every D.
    return fold(text.replace("đ", "dz").replace("Đ", "Dz")), text


def tokens(text: str) -> list[str]:
    """Folded words of ``text``, in order."""
    return fold(text).split()


def wait_phrase(seconds: int) -> str:
    """How long a person must wait, in the unit they would say it: seconds under a
    minute, whole minutes (rounded up, never promising less than the wait) under an
    hour, then hours and minutes.

    >>> wait_phrase(718)
    '12 phút'
    """
    seconds = max(int(seconds), 1)
    if seconds < 60:
        return ngettext("%(n)d giây", "%(n)d giây", seconds) % {"n": seconds}
    return hours_and_minutes(-(-seconds // 60))


def hours_and_minutes(minutes: int) -> str:
    """A number of minutes as hours and minutes, in the reader's language: «2 giờ 30
    phút» or "2 hours 30 minutes", «2 giờ» or "2 hours", «0 phút» or "0 minutes".

    >>> hours_and_minutes(150)
    '2 giờ 30 phút'
    """
    hours, rest = divmod(minutes, 60)
    spoken_minutes = ngettext("%(n)d phút", "%(n)d phút", rest) % {"n": rest}
    if not hours:
        return spoken_minutes
    spoken = ngettext("%(n)d giờ", "%(n)d giờ", hours) % {"n": hours}
    if rest:
        spoken = _("%(hours)s %(minutes)s") % {"hours": spoken, "minutes": spoken_minutes}
    return spoken
