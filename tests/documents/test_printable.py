"""Which characters a document can print: the answer the declaration, the counter form and
the signing page rely on to refuse text that would vanish from the PDF."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motcua.documents.pdf.fonts import describe_unprintable, printable_codepoints, unprintable

PRINTABLE = sorted(printable_codepoints())
printable_text = st.text(alphabet=st.sampled_from([chr(c) for c in PRINTABLE]))
foreign = st.characters(exclude_categories=["Cs"], exclude_characters=[chr(c) for c in PRINTABLE])


def test_every_vietnamese_letter_and_the_slips_symbols_print() -> None:
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
    letters += "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    assert unprintable(letters + letters.upper() + "₫№–…“”") == ""


@given(printable_text)
def test_text_made_of_printable_characters_prints(text: str) -> None:
    assert unprintable(text) == ""


@given(printable_text, foreign, printable_text)
def test_a_character_without_a_glyph_is_found_wherever_it_is(
    before: str, odd: str, after: str
) -> None:
    missing = unprintable(before + odd + after + odd)
    assert missing == odd
    assert describe_unprintable(missing) == f"«{odd}»"
