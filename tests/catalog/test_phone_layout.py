"""Catalog pages on a 360-px phone: tables become one card per row whose values carry
their column's name, and the QR code that opens the page on a phone is not shown on one.

The layout itself is drawn by the browser; here we check what it is drawn from: the
cells' labels in the pages and the small-screen rules in the style sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from motcua.catalog import search
from motcua.organizations.models import Agency
from tests.catalog.factories import procedure

pytestmark = pytest.mark.django_db


@dataclass
class Table:
    classes: list[str]
    heads: list[str]
    rows: list[list[str | None]]


CSS = Path(__file__).resolve().parents[2] / "src/motcua/portal/static/portal/site.css"


class Tables(HTMLParser):
    """Each table's class, header texts and, per body row, each cell's ``data-label``."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._in_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.tables.append(Table(str(found.get("class") or "").split(), [], []))
        elif tag == "th":
            self._in_th = True
            self.tables[-1].heads.append("")
        elif tag == "tr" and self.tables[-1].heads:  # a body row: the head row has no th yet
            self.tables[-1].rows.append([])
        elif tag == "td":
            self.tables[-1].rows[-1].append(found.get("data-label"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if self._in_th:
            self.tables[-1].heads[-1] += data.strip()


def tables_of(html: str) -> list[Table]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def small_screen_rules() -> str:
    """The rules of every ``@media (max-width: N px)`` block that applies at 360 px."""
    css = CSS.read_text(encoding="utf-8")
    out = []
    for match in re.finditer(r"@media\s*\(max-width:\s*(\d+)px\)\s*\{", css):
        if int(match[1]) < 360:
            continue
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        out.append(css[match.end() : end - 1])
    return "\n".join(out)


def rule(rules: str, selector: str) -> str:
    found = re.findall(rf"(?:^|[}}\n])\s*{re.escape(selector)}\s*\{{([^}}]*)\}}", rules)
    assert found, f"no small-screen rule for {selector}"
    return " ".join(found)


@pytest.fixture
def web() -> Client:
    search.invalidate()
    return Client(HTTP_HOST="127.0.0.1")


def test_each_required_document_value_carries_its_column_name(
    web: Client, commune_agency: Agency
) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    html = web.get("/thu-tuc/1.001193/").content.decode()

    [documents] = [t for t in tables_of(html) if "documents" in t.classes]
    assert "stacked" in documents.classes and documents.rows
    for cells in documents.rows:
        # The number and the document's name need no label; the others say what they are.
        assert cells[:2] == [None, None]
        assert cells[2:] == documents.heads[2:] == ["Bản chính", "Bản sao", "Yêu cầu"]


def test_the_changes_list_labels_every_value(web: Client, commune_agency: Agency) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    html = web.get("/thu-tuc-thay-doi/").content.decode()

    [changes] = tables_of(html)
    assert "stacked" in changes.classes and changes.rows
    assert all(cells == changes.heads for cells in changes.rows)


def test_the_qr_for_opening_the_page_on_a_phone_is_marked_for_other_screens(
    web: Client, commune_agency: Agency
) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    html = web.get("/thu-tuc/1.001193/").content.decode()
    figure = re.search(r'<figure class="([^"]*)"[^>]*>.*?</figure>', html, re.S)
    assert figure and "Quét mã để mở trên điện thoại" in figure[0]
    assert "qr-for-other-screens" in figure[1].split()


def test_on_a_small_screen_the_qr_is_hidden_and_tables_are_cards() -> None:
    rules = small_screen_rules()
    assert "display: none" in rule(rules, ".qr-for-other-screens")
    assert "display: flex" in rule(rules, "table.stacked tr")
    label = rule(rules, "table.stacked td[data-label]::before")
    assert "attr(data-label)" in label
    # The header row stays for screen readers, out of sight rather than removed.
    head = rule(rules, "table.stacked thead")
    assert "display: none" not in head and "position: absolute" in head
