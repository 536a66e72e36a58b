"""``JsonAnswer`` says what Django's ``JsonResponse`` said, faster; the API's own
renderer goes through the same encoder."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.http import JsonResponse
from django.test import Client
from django.utils.translation import gettext_lazy, override
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.json_answer import JsonAnswer, json_bytes
from motcua.dossiers.models import Status

VIETNAM = timezone(timedelta(hours=7))


def _same_as_django(data: dict[str, object]) -> None:
    """As Django wrote it, but for instants, written as ``isoformat()`` writes them."""
    ours = JsonAnswer(data)
    django = JsonResponse(
        {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}
    )
    assert ours["Content-Type"] == django["Content-Type"] == "application/json"
    assert json.loads(ours.content) == json.loads(django.content)


def test_the_values_an_answer_holds_read_back_as_django_wrote_them() -> None:
    with override("vi"):
        _same_as_django(
            {
                "name": "Đăng ký khai sinh",
                "label": gettext_lazy("Received"),
                "status": Status.RECEIVED,
                "status_label": Status.RECEIVED.label,
                "due_at": datetime(2026, 12, 3, 10, 15, 30, 123456, tzinfo=VIETNAM),
                "utc": datetime(2026, 12, 3, 3, 15, tzinfo=UTC),
                "day": date(2026, 12, 3),
                "opens": time(7, 30),
                "fee": Decimal("50000"),
                "token": uuid.UUID(int=7),
                "by_id": {7: "bảy", 12: "mười hai"},
                "items": [None, True, False, 0, -1, 2**53, 1.5, [], {}],
            }
        )


def test_text_goes_out_as_utf8_not_escapes() -> None:
    body = JsonAnswer({"name": "Đăng ký khai sinh"}).content
    assert "Đăng ký khai sinh".encode() in body
    assert b"\\u" not in body


def test_an_instant_is_written_whole_with_its_offset() -> None:
    # As ``motcua.core.moments`` writes instants: every digit of the microseconds, the
    # offset the instant carries (UTC too), none for a naive one; not Django's
    # milliseconds and ``Z``.
    moment = datetime(2026, 12, 3, 10, 15, 30, 123456, tzinfo=VIETNAM)
    assert json_bytes({"at": moment}) == b'{"at":"2026-12-03T10:15:30.123456+07:00"}'
    utc = datetime(2026, 12, 3, 3, 15, tzinfo=UTC)
    assert json_bytes({"at": utc}) == b'{"at":"2026-12-03T03:15:00+00:00"}'
    naive = datetime(2026, 12, 3, 10, 15, 0, 500)
    assert json_bytes({"at": naive}) == b'{"at":"2026-12-03T10:15:00.000500"}'


@given(
    st.datetimes(
        min_value=datetime(1920, 1, 1),
        timezones=st.sampled_from([UTC, VIETNAM, ZoneInfo("Asia/Ho_Chi_Minh")]),
    )
)
def test_any_instant_reads_as_isoformat_writes_it(moment: datetime) -> None:
    # From 1920: before, a zone's local mean time has seconds in its offset (+07:06:30
    # for Saigon until 1911), which orjson rounds to the minute.
    assert json_bytes({"at": moment}) == b'{"at":"' + moment.isoformat().encode() + b'"}'


def test_only_a_dict_is_an_answer() -> None:
    with pytest.raises(TypeError, match="dict"):
        JsonAnswer([1, 2])  # type: ignore[arg-type]


def test_what_no_encoder_knows_is_refused() -> None:
    with pytest.raises(TypeError):
        json_bytes({"x": object()})


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_plain_json_reads_back_the_same(value: object) -> None:
    assert json.loads(json_bytes({"v": value})) == {"v": value}


@pytest.mark.django_db
def test_the_apis_own_answers_use_it_too(client: Client) -> None:
    # A validation error is rendered by ninja itself, not by a router.
    response = client.get("/api/v1/procedures", {"limit": "nhiều"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "không hợp lệ".encode() in response.content
    assert response.json()["errors"][0]["field"] == "limit"
