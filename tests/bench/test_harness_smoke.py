"""The bench harness in miniature, so it cannot rot: a few hundred generated dossiers,
then the look-up, search recall, counter intake and forward scenarios through Django's
test client, with the same correctness checks the full run makes. No timings asserted.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from bench.harness import checks, fixtures
from bench.harness.generate import generate
from bench.harness.loadgen import LUA, Request
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent, Status
from motcua.organizations.models import Agency, Role

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def generated(db: None) -> list[tuple[str, str]]:
    call_command("load_demo", verbosity=0)
    return generate(dossiers=400, communes_per_province=1, say=lambda _: None).lookups


def send(client: Client, request: Request) -> Any:
    headers = {}
    if request.header:
        name, value = request.header.split(": ", 1)
        headers[name] = value
    return client.generic(
        request.method, request.path, request.body, content_type="application/json", headers=headers
    )


def test_generated_dossiers_are_consistent(generated: list[tuple[str, str]]) -> None:
    # Given the generator's output: every province has an agency, codes match counters.
    assert Dossier.objects.count() == 400
    provinces = Agency.objects.filter(level="province").values("administrative_unit").distinct()
    assert provinces.count() >= 34
    for dossier in Dossier.objects.exclude(status=Status.NEW):
        last = DossierEvent.objects.filter(dossier=dossier).order_by("-record_version").first()
        assert last is not None and last.record_version == dossier.version
    assert checks.codes_gapless(timezone.localdate()) == []
    assert DossierCounter.objects.exists()


def test_lookup_sample_answers_every_code(generated: list[tuple[str, str]]) -> None:
    client = Client()
    for request in fixtures.lookups(generated[:50]):
        answer = send(client, request)
        assert answer.status_code == 200, answer.content


def test_a_reused_database_gives_its_own_lookup_sample(generated: list[tuple[str, str]]) -> None:
    """--reuse without the sample file reads (code, secret) pairs back from the database;
    every one answers."""
    pairs = fixtures.lookup_sample()
    assert len(pairs) >= 50
    assert set(generated) & set(pairs)  # the generator's own sample is among them
    client = Client()
    for request in fixtures.lookups(pairs[:50]):
        assert send(client, request).status_code == 200


def test_search_recall_pairs_include_d_with_stroke(generated: list[tuple[str, str]]) -> None:
    pairs = fixtures.query_pairs()
    assert len(pairs) >= 50
    assert any("đ" in accented for accented, _ in pairs)
    client = Client()
    same, misses = fixtures.recall(pairs, lambda path: client.get(path).json())
    assert (same, misses) == (len(pairs), [])


def test_counter_intake_then_forward_keeps_codes_and_versions(
    generated: list[tuple[str, str]],
) -> None:
    # When the busy ward's clerk takes dossiers at the counter through the API...
    client = Client()
    submission = fixtures.submission()
    busy = Agency.objects.get(code=fixtures.BUSY_AGENCY)
    for request in submission.requests([busy])[:5]:
        answer = send(client, request)
        assert answer.status_code == 201, answer.content
    # ...then codes stay gapless, and each forward is applied exactly once.
    assert checks.codes_gapless(timezone.localdate()) == []
    clerks = fixtures.tokens(Role.CLERK, [busy])
    requests, before = fixtures.forward_pool(clerks, limit=5)
    assert requests
    ok = sum(send(client, r).status_code == 200 for r in requests)
    replayed = send(client, requests[0])
    assert replayed.status_code == 409
    assert ok == len(requests)
    assert checks.no_lost_updates(before, ok) == []


def test_queue_and_my_dossiers_answer(generated: list[tuple[str, str]]) -> None:
    busy = Agency.objects.get(code=fixtures.BUSY_AGENCY)
    client = Client()
    # A dossier taken at the counter and forwarded lands on the specialist's step...
    for request in fixtures.submission().requests([busy])[:1]:
        assert send(client, request).status_code == 201
    forwards, _ = fixtures.forward_pool(fixtures.tokens(Role.CLERK, [busy]), limit=1)
    assert send(client, forwards[0]).status_code == 200
    # ...and shows on the page the queue scenario loads (it measured an empty page once).
    queue = fixtures.queue_request(fixtures.tokens(Role.SPECIALIST, [busy]), busy)
    answer = send(client, queue)
    assert answer.status_code == 200
    assert 1 <= len(json.loads(answer.content)["items"]) <= 50
    mine, _ = fixtures.citizen_cookie()
    assert send(Client(), mine).status_code == 200


def test_wrk_script_counts_retry_after() -> None:
    # The Lua tells a 503 without Retry-After apart: the surge's rule depends on it.
    assert "503-without-retry-after" in LUA


def test_the_in_process_profile_runs_each_scenario(
    generated: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from bench import inprocess

    call = inprocess.caller()
    for scenario in inprocess.SCENARIOS:
        requests = inprocess.requests_for(scenario, 3)
        assert 1 <= len(requests) <= 3, scenario
        cost = inprocess.measure(call, requests)
        assert cost.statements >= 1, scenario  # each answered 200/201, or call() stops
        assert cost.cpu_ms > 0, scenario
        # The database backend's CPU is read on PostgreSQL only (ticks: it may round to 0).
        assert (cost.db_cpu_ms is None) == (connection.vendor != "postgresql"), scenario
        assert cost.db_cpu_ms is None or cost.db_cpu_ms >= 0, scenario
    # Deep pages: the offset's page and the cursor's must be the same rows, or it stops.
    assert inprocess.deep_pages(depths=(2, 5), limit=3, tries=1) == 0
    assert capsys.readouterr().out.count(" ms   cursor ") == 2


def test_the_followups_of_receptions_are_measured(generated: list[tuple[str, str]]) -> None:
    from bench import followups
    from motcua.documents.models import GeneratedDocument

    slips = GeneratedDocument.objects.count()
    found = followups.measure(count=2)
    assert found is not None
    assert found.receptions == 2
    assert GeneratedDocument.objects.count() == slips + 2  # a receipt each, kept
    assert found.slip_bytes > 10_000  # a real PDF, fonts embedded
    assert found.deliveries_sent >= 2  # each reception's notice went out
    assert min(found.reception_cpu_ms, found.slip_cpu_ms, found.notice_cpu_ms) > 0
