"""A delivery is queued at most once per key, in one statement: a duplicate is skipped
without an error and without a savepoint, and the change's transaction goes on."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, Sector
from motcua.core.rows import (
    INSERT_ALL_MAX,
    insert_all,
    insert_new,
    insert_unless_taken,
    save_fields,
)
from motcua.notifications.models import Delivery, SandboxSms
from motcua.notifications.services import Recipient, delivery_queue

pytestmark = pytest.mark.django_db


def _delivery(key: str, body: str = "Hồ sơ đã được tiếp nhận.") -> Delivery:
    return Delivery(channel="sms", recipient="0912345678", body=body, topic="t", dedupe_key=key)


def test_a_new_row_is_inserted_with_its_defaults() -> None:
    with transaction.atomic():
        delivery = _delivery("k1")
        assert insert_unless_taken(delivery, "dedupe_key") is True
    stored = Delivery.objects.get(pk=delivery.pk)
    assert stored.state == Delivery.State.PENDING and stored.attempts == 0
    assert stored.created_at is not None and stored.body == "Hồ sơ đã được tiếp nhận."
    assert not delivery._state.adding


def test_a_taken_key_is_skipped_and_the_transaction_goes_on() -> None:
    with transaction.atomic():
        assert insert_unless_taken(_delivery("k2", "first"), "dedupe_key")
        with CaptureQueriesContext(connection) as queries:
            again = _delivery("k2", "second")
            assert insert_unless_taken(again, "dedupe_key") is False
        assert again.pk is None
        assert not any("SAVEPOINT" in q["sql"] for q in queries.captured_queries)
        SandboxSms.objects.create(phone="0912345678", body="later write")  # not aborted
    assert list(Delivery.objects.values_list("body", flat=True)) == ["first"]
    assert SandboxSms.objects.count() == 1


def test_delivery_queue_queues_each_key_once_per_channel() -> None:
    who = Recipient(email="a@example.vn", phone="0912345678")
    with transaction.atomic():
        first = delivery_queue(recipient=who, subject="s", body="b", topic="t", dedupe_key="e:1")
        again = delivery_queue(recipient=who, subject="s", body="b", topic="t", dedupe_key="e:1")
    assert [d.channel for d in first] == ["email", "sms"] and again == []
    assert Delivery.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_run_outside_a_transaction_or_on_a_key_that_is_not_unique() -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        insert_unless_taken(_delivery("k3"), "dedupe_key")
    with transaction.atomic(), pytest.raises(TypeError, match="unique"):
        insert_unless_taken(_delivery("k3"), "topic")


@pytest.mark.django_db(transaction=True)
def test_two_actors_queueing_the_same_key_at_once_make_one_row() -> None:
    rounds, results, errors = 20, [], []
    barrier = threading.Barrier(2)

    def actor(name: str) -> None:
        try:
            for n in range(rounds):
                barrier.wait()
                with transaction.atomic():
                    inserted = insert_unless_taken(_delivery(f"race:{n}", name), "dedupe_key")
                results.append((n, inserted))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=actor, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Delivery.objects.count() == rounds
    for n in range(rounds):
        assert sorted(inserted for m, inserted in results if m == n) == [False, True]


def test_insert_new_writes_what_save_would_and_sends_its_signals() -> None:
    heard: list[tuple[str, object]] = []

    def before(sender: object, instance: Delivery, **kwargs: object) -> None:
        heard.append(("pre_save", instance.pk))
        instance.subject = "set by a pre_save receiver"

    def after(sender: object, instance: Delivery, created: bool, **kwargs: object) -> None:
        heard.append(("post_save", created))

    pre_save.connect(before, sender=Delivery)
    post_save.connect(after, sender=Delivery)
    try:
        with transaction.atomic():
            ours = _delivery("n1")
            insert_new(ours)
            theirs = _delivery("n2")
            theirs.save()
    finally:
        pre_save.disconnect(before, sender=Delivery)
        post_save.disconnect(after, sender=Delivery)
    assert heard == [("pre_save", None), ("post_save", True)] * 2
    assert ours.pk is not None and ours.pk != theirs.pk and not ours._state.adding
    assert ours.created_at is not None  # auto_now_add, set on the instance as save() does
    differ = {"id", "dedupe_key", "created_at"}
    stored, saved = (
        {k: v for k, v in Delivery.objects.values().get(pk=pk).items() if k not in differ}
        for pk in (ours.pk, theirs.pk)
    )
    assert stored == saved and stored["subject"] == "set by a pre_save receiver"


def test_insert_new_refuses_models_with_their_own_save() -> None:
    # A procedure's save() folds its search text: skipping it would break search.
    sector = Sector.objects.create(code="ho-tich", name="Hộ tịch")
    with transaction.atomic(), pytest.raises(TypeError, match="own save"):
        insert_new(Procedure(code="9.999999", name="Thủ tục thử", sector=sector))
    assert not Procedure.objects.exists()


def test_save_fields_writes_only_those_columns_as_save_would(citizen: User) -> None:
    with transaction.atomic():
        delivery = _delivery("u1")
        insert_new(delivery)
    delivery.attempts, delivery.last_error, delivery.user = 3, "timeout", citizen
    delivery.body = "not among the fields: stays as stored"
    heard: list[object] = []

    def after(sender: object, update_fields: frozenset[str], **kwargs: object) -> None:
        heard.append(update_fields)

    post_save.connect(after, sender=Delivery)
    try:
        with CaptureQueriesContext(connection) as queries:
            # By name and by attname, as save(update_fields=...) accepts them.
            save_fields(delivery, ["attempts", "last_error", "user_id"])
    finally:
        post_save.disconnect(after, sender=Delivery)
    assert len(queries) == 1 and queries[0]["sql"].startswith("UPDATE")
    assert heard == [frozenset({"attempts", "last_error", "user_id"})]
    stored = Delivery.objects.get(pk=delivery.pk)
    assert (stored.attempts, stored.last_error, stored.user_id) == (3, "timeout", citizen.pk)
    assert stored.body == "Hồ sơ đã được tiếp nhận."


def test_save_fields_refuses_a_missing_row_and_unknown_columns() -> None:
    with transaction.atomic():
        delivery = _delivery("u2")
        insert_new(delivery)
    Delivery.objects.filter(pk=delivery.pk).delete()
    with pytest.raises(DatabaseError, match="did not affect any rows"):
        save_fields(delivery, ["attempts"])
    with pytest.raises(ValueError, match="no column"):
        save_fields(delivery, ["attempts", "colour"])
    with pytest.raises(ValueError, match="no column"):
        save_fields(delivery, ["id"])


def test_insert_all_writes_each_row_as_save_would_in_one_statement() -> None:
    """Rows of one model in one INSERT: each gets the id of its own row (told by its
    body here), its defaults and auto_now_add, as save() would write it."""
    with transaction.atomic():
        theirs = _delivery("s0", "saved")
        theirs.save()
        ours = [_delivery(f"m{n}", f"body {n}") for n in range(5)]
        with CaptureQueriesContext(connection) as queries:
            insert_all(ours)
        insert_all([])  # nothing to write: no statement
    assert len(queries.captured_queries) == 1
    assert all(d.pk is not None and not d._state.adding for d in ours)
    assert len({d.pk for d in ours}) == 5
    for d in ours:
        stored = Delivery.objects.get(pk=d.pk)
        assert (stored.body, stored.dedupe_key) == (d.body, d.dedupe_key)
        assert stored.created_at == d.created_at is not None
    differ = {"id", "dedupe_key", "body", "created_at"}
    shapes = {
        tuple(sorted((k, v) for k, v in row.items() if k not in differ))
        for row in Delivery.objects.values()
    }
    assert len(shapes) == 1  # the same defaults as the row save() wrote


def test_insert_all_refuses_mixed_or_saved_rows() -> None:
    with transaction.atomic():
        saved = _delivery("x1")
        saved.save()
        with pytest.raises(TypeError, match="one model"):
            insert_all([_delivery("x2"), saved])
        with pytest.raises(TypeError, match="one model"):
            insert_all([_delivery("x3"), SandboxSms(phone="0912345678", body="b")])
        with pytest.raises(TypeError, match="one model"):
            insert_all([saved])  # written already, id and all
        numbered = _delivery("x4")
        numbered.pk = 9_000_001
        with pytest.raises(TypeError, match="all with ids or none"):
            insert_all([numbered, _delivery("x5")])
        with pytest.raises(ValueError, match="at most 500"):
            insert_all([_delivery(f"y{n}") for n in range(INSERT_ALL_MAX + 1)])
    assert Delivery.objects.count() == 1


def test_insert_all_keeps_the_ids_the_rows_carry() -> None:
    """Rows that bring their own ids (a job's UUID) are written with them, in one
    statement, and are marked written."""
    ours = [_delivery(f"n{n}", f"body {n}") for n in range(3)]
    for n, delivery in enumerate(ours):
        delivery.pk = 9_100_000 + 7 * n
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        insert_all(ours)
    assert len(queries.captured_queries) == 1
    assert [d.pk for d in ours] == [9_100_000, 9_100_007, 9_100_014]
    assert not any(d._state.adding for d in ours)
    stored = dict(Delivery.objects.values_list("pk", "body"))
    assert stored == {9_100_000: "body 0", 9_100_007: "body 1", 9_100_014: "body 2"}
