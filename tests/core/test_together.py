"""Rows written together (``motcua.core.together``): on PostgreSQL the rows a block is
asked for go in one statement at its end, exactly as if each had been written at once;
on SQLite the block changes nothing."""

from __future__ import annotations

from contextlib import suppress

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from motcua.core.rows import insert_all, insert_new, insert_unless_taken, save_fields
from motcua.core.together import rows_together
from motcua.notifications.models import Delivery
from tests.statements import sent

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"


def _delivery(key: str) -> Delivery:
    return Delivery(channel="sms", recipient="0912345678", body="b", topic="t", dedupe_key=key)


def test_the_block_s_rows_go_in_one_statement_at_its_end_with_their_ids() -> None:
    heard: list[int | None] = []

    def after(sender: object, instance: Delivery, created: bool, **kwargs: object) -> None:
        heard.append(instance.pk)

    post_save.connect(after, sender=Delivery)
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            with rows_together(reserve={Delivery: 3}):
                one, two, three = _delivery("a"), _delivery("b"), _delivery("c")
                insert_new(one)
                insert_all([two, three])
                assert one.pk is not None and two.pk is not None and three.pk is not None
                assert not one._state.adding
                if ON_POSTGRES:
                    assert heard == []  # the rows have not been sent yet
            assert heard == [one.pk, two.pk, three.pk]
    finally:
        post_save.disconnect(after, sender=Delivery)
    stored = dict(Delivery.objects.values_list("dedupe_key", "pk"))
    assert stored == {"a": one.pk, "b": two.pk, "c": three.pk}
    writes = [q["sql"] for q in queries.captured_queries if "INSERT" in q["sql"]]
    if ON_POSTGRES:
        # the ids, then the rows: two round trips, the rows' two statements in one
        assert len(writes) == 1 and writes[0].startswith("WITH w0 AS (INSERT"), writes
        assert len(sent(queries.captured_queries)) == len(queries.captured_queries) + 1
        assert sum("nextval" in q["sql"] for q in queries.captured_queries) == 1
    else:
        assert len(writes) == 2


def test_a_read_inside_the_block_sees_the_rows_queued_before_it() -> None:
    with transaction.atomic(), rows_together(reserve={Delivery: 1}):
        insert_new(_delivery("seen"))
        assert Delivery.objects.filter(dedupe_key="seen").exists()


def test_a_key_checked_write_goes_after_the_rows_queued_before_it() -> None:
    with transaction.atomic(), rows_together(reserve={Delivery: 1}):
        insert_new(_delivery("taken"))
        assert insert_unless_taken(_delivery("taken"), "dedupe_key") is False
    assert Delivery.objects.filter(dedupe_key="taken").count() == 1


def test_rows_without_reserved_ids_are_written_at_once() -> None:
    with transaction.atomic(), rows_together(reserve={}):
        insert_new(_delivery("now"))
        with connection.cursor() as cursor:  # a raw read: no rows are waiting
            cursor.execute("SELECT count(*) FROM notifications_delivery")
            assert cursor.fetchone() == (1,)


def test_an_error_in_the_block_writes_nothing_and_the_change_cannot_commit() -> None:
    before = _delivery("before")
    with transaction.atomic():
        insert_new(before)
        with suppress(ValueError), rows_together(reserve={Delivery: 1}):
            insert_new(_delivery("inside"))
            raise ValueError("checked too late")
        if ON_POSTGRES:
            assert transaction.get_rollback()  # committing would lose "inside"
            transaction.set_rollback(False)  # as a careless caller would
            assert not Delivery.objects.filter(dedupe_key="inside").exists()
    assert Delivery.objects.filter(dedupe_key="before").exists()


def test_an_update_of_a_row_that_is_gone_is_refused_as_save_would() -> None:
    with transaction.atomic():
        row = _delivery("gone")
        insert_new(row)
    Delivery.objects.filter(pk=row.pk).delete()
    row.subject = "late"
    with pytest.raises(DatabaseError), transaction.atomic(), rows_together():
        save_fields(row, ["subject"])


def test_one_row_updated_twice_in_a_block_keeps_the_last_write() -> None:
    with transaction.atomic():
        row = _delivery("twice")
        insert_new(row)
    with transaction.atomic(), rows_together():
        row.subject = "first"
        save_fields(row, ["subject"])
        row.subject, row.body = "second", "changed"
        save_fields(row, ["subject", "body"])
    stored = Delivery.objects.get(pk=row.pk)
    assert (stored.subject, stored.body) == ("second", "changed")


def test_a_block_inside_a_block_leaves_its_rows_to_the_outer_one() -> None:
    with (
        transaction.atomic(),
        CaptureQueriesContext(connection) as queries,
        rows_together(reserve={Delivery: 2}),
    ):
        insert_new(_delivery("outer"))
        with rows_together(reserve={Delivery: 1}):  # the outer block has it
            insert_new(_delivery("inner"))
        if ON_POSTGRES:
            assert not [q for q in queries.captured_queries if "INSERT" in q["sql"]]
            assert sum("nextval" in q["sql"] for q in queries.captured_queries) == 1
    assert set(Delivery.objects.values_list("dedupe_key", flat=True)) == {"outer", "inner"}


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_block_refuses_on_postgres() -> None:
    if not ON_POSTGRES:
        with rows_together():
            pass  # nothing to gather on SQLite
        return
    with pytest.raises(RuntimeError, match="transaction"), rows_together():
        pass


def test_a_savepoint_keeps_the_rows_before_it_and_undoes_the_rows_after_it() -> None:
    with transaction.atomic(), rows_together(reserve={Delivery: 2}):
        insert_new(_delivery("kept"))
        with suppress(ValueError), transaction.atomic():
            insert_new(_delivery("undone"))
            raise ValueError("the inner step fails")
    assert list(Delivery.objects.values_list("dedupe_key", flat=True)) == ["kept"]


def test_rows_that_cannot_be_written_stop_the_change_from_committing() -> None:
    with transaction.atomic():
        insert_new(_delivery("same"))
    with transaction.atomic():
        with suppress(DatabaseError), rows_together(reserve={Delivery: 1}):
            insert_new(_delivery("same"))  # the key is unique: refused when sent
        # On SQLite the row was refused at once, and the statement alone undone.
        assert transaction.get_rollback() is ON_POSTGRES
    assert Delivery.objects.count() == 1
