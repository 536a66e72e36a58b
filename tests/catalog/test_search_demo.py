"""The search promises of the catalog, held against the demo catalog itself: what a
citizen types without accents finds the procedure she means, first."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.catalog import search, selectors

CASES = [
    ("dang ky khai sinh", "1.001193"),
    ("Đăng ký khai sinh", "1.001193"),
    ("khai sinh", "1.001193"),
    ("DANG KY KHAI SINH", "1.001193"),
    ("dang ki khai sinh", "1.001193"),
    ("khai tu", "1.000656"),
    ("thu tuc dang ky khai tu", "1.000656"),
    ("dang ky ket hon", "1.000894"),
    ("dang ky thuong tru", "1.004222"),
    ("xoa dang ky thuong tru", "1.003197"),
    ("ly lich tu phap", "3.000333"),
    ("thanh lap ho kinh doanh", "1.001612"),
    ("giay phep xay dung", "1.013225"),
    ("chuyen truong", "2.002481"),
    # A dropped letter, and the words a request is wrapped in.
    ("khai snh", "1.001193"),
    ("dang ky ket hn", "1.000894"),
    ("lam giay khai sinh", "1.001193"),
    ("toi muon lam giay khai sinh cho con", "1.001193"),
    ("lam can cuoc o dau", "1.014061"),
]


@pytest.mark.django_db
def test_demo_catalog_search() -> None:
    # One test for all queries: loading the demo takes seconds, the queries milliseconds.
    call_command("load_demo", stdout=StringIO())
    search.invalidate()
    wrong = {}
    for query, code in CASES:
        found = selectors.search_procedures(selectors.ProcedureFilters(q=query))
        if not found or found[0].code != code:
            wrong[query] = [(p.code, p.name) for p in found[:3]]
    assert wrong == {}


@pytest.mark.django_db
def test_a_known_word_is_not_read_as_a_typo_of_another() -> None:
    # "sinh" is a word of the catalog: it does not also find "kinh" (hộ kinh doanh).
    call_command("load_demo", stdout=StringIO())
    search.invalidate()
    found = selectors.search_procedures(selectors.ProcedureFilters(q="dang ky khai sinh"))
    assert found and all("khai sinh" in p.name.lower() for p in found)
