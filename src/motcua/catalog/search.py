"""Accent-insensitive, typo-tolerant procedure search.

Every word of a query must be found in a procedure (its name, code, keywords or sector),
except the words people wrap a request in ("làm", "xin", "giấy", "thủ tục", "ở đâu"):
those are not required, and rank only a little, through the keywords. A word no
procedure has is read as a typo and matched within one edit (four letters or more) or
with one dropped letter ("snh", "hn"); a word some procedure has is taken as typed, so
"sinh" does not also find "kinh".

The catalog is small (a province publishes a few thousand procedures), so each process
keeps a folded index in memory and ranks in Python: the same code on SQLite and
PostgreSQL, no extension to install, and no database round trip per keystroke. The index
is rebuilt when the catalog's revision (count and last update) changes, checked at most
every ``REVISION_TTL`` seconds.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Max

from motcua.core.text import tokens

REVISION_TTL = 2.0


def _key(token: str) -> str:
    # "ký"/"kí", "lý"/"lí": i and y are written interchangeably in many words.
    return token.replace("y", "i")


@dataclass(frozen=True, slots=True)
class Entry:
    pk: int
    code: str
    name_tokens: tuple[str, ...]
    other_tokens: frozenset[str]
    name_length: int


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    if la > lb:
        a, b = b, a
    # b is one longer than a: find the one extra character.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _one_letter_dropped(short: str, word: str) -> bool:
    """``short`` is ``word`` with one letter left out, not the first ("snh" → "sinh")."""
    return len(word) == len(short) + 1 and word[0] == short[0] and _within_one_edit(short, word)


def _near(query: str, word: str) -> bool:
    if len(query) >= 4:
        return len(word) >= 4 and _within_one_edit(query, word)
    return len(query) >= 2 and _one_letter_dropped(query, word)


def _token_score(query: str, candidates: Iterable[str], *, fuzzy: bool = True) -> int:
    best = 0
    for word in candidates:
        if word == query:
            return 3
        if len(query) >= 2 and word.startswith(query):
            best = max(best, 2)
        elif fuzzy and best == 0 and _near(query, word):
            best = 1
    return best


# Words a request is wrapped in; found, they count, but a procedure need not have them.
# Folded, with y read as i like every indexed word.
FILLERS = frozenset(
    _key(word)
    for word in (
        "lam xin muon toi em minh can cho giay to thu tuc ho so o dau nhu the nao "
        "cach huong dan nop online truc tuyen de va cua thi bao nhieu mat gi"
    ).split()
)


def _contains_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


MEMO_SIZE = 4096
"""Rankings kept per index: people search for the same few procedures over and over."""


class ProcedureIndex:
    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        # Every indexed word, sorted: whether a query word is known (as a word or the
        # start of one) is a bisection.
        self._vocabulary = sorted(
            {w for e in entries for w in e.name_tokens}
            | {w for e in entries for w in e.other_tokens}
        )
        # Folded words -> ranked ids. The index never changes (a new catalog makes a new
        # index), so neither does a ranking; scoring every entry was most of a search.
        self._ranked: dict[tuple[str, ...], tuple[int, ...]] = {}

    def search(self, query: str, *, limit: int | None = None) -> list[int]:
        """Procedure ids best first. An empty query matches nothing."""
        words = tuple(_key(t) for t in tokens(query))
        if not words:
            return []
        ids = self._ranked.get(words)
        if ids is None:
            ids = self._rank(list(words))
            if len(self._ranked) >= MEMO_SIZE:
                self._ranked.clear()  # a flood of distinct queries: start again
            self._ranked[words] = ids
        return list(ids[:limit] if limit is not None else ids)

    def _known(self, word: str) -> bool:
        """Some procedure has ``word``, or a word starting with it."""
        at = bisect_left(self._vocabulary, word)
        return at < len(self._vocabulary) and self._vocabulary[at].startswith(word)

    def _rank(self, words: list[str]) -> tuple[int, ...]:
        fuzzy = [not self._known(word) for word in words]
        # A query of nothing but fillers ("giấy tờ") means those words.
        optional = [word in FILLERS for word in words]
        if all(optional):
            optional = [False] * len(words)
        scored: list[tuple[float, int, str, int]] = []
        for entry in self.entries:
            score = self._score(entry, words, fuzzy, optional)
            if score > 0:
                scored.append((-score, entry.name_length, entry.code, entry.pk))
        scored.sort()
        return tuple(pk for *_, pk in scored)

    @staticmethod
    def _score(entry: Entry, words: list[str], fuzzy: list[bool], optional: list[bool]) -> float:
        if len(words) == 1 and words[0] == entry.code.replace(".", " "):
            return 100.0
        total = 0.0
        for word, loose, spare in zip(words, fuzzy, optional, strict=True):
            if spare:
                # "làm giấy khai sinh" means registering a birth, not the procedure whose
                # name happens to hold "giấy": a wrapping word ranks only where the
                # catalog put it in the keywords ("làm căn cước"), and only a little.
                total += 0.5 if word in entry.other_tokens else 0.0
                continue
            in_name = _token_score(word, entry.name_tokens, fuzzy=loose)
            in_other = _token_score(word, entry.other_tokens, fuzzy=loose) if in_name < 3 else 0
            best = max(in_name * 2, in_other)
            if best == 0:
                return 0.0  # every word of the query must be found somewhere
            total += best
        wanted = [word for word, spare in zip(words, optional, strict=True) if not spare]
        if len(wanted) > 1 and _contains_phrase(entry.name_tokens, wanted):
            total += 4 * len(wanted)
        return total


# Many official names start with "Thủ tục ..."; the words carry no meaning for ranking and
# would make "Thủ tục đăng ký khai tử" lose to the longer-named "Đăng ký lại khai tử".
_NAME_PREFIX = ("thu", "tuc")


def build_entries(rows: Iterable[tuple[int, str, str, str, str]]) -> list[Entry]:
    entries = []
    for pk, code, name, keywords, sector in rows:
        name_tokens = tuple(_key(t) for t in tokens(name))
        other = frozenset(_key(t) for t in tokens(f"{code} {keywords} {sector}"))
        if name_tokens[:2] == _NAME_PREFIX and len(name_tokens) > 2:
            name_tokens = name_tokens[2:]
            other |= frozenset(_NAME_PREFIX)
        entries.append(Entry(pk, code, name_tokens, other, len(name_tokens)))
    return entries


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: ProcedureIndex | None = None
        self.revision: tuple[object, ...] | None = None
        self.checked_at = 0.0
        # Bumped whenever the index is rebuilt or forgotten: caches built from the same
        # catalog (the public rows in ``selectors``) key on it.
        self.epoch = 0


_cache = _Cache()


def _revision() -> tuple[object, ...]:
    from motcua.catalog.models import Procedure, ProcedureVersion

    agg = Procedure.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    # A version published changes what is public, not the procedure row.
    versions = ProcedureVersion.objects.aggregate(n=Count("id"), last=Max("published_at"))
    return (agg["n"], agg["last"], versions["n"], versions["last"])


def procedure_index() -> ProcedureIndex:
    """The process-wide index, rebuilt when the catalog changed."""
    from motcua.catalog.models import Procedure

    now = time.monotonic()
    if _cache.index is not None and now - _cache.checked_at < REVISION_TTL:
        return _cache.index
    with _cache.lock:
        revision = _revision()
        if _cache.index is None or revision != _cache.revision:
            rows = Procedure.objects.values_list("pk", "code", "name", "keywords", "sector__name")
            _cache.index = ProcedureIndex(build_entries(rows))
            _cache.revision = revision
            _cache.epoch += 1
        _cache.checked_at = now
        return _cache.index


def invalidate() -> None:
    """Forget the index (tests, and after a bulk import in this process)."""
    with _cache.lock:
        _cache.index = None
        _cache.revision = None
        _cache.checked_at = 0.0
        _cache.epoch += 1


def catalog_epoch() -> int:
    """Changes whenever the catalog did (as seen by the last :func:`procedure_index`)."""
    return _cache.epoch
