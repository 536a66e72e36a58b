"""``core.rows`` prepares a row's values by a short way for plain texts, integers and
keys: for every column of every model, and any value, it must hand the database what
Django's own ``get_db_prep_save(pre_save(…))`` would, or fail as Django would."""

from __future__ import annotations

import warnings
from datetime import UTC, timedelta, timezone
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.rows import _kind, _values

PROJECT_APPS = ("motcua", "django_tasks_db")

MODELS = [
    m
    for m in apps.get_models()
    if m.__module__.startswith(PROJECT_APPS) and not m._meta.proxy and not m._meta.parents
]
FIELDS = [
    (model, field)
    for model in MODELS
    for field in model._meta.concrete_fields
    if not field.primary_key
]


def _django(instance: models.Model, field: models.Field[Any, Any], add: bool) -> Any:
    try:
        return field.get_db_prep_save(field.pre_save(instance, add), connection)
    except Exception as exc:
        return type(exc)


def _short(instance: models.Model, field: models.Field[Any, Any], add: bool) -> Any:
    try:
        return _values(instance, [field], connection, add=add)[0]
    except Exception as exc:
        return type(exc)


def _same(ours: Any, theirs: Any) -> bool:
    if type(ours) is not type(theirs):
        return False
    # psycopg's JSON wrappers do not compare; what they wrap does.
    return bool(ours.obj == theirs.obj) if hasattr(ours, "obj") else bool(ours == theirs)


VALUES = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.just(""),
    st.just("12"),
    st.just(gettext_lazy("Đăng ký khai sinh")),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=7))])),
    st.datetimes(),  # naive: Django warns and makes it local
    st.dates(),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(value=VALUES, add=st.booleans())
def test_every_column_gets_what_django_would_give_it(value: Any, add: bool) -> None:
    for model, field in FIELDS:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue  # the instant of the call: compared in the test below
        instance = model()
        instance.__dict__[field.attname] = value
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # naive instants, both ways
            ours, theirs = _short(instance, field, add), _django(instance, field, add)
        assert _same(ours, theirs), (model.__name__, field.name, value, ours, theirs)


@pytest.mark.django_db
def test_the_short_way_is_taken_for_the_plain_columns_and_only_them() -> None:
    kinds = {
        (model.__name__, field.name): _kind(field, type(connection.ops))[0]
        for model, field in FIELDS
    }
    assert kinds["Dossier", "applicant_name"] == "text"  # CharField
    assert kinds["Delivery", "body"] == "text"  # TextField
    assert kinds["Dossier", "status"] == "int"  # a small integer with choices
    assert kinds["Dossier", "receiving_agency"] == "key"  # to an auto-numbered id
    assert kinds["Dossier", "declaration"] == "other"  # JSON
    assert kinds["Dossier", "submitted_at"] == "instant"
    assert kinds["Dossier", "created_at"] == "other"  # written with the instant of saving
    # Every kind is in use: a change of Django's that broke one shows here.
    assert {"text", "int", "key", "instant"} <= set(kinds.values())
