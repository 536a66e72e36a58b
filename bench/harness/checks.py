"""What must hold after the load, whatever the speed: codes unique and gapless, no lost
update, no job run twice."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date

from django.db.models import Count, Q

from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent
from motcua.dossiers.services.codes import code_format
from motcua.organizations.models import Agency


def settle(limit: float = 15) -> None:
    """Wait until requests still in flight when the load stopped have committed: the
    newest event id stays put for a second."""
    deadline = time.monotonic() + limit
    last = None
    while time.monotonic() < deadline:
        newest = DossierEvent.objects.order_by("-id").values_list("id", flat=True).first()
        if newest == last:
            return
        last = newest
        time.sleep(1)


def codes_gapless(day: date) -> list[str]:
    """Every agency's codes of ``day`` are exactly 1..counter, each once."""
    problems = []
    codes = dict(Agency.objects.values_list("id", "code"))
    for counter in DossierCounter.objects.filter(day=day):
        prefix = code_format(codes[counter.agency_id], day, 0)[:-4]
        found = Dossier.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        numbers = Counter(int(code.rsplit("-", 1)[1]) for code in found if code)
        twice = [n for n, k in numbers.items() if k > 1]
        missing = set(range(1, counter.last + 1)) - set(numbers)
        beyond = [n for n in numbers if n > counter.last]
        if twice or missing or beyond:
            problems.append(
                f"{prefix}: twice {twice[:5]}, missing {sorted(missing)[:5]}, beyond {beyond[:5]}"
            )
    return problems


def no_lost_updates(before: dict[int, int], successes: int) -> list[str]:
    """Each accepted forward left one event and one version step; none was overwritten
    (two changes on the same version would leave two events with one record_version)."""
    problems = []
    # One statement, so versions and events are read from the same snapshot even while
    # requests still in flight at the end of the load commit.
    rows = (
        Dossier.objects.filter(pk__in=list(before))
        .annotate(n=Count("events", filter=Q(events__action="forward")))
        .values_list("id", "version", "n")
    )
    moved = forwards = 0
    for pk, version, n in rows:
        moved += version - before[pk]
        forwards += n
    # Requests still in flight when the load stopped are applied but not counted as 200s.
    if moved != forwards:
        problems.append(f"versions moved {moved} times but {forwards} forward events were written")
    if successes > forwards:
        problems.append(
            f"{successes} forwards answered 200 but only {forwards} events were written"
        )
    doubles = (
        DossierEvent.objects.filter(dossier_id__in=list(before))
        .values("dossier_id", "record_version")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    if doubles:
        problems.append(f"{doubles} dossier versions were written twice")
    return problems
