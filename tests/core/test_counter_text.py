"""A counter's next number as text (``core.counters.counter_text``): on PostgreSQL,
inside ``rows_together``, a stand-in until the block's rows are sent, its increment at
the head of their statement (``together.text_later``); elsewhere the text at once.
Either way the rows, their instances and what is sent after hold the same text, and a
number taken by a change undone is given back."""

from __future__ import annotations

import uuid
from contextlib import suppress
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult, get_date_max
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from motcua.core.counters import counter_text
from motcua.core.rows import insert_new, insert_unless_taken, save_fields
from motcua.core.together import rows_together
from motcua.dossiers.models import DossierCounter
from motcua.notifications.models import Delivery
from motcua.organizations.models import Agency

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"
DAY = date(2026, 12, 4)


def _next(agency: Agency, prefix: str = "X-", digits: int = 4) -> str:
    return counter_text(
        DossierCounter, "a test number", prefix=prefix, digits=digits, agency=agency, day=DAY
    )


def _delivery(key: str, body: str) -> Delivery:
    return Delivery(channel="sms", recipient="0912345678", body=body, topic="t", dedupe_key=key)


def _job(document: dict[str, object]) -> DBTaskResult:  # type: ignore[type-arg]
    return DBTaskResult(
        id=uuid.uuid4(),
        args_kwargs=document,
        priority=0,
        task_path="motcua.tests.nothing",
        queue_name="default",
        run_after=get_date_max(),
        backend_name="default",
    )


def _last(agency: Agency) -> int | None:
    row = DossierCounter.objects.filter(agency=agency, day=DAY).first()
    return None if row is None else row.last


def test_the_text_reaches_columns_json_updates_and_instances_with_the_rows(
    commune_agency: Agency,
) -> None:
    with transaction.atomic():
        kept = _delivery("kept", "before")
        insert_new(kept)
        with CaptureQueriesContext(connection) as queries, rows_together(reserve={Delivery: 1}):
            code = _next(commune_agency)
            if ON_POSTGRES:
                assert code != "X-0001"  # a stand-in until the rows go
            delivery = _delivery(f"key:{code}", f"Hồ sơ {code}: đã tiếp nhận {code}.")
            insert_new(delivery)
            job = _job({"code": code, "nested": [{"again": f"({code})"}], code: 1})
            insert_new(job)
            kept.body = f"now {code}"
            save_fields(kept, ["body"])
        assert code == "X-0001" or ON_POSTGRES
        writes = [q["sql"] for q in queries.captured_queries if "dossiercounter" in q["sql"]]
        assert len(writes) == 1
        if ON_POSTGRES:
            # The increment and the three rows: one statement.
            assert writes[0].startswith("WITH l0 AS (INSERT INTO"), writes
            assert "notifications_delivery" in writes[0] and "dbtaskresult" in writes[0].lower()
    # The instances hold the text now, as the rows do.
    assert delivery.body == "Hồ sơ X-0001: đã tiếp nhận X-0001."
    assert delivery.dedupe_key == "key:X-0001"
    assert job.args_kwargs == {"code": "X-0001", "nested": [{"again": "(X-0001)"}], "X-0001": 1}
    assert kept.body == "now X-0001"
    stored = Delivery.objects.get(pk=delivery.pk)
    assert (stored.body, stored.dedupe_key) == (delivery.body, delivery.dedupe_key)
    assert Delivery.objects.get(pk=kept.pk).body == "now X-0001"
    assert DBTaskResult.objects.get(pk=job.pk).args_kwargs == job.args_kwargs
    assert _last(commune_agency) == 1


def test_a_text_of_a_str_subclass_gets_the_text_too(commune_agency: Agency) -> None:
    from django.utils.safestring import mark_safe

    with transaction.atomic(), rows_together(reserve={Delivery: 1}):
        code = _next(commune_agency)
        delivery = _delivery("safe", mark_safe(f"<b>{code}</b>"))
        insert_new(delivery)
    assert Delivery.objects.get(pk=delivery.pk).body == "<b>X-0001</b>"
    assert delivery.body == "<b>X-0001</b>"


def test_a_statement_sent_after_the_rows_gets_the_text_in_its_values(
    commune_agency: Agency,
) -> None:
    with transaction.atomic(), rows_together(reserve={Delivery: 1}):
        code = _next(commune_agency)
        body = f"body {code}"  # built while the text is still a stand-in
        insert_new(_delivery("first", body))
        # A read sends the waiting rows and the increment first...
        assert Delivery.objects.filter(dedupe_key="first").exists()
        # ...and this write, sent at once, carries the stand-in: it gets the text too.
        late = _delivery(f"second {code}", body)
        assert insert_unless_taken(late, "dedupe_key") is True
    assert Delivery.objects.get(pk=late.pk).body == "body X-0001"
    assert Delivery.objects.get(pk=late.pk).dedupe_key == "second X-0001"
    assert Delivery.objects.get(dedupe_key="first").body == "body X-0001"


def test_numbers_follow_each_other_in_one_block_and_across_blocks(commune_agency: Agency) -> None:
    with transaction.atomic():
        with rows_together(reserve={Delivery: 2}):
            a, b = _next(commune_agency), _next(commune_agency)
            insert_new(_delivery("a", a))
            insert_new(_delivery("b", b))
        with rows_together(reserve={Delivery: 1}):
            c = _next(commune_agency)
            insert_new(_delivery("c", c))
    bodies = dict(Delivery.objects.values_list("dedupe_key", "body"))
    assert bodies == {"a": "X-0001", "b": "X-0002", "c": "X-0003"}
    if not ON_POSTGRES:
        assert (a, b, c) == ("X-0001", "X-0002", "X-0003")


def test_a_number_taken_inside_an_undone_savepoint_is_given_back(commune_agency: Agency) -> None:
    with transaction.atomic(), rows_together(reserve={Delivery: 1}):
        with suppress(RuntimeError), transaction.atomic():
            _next(commune_agency)
            raise RuntimeError("the change is refused")
        code = _next(commune_agency)
        insert_new(_delivery("kept", code))
    assert Delivery.objects.get(dedupe_key="kept").body == "X-0001"
    assert _last(commune_agency) == 1


def test_a_change_that_fails_with_its_rows_gives_its_number_back(commune_agency: Agency) -> None:
    with transaction.atomic():
        insert_new(_delivery("taken", "first"))

    def refused() -> None:
        with transaction.atomic(), rows_together(reserve={Delivery: 1}):
            code = _next(commune_agency)
            # Refused by the key's unique constraint, in the same statement as the increment.
            insert_new(_delivery("taken", code))

    with pytest.raises(IntegrityError):
        refused()
    assert _last(commune_agency) is None
    with transaction.atomic(), rows_together(reserve={Delivery: 1}):
        insert_new(_delivery("fresh", _next(commune_agency)))
    assert Delivery.objects.get(dedupe_key="fresh").body == "X-0001"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    last=st.integers(min_value=0, max_value=2_000_000),
    digits=st.integers(min_value=1, max_value=6),
    prefix=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cc")), max_size=12
    ),
)
@example(last=9_999, digits=4, prefix='000.01.01.H26-261204-"\\')
def test_the_text_is_the_number_written_as_python_writes_it(
    commune_agency: Agency, last: int, digits: int, prefix: str
) -> None:
    DossierCounter.objects.update_or_create(agency=commune_agency, day=DAY, defaults={"last": last})
    expected = f"{prefix}{last + 1:0{digits}d}"
    with transaction.atomic():
        with rows_together(reserve={Delivery: 1}):
            code = _next(commune_agency, prefix, digits)
            delivery = _delivery(f"k{last}-{digits}-{len(prefix)}", code)
            insert_new(delivery)
            job = _job({"code": code})
            insert_new(job)
        transaction.set_rollback(True)  # each example starts from its own counter
    # (The caller's own variable is a stand-in on PostgreSQL: the rows' instances hold
    # the text.)
    assert code == expected or ON_POSTGRES
    assert delivery.body == expected
    assert job.args_kwargs == {"code": expected}
