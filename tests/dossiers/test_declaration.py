"""Declaration checks beyond plain JSON Schema: dates and years of past events cannot be in
the future, a year agrees with the full date beside it, and every character prints."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from motcua.documents.pdf.fonts import printable_codepoints
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.services.declaration import declaration_validate

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "child": {
            "type": "object",
            "properties": {
                "birth_date": {
                    "type": "string",
                    "format": "date",
                    "x-past": True,
                    "title": "Ngày, tháng, năm sinh",
                }
            },
        },
        "appointment": {"type": "string", "format": "date", "title": "Ngày hẹn"},
    },
}


@time_machine.travel("2026-11-18 23:30 +0700", tick=False)  # 16:30 UTC: still the 18th here
@pytest.mark.parametrize("day", ["2026-11-18", "2026-11-17", "1950-01-01"])
def test_today_and_earlier_are_accepted(day: str) -> None:
    declaration_validate({"child": {"birth_date": day}}, SCHEMA)


@time_machine.travel("2026-11-18 23:30 +0700", tick=False)
def test_a_birth_tomorrow_is_refused_and_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"child": {"birth_date": "2026-11-19"}}, SCHEMA)
    assert refused.value.field == "declaration.child.birth_date"
    assert str(refused.value) == "«Ngày, tháng, năm sinh» không được sau ngày hôm nay."


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_dates_without_the_keyword_may_be_in_the_future() -> None:
    declaration_validate({"appointment": "2027-01-01"}, SCHEMA)


def test_every_demo_date_field_is_a_past_event() -> None:
    from motcua.catalog.data.build_demo_catalog import OUTPUT

    text = OUTPUT.read_text(encoding="utf-8")
    dates = text.count('"format": "date"')
    years = text.count('"title": "Năm sinh"')
    assert dates + years == text.count('"x-past": true') > dates > 0


PARENT: dict[str, Any] = {
    "type": "object",
    "properties": {
        "mother": {
            "type": "object",
            "properties": {
                "full_name": {"type": "string", "title": "Họ, chữ đệm, tên"},
                "birth_year": {"type": "integer", "title": "Năm sinh", "x-past": True},
                "birth_date": {
                    "type": "string",
                    "format": "date",
                    "title": "Ngày, tháng, năm sinh",
                },
            },
            "x-same-year": ["birth_year", "birth_date"],
        }
    },
}


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_a_birth_year_after_this_year_is_refused() -> None:
    declaration_validate({"mother": {"birth_year": 2026}}, PARENT)
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"mother": {"birth_year": 2050}}, PARENT)
    assert refused.value.field == "declaration.mother.birth_year"
    assert str(refused.value) == "«Năm sinh» không được sau năm nay."


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_a_birth_year_must_agree_with_the_birth_date() -> None:
    declaration_validate({"mother": {"birth_year": 1990, "birth_date": "1990-05-02"}}, PARENT)
    declaration_validate({"mother": {"birth_year": 1990}}, PARENT)
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"mother": {"birth_year": 1991, "birth_date": "1990-05-02"}}, PARENT)
    assert refused.value.field == "declaration.mother.birth_year"
    assert str(refused.value) == ("«Năm sinh» không khớp với năm trong «Ngày, tháng, năm sinh».")


@pytest.mark.parametrize("name", ["Nguyễn Văn 😀", "Lý 李", "Nguyễn\x00An"])
def test_a_character_the_documents_cannot_print_is_refused_and_named(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"mother": {"full_name": name}}, PARENT)
    assert refused.value.field == "declaration.mother.full_name"
    message = str(refused.value)
    assert message.startswith("«Họ, chữ đệm, tên» có ký tự không in được trên giấy tờ: «")
    assert name[-1] in message or "\x00" in name


def test_vietnamese_and_latin_names_print() -> None:
    for name in ("NGUYỄN THỊ HOA", "Đặng Ngọc Ánh", "Müller-Lüdenscheidt", "O'Brien, Zoë"):
        declaration_validate({"mother": {"full_name": name, "note": "Dòng 1\nDòng 2"}}, {})


CHILD: dict[str, Any] = {
    "type": "object",
    "properties": {
        "child": {
            "type": "object",
            "properties": {
                "birth_date": {"type": "string", "format": "date", "title": "Ngày sinh"},
                "birth_date_in_words": {"type": "string", "title": "Ngày sinh ghi bằng chữ"},
            },
            "x-date-words": ["birth_date_in_words", "birth_date"],
        }
    },
}


def test_a_date_in_words_that_says_another_day_is_refused_with_the_right_words() -> None:
    declaration_validate(
        {
            "child": {
                "birth_date": "2026-03-05",
                "birth_date_in_words": "ngay nam thang ba nam hai nghin khong tram hai muoi sau",
            }
        },
        CHILD,
    )
    with pytest.raises(InvalidInput) as refused:
        declaration_validate(
            {
                "child": {
                    "birth_date": "2026-03-05",
                    "birth_date_in_words": "Ngày mười tháng mười hai năm hai nghìn",
                }
            },
            CHILD,
        )
    assert refused.value.field == "declaration.child.birth_date_in_words"
    assert str(refused.value) == (
        "«Ngày sinh ghi bằng chữ» không khớp với «Ngày sinh» (05/03/2026). Viết là: «Ngày năm "
        "tháng ba năm hai nghìn không trăm hai mươi sáu», hoặc để trống để hệ thống tự ghi."
    )


def test_left_empty_the_words_are_written_for_the_documents() -> None:
    from motcua.dossiers.services.declaration_keywords import declaration_derived

    sent = {"child": {"birth_date": "2026-11-20"}}
    derived = declaration_derived(sent, CHILD)
    assert derived["child"]["birth_date_in_words"] == (
        "Ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi sáu."
    )
    assert sent == {"child": {"birth_date": "2026-11-20"}}  # what was sent stays as sent


def _birth() -> dict[str, Any]:
    from motcua.catalog.data.forms import birth_registration

    return birth_registration()


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
@pytest.mark.parametrize(
    ("mother", "field"),
    [
        ({"full_name": "Trần Thị Mai", "birth_date": "2026-06-01"}, "mother.birth_date"),
        ({"full_name": "Trần Thị Mai", "birth_year": 2025}, "mother.birth_year"),
        (
            {"full_name": "Trần Thị Mai", "birth_date": "2015-03-06"},
            "mother.birth_date",
        ),  # 10 years old
    ],
)
def test_a_parent_is_born_well_before_the_child(mother: dict[str, Any], field: str) -> None:
    declaration = {"child": {"birth_date": "2026-03-05"}, "mother": mother}
    with pytest.raises(InvalidInput) as refused:
        _validate_part(declaration)
    assert refused.value.field == f"declaration.{field}"
    assert "phải sớm hơn «Người được khai sinh – Ngày, tháng, năm sinh» ít nhất 12 năm" in str(
        refused.value
    )
    assert str(refused.value).startswith("«Người mẹ – ")


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_a_plausible_family_passes() -> None:
    _validate_part(
        {
            "child": {"birth_date": "2026-03-05"},
            "mother": {"full_name": "Trần Thị Mai", "birth_date": "2014-03-05", "birth_year": 2014},
            "father": {
                "full_name": "Lê Văn Nam",
                "birth_year": 1990,
                "identity_number": "001090001234",
            },
        }
    )


def test_a_mother_s_identity_number_is_a_woman_s() -> None:
    with pytest.raises(InvalidInput) as refused:
        _validate_part({"mother": {"full_name": "Trần Thị Mai", "identity_number": "001090001234"}})
    assert refused.value.field == "declaration.mother.identity_number"
    assert str(refused.value).startswith(
        "«Người mẹ – Số định danh cá nhân» là số định danh của một người nam"
    )
    _validate_part({"mother": {"full_name": "Trần Thị Mai", "identity_number": "001190012345"}})


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("999090001234", "Ba chữ số đầu của số định danh (999) không phải mã tỉnh hợp lệ."),
        ("001290001234", "Năm sinh trong số định danh (2090) ở tương lai."),
        ("001890001234", "Chữ số thứ tư của số định danh (mã thế kỷ và giới tính) không hợp lệ."),
    ],
)
def test_an_identity_number_the_registration_would_refuse_is_refused_here_too(
    number: str, reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _validate_part({"mother": {"full_name": "Trần Thị Mai", "identity_number": number}})
    assert refused.value.field == "declaration.mother.identity_number"
    assert str(refused.value) == f"«Người mẹ – Số định danh cá nhân»: {reason}"


def _validate_part(declaration: dict[str, Any]) -> None:
    """The birth form's own checks on just these blocks (its other required fields
    left out)."""
    schema = {**_birth(), "required": []}
    schema["properties"] = {
        **schema["properties"],
        "child": {**schema["properties"]["child"], "required": []},
    }
    declaration_validate(declaration, schema)


NAMED: dict[str, Any] = {
    "type": "object",
    "properties": {"full_name": {"type": "string", "title": "Họ tên", "x-person-name": True}},
}


@pytest.mark.parametrize(
    "name",
    ["NGUYỄN THỊ HOA", "Lò Văn Pó", "H'Hen Niê", "Jean-Luc O'Brien", "Ksor H’Bia", "Đỗ  An"],
)
def test_names_of_people_pass(name: str) -> None:
    declaration_validate({"full_name": name}, NAMED)


@pytest.mark.parametrize("name", ["A", "<b>x</b>", "Nguyễn Văn 2", "An_Bình", "@@", "- -"])
def test_what_is_no_one_s_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"full_name": name}, NAMED)
    assert str(refused.value).startswith("«Họ tên» chỉ gồm chữ cái (có dấu)")


PRINTABLE_LETTERS = sorted(
    chr(c) for c in printable_codepoints() if chr(c).isalpha() and chr(c).isidentifier()
)


@given(st.text(alphabet=st.sampled_from(PRINTABLE_LETTERS), min_size=2, max_size=30))
def test_any_run_of_printable_letters_is_a_name(word: str) -> None:
    declaration_validate({"full_name": word}, NAMED)


def test_a_date_in_words_written_in_digits_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        declaration_validate(
            {
                "child": {
                    "birth_date": "2026-05-10",
                    "birth_date_in_words": "Ngày 10 tháng 5 năm 2026",
                }
            },
            CHILD,
        )
    assert "Viết là: «Ngày mười tháng năm năm hai nghìn không trăm hai mươi sáu»" in str(
        refused.value
    )


def test_a_parent_s_identity_number_agrees_with_the_year_of_birth() -> None:
    # 001 1 92 …: a woman born in 1992.
    _validate_part(
        {
            "mother": {
                "full_name": "Trần Thị Mai",
                "identity_number": "001192004567",
                "birth_year": 1992,
            }
        }
    )
    with pytest.raises(InvalidInput) as refused:
        _validate_part(
            {
                "mother": {
                    "full_name": "Trần Thị Mai",
                    "identity_number": "001192004567",
                    "birth_year": 1985,
                }
            }
        )
    assert refused.value.field == "declaration.mother.identity_number"
    assert str(refused.value).startswith(
        "«Người mẹ – Số định danh cá nhân» là số của người sinh năm 1992"
    )
    assert "«Người mẹ – Năm sinh» đã khai" in str(refused.value)


@pytest.mark.parametrize(
    ("kin", "number", "sex"),
    [
        ("mẹ", "001092001234", "nam"),  # fourth digit 0: a man born in the 1900s
        ("Mẹ đẻ", "001201001234", "nam"),  # 2: a man born in the 2000s
        ("bố", "001192001234", "nữ"),
        ("Con trai", "001301001234", "nữ"),
    ],
)
def test_a_requester_s_kinship_agrees_with_the_sex_of_the_number(
    kin: str, number: str, sex: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _validate_part(
            {
                "requester": {
                    "full_name": "Trần Thị Mai",
                    "relationship": kin,
                    "identity_number": number,
                }
            }
        )
    assert refused.value.field == "declaration.requester.identity_number"
    assert str(refused.value) == (
        f"«Người yêu cầu – Số định danh cá nhân» là số định danh của một người {sex} (chữ số "
        f"thứ tư cho biết giới tính), trong khi «Người yêu cầu – Quan hệ với người được khai "
        f"sinh» ghi là «{kin}». Hãy kiểm tra lại một trong hai."
    )


def test_a_long_kinship_is_quoted_shortened_in_the_message() -> None:
    kin = "mẹ " * 100
    with pytest.raises(InvalidInput) as refused:
        _validate_part(
            {
                "requester": {
                    "full_name": "Trần Thị Mai",
                    "relationship": kin.strip(),
                    "identity_number": "001092001234",
                }
            }
        )
    message = str(refused.value)
    assert "ghi là «mẹ mẹ mẹ mẹ mẹ mẹ mẹ mẹ mẹ mẹ mẹ mẹ mẹ…». Hãy kiểm tra" in message
    assert len(message) < 300


def test_a_text_the_schema_leaves_unbounded_is_bounded_all_the_same() -> None:
    from motcua.dossiers.services.declaration import TEXT_CEILING

    schema = {"type": "object", "properties": {"note": {"type": "string", "title": "Ghi chú"}}}
    declaration_validate({"note": "x" * TEXT_CEILING}, schema)
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"note": "x" * (TEXT_CEILING + 1)}, schema)
    assert str(refused.value) == "«Ghi chú» không được dài quá 5000 ký tự."
    assert refused.value.field == "declaration.note"
    # A schema that allows more is obeyed.
    wide = {"type": "object", "properties": {"note": {"type": "string", "maxLength": 9000}}}
    declaration_validate({"note": "x" * 8000}, wide)


@pytest.mark.parametrize(
    ("kin", "number"),
    [
        ("mẹ", "001192001234"),
        ("cha", "001092001234"),
        ("con", "001092001234"),  # says no sex
        ("người được ủy quyền", "001192001234"),
        ("bác", "001092001234"),
        ("mẹ", ""),  # no number given: nothing to compare
    ],
)
def test_kinship_that_agrees_or_says_no_sex_passes(kin: str, number: str) -> None:
    requester = {"full_name": "Trần Thị Mai", "relationship": kin}
    if number:
        requester["identity_number"] = number
    _validate_part({"requester": requester})


@given(
    st.sampled_from([("mẹ", "Nữ"), ("bà", "Nữ"), ("chị", "Nữ"), ("bố", "Nam"), ("ông", "Nam")]),
    st.text(max_size=30),
)
def test_a_kinship_word_says_its_sex_whatever_follows(kin: tuple[str, str], tail: str) -> None:
    from motcua.dossiers.services.declaration_keywords import kin_sex

    word, sex = kin
    assert kin_sex(f"{word.capitalize()} {tail}") == sex
    assert kin_sex(f"{tail} {word}") in (None, "Nam", "Nữ")


TIMED: dict[str, Any] = {
    "type": "object",
    "properties": {"death_time": {"type": "string", "format": "time", "title": "Giờ chết"}},
}


@pytest.mark.parametrize("given_time", ["14:30", "14:30:00", "14:30:00+07:00", "00:05"])
def test_a_time_of_day_is_taken_as_people_and_the_form_write_it(given_time: str) -> None:
    declaration_validate({"death_time": given_time}, TIMED)


@pytest.mark.parametrize("given_time", ["25:00", "14h30", "2 giờ chiều", "14:30:00+25:00"])
def test_a_time_that_is_not_one_is_refused_in_vietnamese(given_time: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"death_time": given_time}, TIMED)
    assert str(refused.value) == "«Giờ chết» không đúng định dạng giờ:phút (ví dụ 14:30)."


def test_the_death_form_takes_the_time_its_own_field_writes() -> None:
    """The portal's field turns «14:30» into the value the schema is checked against."""
    from motcua.catalog.data.forms import death_registration
    from motcua.portal.forms_schema import _convert

    schema = death_registration()
    prop = schema["properties"]["death_time"]
    value, problem = _convert(prop, "14:30", "Giờ chết")
    assert problem == ""
    declaration_validate({"death_time": value}, {**schema, "required": []})


def _death_part(declaration: dict[str, Any]) -> None:
    from motcua.catalog.data.forms import death_registration

    schema = death_registration()
    parts = {
        key: {**prop, "required": []} if prop.get("type") == "object" else prop
        for key, prop in schema["properties"].items()
    }
    declaration_validate(declaration, {**schema, "properties": parts, "required": []})


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_no_one_dies_before_being_born() -> None:
    with pytest.raises(InvalidInput) as refused:
        _death_part({"deceased": {"birth_date": "1935-05-05"}, "death_date": "1930-01-01"})
    assert refused.value.field == "declaration.deceased.birth_date"
    assert str(refused.value) == (
        "«Người đã chết – Ngày, tháng, năm sinh» không được sau «Ngày chết». Hãy kiểm tra lại "
        "các ngày đã khai."
    )
    _death_part({"deceased": {"birth_date": "1935-05-05"}, "death_date": "1935-05-05"})


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_a_death_notice_does_not_precede_the_death() -> None:
    with pytest.raises(InvalidInput) as refused:
        _death_part({"death_date": "2026-11-01", "death_notice": {"issued_on": "2026-10-01"}})
    assert refused.value.field == "declaration.death_date"
    assert "không được sau «Giấy báo tử – Ngày cấp»" in str(refused.value)
    _death_part({"death_date": "2026-11-01", "death_notice": {"issued_on": "2026-11-02"}})


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
@pytest.mark.parametrize(
    ("side", "born", "ok"),
    [
        ("bride", "2008-11-18", True),  # 18 today
        ("bride", "2008-11-19", False),  # 18 tomorrow
        ("bride", "2010-06-15", False),
        ("groom", "2006-11-18", True),
        ("groom", "2008-01-01", False),  # 18: old enough for a bride, not a groom
    ],
)
def test_the_marriage_ages_of_the_law(side: str, born: str, ok: bool) -> None:
    from motcua.catalog.data.forms import marriage_registration

    schema = {**marriage_registration(), "required": []}
    schema["properties"] = {
        **schema["properties"],
        side: {**schema["properties"][side], "required": []},
    }
    declaration = {side: {"birth_date": born}}
    if ok:
        declaration_validate(declaration, schema)
        return
    with pytest.raises(InvalidInput) as refused:
        declaration_validate(declaration, schema)
    years = 18 if side == "bride" else 20
    assert refused.value.field == f"declaration.{side}.birth_date"
    assert f"người này chưa đủ {years} tuổi" in str(refused.value)


def _deceased(person: dict[str, Any]) -> None:
    """The death form's checks on just the deceased's block (other required fields left
    out)."""
    from motcua.catalog.data.forms import death_registration

    schema = {**death_registration(), "required": []}
    deceased = {**schema["properties"]["deceased"], "required": []}
    schema["properties"] = {**schema["properties"], "deceased": deceased}
    declaration_validate({"deceased": person}, schema)


@pytest.mark.parametrize(
    ("sex", "number", "held"),
    [
        ("Nữ", "001090001234", "nam"),  # fourth digit 0: a man born in the 1900s
        ("Nam", "001190001234", "nữ"),
        ("Nữ", "001201001234", "nam"),  # 2: a man born in the 2000s
    ],
)
def test_the_deceased_s_sex_is_the_one_their_number_says(sex: str, number: str, held: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _deceased({"full_name": "Trần Văn Bình", "sex": sex, "identity_number": number})
    assert refused.value.field == "declaration.deceased.identity_number"
    assert str(refused.value) == (
        f"«Người đã chết – Số định danh cá nhân» là số định danh của một người {held} (chữ số "
        f"thứ tư cho biết giới tính), trong khi «Người đã chết – Giới tính» ghi là «{sex}». "
        "Hãy kiểm tra lại một trong hai."
    )
    matching = "Nam" if held == "nam" else "Nữ"
    _deceased({"full_name": "Trần Văn Bình", "sex": matching, "identity_number": number})
    _deceased({"full_name": "Trần Văn Bình", "sex": sex})  # no number: nothing to compare


def test_each_member_moving_with_a_household_is_checked_too() -> None:
    from motcua.catalog.data.forms import residence_change

    schema = {**residence_change(), "required": []}
    member = {"full_name": "Lê Thị Ánh", "birth_date": "2001-02-03", "relationship_to_head": "con"}
    declaration_validate(
        {"members": [{**member, "sex": "Nữ", "identity_number": "001301001234"}]}, schema
    )
    with pytest.raises(InvalidInput) as refused:
        declaration_validate(
            {"members": [{**member, "sex": "Nam", "identity_number": "001301001234"}]}, schema
        )
    assert refused.value.field == "declaration.members.0.identity_number"
    assert "là số định danh của một người nữ" in str(refused.value)
