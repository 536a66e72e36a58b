"""Every fixed phrase a template marks for translation has its English: a page switched
to English must not fall back to Vietnamese line by line. (The back office's pager once
went out with its five phrases untranslated; nothing caught it.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

import motcua

SOURCE = Path(motcua.__file__).parent
# {% translate "…" %} and {% translate '…' %} with a literal; any filter or "as" after it.
LITERAL = re.compile(r"""\{%\s*translate\s+(?:"([^"]*)"|'([^']*)')""")
# A {% blocktranslate %} without variables or plural: its text is the message itself.
PLAIN_BLOCK = re.compile(
    r"\{%\s*blocktranslate(\s+trimmed)?\s*%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S
)


def _phrases() -> dict[str, str]:
    found: dict[str, str] = {}
    for template in sorted(SOURCE.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        where = str(template.relative_to(SOURCE))
        for match in LITERAL.finditer(text):
            found.setdefault(match[1] if match[1] is not None else match[2], where)
        for match in PLAIN_BLOCK.finditer(text):
            body = match[2]
            if "{{" in body or "{%" in body:
                continue
            phrase = " ".join(body.split()) if match[1] else body
            found.setdefault(phrase, where)
    return found


PHRASES = _phrases()


def test_the_templates_mark_phrases() -> None:
    # The scan itself works: the pager's and the site's own phrases are found.
    assert "Trang sau" in PHRASES and "Hồ sơ của tôi" in PHRASES
    assert len(PHRASES) > 200


def test_every_marked_phrase_has_its_english() -> None:
    with translation.override("en"):
        missing = {
            phrase: where
            for phrase, where in PHRASES.items()
            if phrase.strip() and translation.gettext(phrase) == phrase
        }
    assert not missing, "\n".join(f"{where}: {phrase!r}" for phrase, where in missing.items())


@pytest.mark.parametrize("phrase", ["Xem hồ sơ cũ hơn", "Về trang đầu"])
def test_vietnamese_stays_the_default(phrase: str) -> None:
    assert translation.gettext(phrase) == phrase
