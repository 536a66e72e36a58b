"""motcua's own JSON Schema keywords for declarations: checks a plain schema cannot say
(a date not in the future, a parent born before the child, an identity number of the
right sex and year, a date in words that says the date), and what the system writes in
for the person (``declaration_derived``). Validators other than motcua's ignore unknown
``x-`` keywords, so schemas stay portable. The README lists them for agencies writing
schemas; the refusals' wording is ``declaration``'s."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils import timezone
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as SchemaViolation

from motcua.core.date_words import date_in_words, parse_date_words
from motcua.core.validators import identity_birth_year, identity_sex, is_person_name


def _past(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-past": true``: a date of something that has happened cannot be after today
    (Vietnam time), nor a year (an integer) after this year. Unparseable dates are left
    to ``format``."""
    if not wanted:
        return
    today = timezone.localdate()
    if isinstance(instance, int) and not isinstance(instance, bool):
        if instance > today.year:
            yield SchemaViolation(f"{instance} is a future year")
        return
    if not isinstance(instance, str):
        return
    try:
        day = date.fromisoformat(instance)
    except ValueError:
        return
    if day > today:
        yield SchemaViolation(f"{instance} is in the future")


def _age_at_least(
    validator: Any, years: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-age-at-least": 18`` on a birth date: the person has had that birthday by today
    (Vietnam time), as a rule of the procedure asks (marriage: 18 for women, 20 for men).
    Unparseable dates are left to ``format``."""
    if not isinstance(years, int) or not isinstance(instance, str):
        return
    try:
        born = date.fromisoformat(instance)
    except ValueError:
        return
    today = timezone.localdate()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < years:
        yield SchemaViolation(f"born {instance}: {age} years old, under {years}")


def _same_year(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-same-year": ["birth_year", "birth_date"]``: when an object gives both a year
    and a full date, they agree. Reported at the year."""
    if not (isinstance(wanted, list) and len(wanted) == 2 and isinstance(instance, dict)):
        return
    year_key, date_key = wanted
    year, text = instance.get(year_key), instance.get(date_key)
    if not isinstance(year, int) or not isinstance(text, str):
        return
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return
    if day.year != year:
        yield SchemaViolation(f"{year} is not the year of {text}", path=[year_key])


def _at(instance: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(instance, dict):
            return None
        instance = instance.get(part)
    return instance


def _as_day(value: Any) -> date | int | None:
    """A year (integer) or an ISO date, as given."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _earlier(
    validator: Any, rules: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-earlier": [["mother.birth_date", "child.birth_date", 10], …]``: the first
    (a date or a year) comes at least that many years before the second: a parent is
    born before the child. Years are compared as years. Reported at the first."""
    if not isinstance(rules, list):
        return
    for rule in rules:
        if not (isinstance(rule, list) and len(rule) == 3):
            continue
        first, second = _as_day(_at(instance, rule[0])), _as_day(_at(instance, rule[1]))
        if first is None or second is None:
            continue
        years = int(rule[2])
        if isinstance(first, date) and isinstance(second, date):
            gap = second.year - first.year - ((second.month, second.day) < (first.month, first.day))
        else:
            gap = (second if isinstance(second, int) else second.year) - (
                first if isinstance(first, int) else first.year
            )
        if gap < years:
            yield SchemaViolation(
                f"{rule[0]} is not {years} years before {rule[1]}",
                path=rule[0].split("."),
                validator_value=rule,
            )


def _sex(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-sex": "Nữ"`` on an identity number: its fourth digit says the holder's sex
    (even: male, odd: female), so a mother's number cannot be a man's."""
    held = identity_sex(instance)
    if wanted in ("Nam", "Nữ") and held is not None and held != wanted:
        yield SchemaViolation(f"{instance} is not the number of a {wanted}")


# Words of kinship that say the requester's sex ("mẹ", "bố đẻ", "con gái"); the rest
# ("con", "cháu", "bác", "người thân", "được ủy quyền") do not, and are not checked.
_FEMALE_KIN = frozenset(
    {"mẹ", "má", "u", "bầm", "bà", "chị", "cô", "dì", "thím", "mợ", "vợ"}
    | {"con gái", "em gái", "cháu gái", "bác gái", "bà nội", "bà ngoại"}
)
_MALE_KIN = frozenset(
    {"cha", "bố", "ba", "tía", "ông", "anh", "chú", "cậu", "dượng", "chồng"}
    | {"con trai", "em trai", "cháu trai", "bác trai", "ông nội", "ông ngoại"}
)


def kin_sex(relationship: Any) -> str | None:
    """ "Nữ", "Nam" or None: the sex a kinship word says, from its first one or two words
    ("Mẹ đẻ" → "Nữ", "con trai" → "Nam", "con" → None)."""
    if not isinstance(relationship, str):
        return None
    words = relationship.lower().split()
    for head in (" ".join(words[:2]), " ".join(words[:1])):
        if head in _FEMALE_KIN:
            return "Nữ"
        if head in _MALE_KIN:
            return "Nam"
    return None


def _kin_sex(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-kin-sex": ["relationship", "identity_number"]``: a requester who writes
    "mẹ" gives a woman's identity number (its fourth digit says the sex). Reported at
    the number."""
    if not (isinstance(wanted, list) and len(wanted) == 2 and isinstance(instance, dict)):
        return
    relation_key, number_key = wanted
    said, number = kin_sex(instance.get(relation_key)), instance.get(number_key)
    held = identity_sex(number)
    if said is not None and held is not None and held != said:
        yield SchemaViolation(
            f"{number} is not the number of a {said}",
            path=[number_key],
            validator_value=[relation_key, number_key, instance.get(relation_key), held],
        )


def _own_sex(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-own-sex": ["sex", "identity_number"]``: a person's declared sex is the one their
    own identity number says (its fourth digit). Reported at the number, worded as
    ``x-kin-sex``."""
    if not (isinstance(wanted, list) and len(wanted) == 2 and isinstance(instance, dict)):
        return
    sex_key, number_key = wanted
    said, number = instance.get(sex_key), instance.get(number_key)
    held = identity_sex(number)
    if said in ("Nam", "Nữ") and held is not None and held != said:
        yield SchemaViolation(
            f"{number} is not the number of a {said}",
            path=[number_key],
            validator_value=[sex_key, number_key, said, held],
        )


def _person_name(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-person-name": true``: letters in words, at least two of them; no digits,
    tags or symbols, which no one's name has (``core.validators.is_person_name``)."""
    if not wanted or not isinstance(instance, str):
        return
    if not is_person_name(instance):
        yield SchemaViolation(f"{instance!r} is not a person's name")


def _identity_year(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-identity-year": ["identity_number", "birth_year", "birth_date"]``: an identity
    number says its holder's year of birth (digits 4–6); the year or date declared beside
    it must agree. Reported at the number."""
    if not (isinstance(wanted, list) and len(wanted) == 3 and isinstance(instance, dict)):
        return
    number = instance.get(wanted[0])
    if not isinstance(number, str) or len(number) != 12 or not number.isdigit():
        return
    if int(number[3]) not in (0, 1, 2, 3, 4, 5, 6, 7):
        return
    encoded = identity_birth_year(number)
    for key in wanted[1:]:
        declared = _as_day(instance.get(key))
        year = declared.year if isinstance(declared, date) else declared
        if year is not None and year != encoded:
            yield SchemaViolation(
                f"{number} is of someone born in {encoded}, not {year}",
                path=[wanted[0]],
                validator_value=[wanted[0], key, encoded],
            )
            return


def _date_words(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-date-words": ["birth_date_in_words", "birth_date"]``: a date written in words
    beside the date itself must say the same date. Left empty, the documents write it
    (``declaration_derived``). Reported at the words."""
    if not (isinstance(wanted, list) and len(wanted) == 2 and isinstance(instance, dict)):
        return
    words_key, date_key = wanted
    words, text = instance.get(words_key), instance.get(date_key)
    if not isinstance(words, str) or not words.strip() or not isinstance(text, str):
        return
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return
    # Digits are not words: the paper would print "10" where words belong.
    if any(ch.isdigit() for ch in words) or parse_date_words(words) != day:
        yield SchemaViolation(f"{words!r} is not {text} in words", path=[words_key])


def declaration_derived(declaration: Any, schema: dict[str, Any]) -> Any:
    """The declaration with what it leaves for the system to write filled in: a date in
    words left empty beside its date (``x-date-words``). A copy; the stored declaration
    is what the person sent."""
    if not isinstance(declaration, dict) or not isinstance(schema, dict):
        return declaration
    out = dict(declaration)
    pair = schema.get("x-date-words")
    if isinstance(pair, list) and len(pair) == 2:
        words_key, date_key = pair
        text = out.get(date_key)
        if not out.get(words_key) and isinstance(text, str):
            with contextlib.suppress(ValueError):
                out[words_key] = date_in_words(date.fromisoformat(text)) + "."
    for key, prop in (schema.get("properties") or {}).items():
        if isinstance(out.get(key), dict) and isinstance(prop, dict):
            out[key] = declaration_derived(out[key], prop)
    return out


# The 2020-12 validator with motcua's own keywords (unknown ``x-`` keywords are ignored by
# other validators, so schemas stay portable).
DeclarationValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        "x-past": _past,
        "x-same-year": _same_year,
        "x-date-words": _date_words,
        "x-earlier": _earlier,
        "x-sex": _sex,
        "x-person-name": _person_name,
        "x-identity-year": _identity_year,
        "x-kin-sex": _kin_sex,
        "x-own-sex": _own_sex,
        "x-age-at-least": _age_at_least,
    },
)
