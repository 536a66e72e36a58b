"""Citizens type procedure names with or without accents, in any case, with small typos."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import Settings

from motcua.catalog import search, selectors
from motcua.core.text import fold
from tests.catalog.factories import real_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index() -> None:
    search.invalidate()


def first_code(q: str) -> str | None:
    found = selectors.search_procedures(selectors.ProcedureFilters(q=q))
    return found[0].code if found else None


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sinh",
        "Đăng ký khai sinh",
        "khai sinh",
        "DANG KY KHAI SINH",
        "đăng kí khai sinh",
        "dang ki khai sinh",
        "dang ky khia sinh",
    ],
)
def test_birth_registration_comes_first(query: str) -> None:
    real_catalog()
    assert first_code(query) == "1.001193"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("thuong tru", "1.004222"),
        ("xoa dang ky thuong tru", "1.003197"),
        ("ket hon", "1.000894"),
        ("khai tu", "1.000656"),
        ("ly lich tu phap", "3.000333"),
        ("LÝ LỊCH TƯ PHÁP", "3.000333"),
        ("giay phep xay dung", "1.013225"),
        ("ho kinh doanh", "1.001612"),
        ("chung thuc ban sao", "2.000815"),
        ("1.000894", "1.000894"),
    ],
)
def test_each_procedure_is_found_without_accents(query: str, code: str) -> None:
    real_catalog()
    assert first_code(query) == code


def test_words_that_match_nothing_find_nothing() -> None:
    real_catalog()
    assert selectors.search_procedures(selectors.ProcedureFilters(q="khai sinh xyzzyq")) == []
    assert selectors.search_procedures(selectors.ProcedureFilters(q="!!!")) == []


def test_new_procedures_are_searchable_after_the_revision_check(settings: Settings) -> None:
    real_catalog()
    assert first_code("tam tru") == "1.004194"
    from tests.catalog.factories import procedure

    procedure("1.002755", "Gia hạn tạm trú", "Đăng ký, quản lý cư trú")
    search._cache.checked_at = 0.0  # the TTL has passed
    assert first_code("gia han tam tru") == "1.002755"


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ ", max_size=40
    )
)
def test_folding_is_idempotent_and_ascii(text: str) -> None:
    folded = fold(text)
    assert folded == fold(folded)
    assert folded.isascii()
    assert "đ" not in folded


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("khai", "khia", True),
        ("khai", "kha", True),
        ("sinh", "sinhh", True),
        ("khai", "khoi", True),
        ("khai", "kiao", False),
        ("tru", "tu", True),
    ],
)
def test_one_edit_distance(a: str, b: str, near: bool) -> None:
    assert search._within_one_edit(a, b) is near


def test_a_version_published_later_makes_the_procedure_findable() -> None:
    real_catalog()
    from tests.catalog.factories import procedure

    draft = procedure("1.002755", "Gia hạn tạm trú", "Đăng ký, quản lý cư trú", publish=False)
    assert first_code("gia han tam tru") != "1.002755"  # not public yet
    from motcua.catalog.services import version_publish

    version_publish(version=draft.versions.get(), actor=None)
    search._cache.checked_at = 0.0  # the TTL has passed
    assert first_code("gia han tam tru") == "1.002755"


def test_rankings_are_kept_per_index_and_forgotten_when_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [(1, "1.1", "Đăng ký khai sinh", "", "Hộ tịch"), (2, "1.2", "Đăng ký kết hôn", "", "")]
    index = search.ProcedureIndex(search.build_entries(rows))
    ranked: list[list[str]] = []
    score = index._rank

    def counted_rank(words: list[str]) -> tuple[int, ...]:
        ranked.append(words)
        return score(words)

    monkeypatch.setattr(index, "_rank", counted_rank)
    assert index.search("dang ky") == [1, 2]
    assert index.search("Đăng  KÝ", limit=1) == index.search("dang ky")[:1]
    assert len(ranked) == 1  # the same words, folded, are ranked once
    returned = index.search("dang ky")
    returned.clear()  # a caller's list is its own
    assert index.search("dang ky")
    monkeypatch.setattr(search, "MEMO_SIZE", 2)
    for query in ("khai sinh", "ket hon", "hon"):
        index.search(query)
    assert len(index._ranked) <= 2
    assert index.search("ket hon") == [2]
    # A new catalog is a new index, with nothing kept from the old one.
    other = search.ProcedureIndex(search.build_entries(rows[:1]))
    assert other.search("dang ky") == [1]


@pytest.mark.parametrize(
    ("short", "word", "near"),
    [
        ("snh", "sinh", True),
        ("hn", "hon", True),
        ("sih", "sinh", True),
        ("inh", "sinh", False),
        ("snh", "sanh", True),
        ("sn", "sinh", False),
        ("h", "ho", False),
    ],
)
def test_short_words_tolerate_one_dropped_letter_not_the_first(
    short: str, word: str, near: bool
) -> None:
    assert search._near(short, word) is near


@given(st.lists(st.sampled_from(sorted(search.FILLERS)), min_size=1, max_size=4))
def test_wrapping_words_alone_are_still_searched_for(words: list[str]) -> None:
    entries = search.build_entries(
        [(1, "9.000001", " ".join(words), "", ""), (2, "9.000002", "khai tu", "", "")]
    )
    index = search.ProcedureIndex(entries)
    assert index.search(" ".join(words)) == [1]
    # Beside real words they are not required.
    assert index.search(" ".join([*words, "khai", "tu"])) == [2]
