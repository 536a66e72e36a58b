"""`python -m bench followups`: the work a reception leaves to the job workers, against
the reception itself, in process on the bench database the suite generated.

A reception through the API answers in a few milliseconds; the jobs it queues with it
then make its receipt slip (a PDF kept in the document store) and send its notice
(an email and a text message). Their CPU counts as much as the request's on a machine
that runs the workers beside the web server. This runs ``--count`` receptions (the
suite's own requests), then the receipt and the notice of each the way their jobs do,
and prints the CPU milliseconds of each and their ratio to the reception's, all in the
same run. The job queue's own claiming is left out: ``suite``'s background-jobs
scenario measures it.

    make bench BENCH_ARGS="followups --count 50"
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from bench import inprocess


@dataclass(frozen=True)
class Followups:
    receptions: int
    reception_cpu_ms: float
    slip_cpu_ms: float
    notice_cpu_ms: float
    slip_bytes: int
    deliveries_sent: int


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench followups", description=__doc__)
    parser.add_argument("--count", type=inprocess._positive, default=50)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/motcua_bench",
    )
    args = parser.parse_args(sys.argv[1:])
    inprocess._setup(args.database_url)
    found = measure(count=args.count)
    if found is None:
        print("No receptions could be prepared; generate the database first")
        return 1
    per = found.reception_cpu_ms
    print(f"{found.receptions} receptions through the API, then their jobs' work, in process:")
    print(f"  reception (the request)       {per:8.2f} ms CPU")
    print(
        f"  receipt slip (its PDF, kept)  {found.slip_cpu_ms:8.2f} ms CPU  "
        f"{found.slip_cpu_ms / per:5.1f} × the reception  ({found.slip_bytes:,} bytes each)"
    )
    print(
        f"  notice (each of its channels) {found.notice_cpu_ms:8.2f} ms CPU  "
        f"{found.notice_cpu_ms / per:5.1f} × the reception  "
        f"({found.deliveries_sent} deliveries sent)"
    )
    return 0


def measure(*, count: int) -> Followups | None:
    """Receptions, then the slip and the notice of each; CPU from ``time.process_time``."""
    from motcua.documents.models import GeneratedDocument
    from motcua.documents.pdf import fonts
    from motcua.documents.services.slips import slip_generate
    from motcua.dossiers.models import DossierEvent
    from motcua.notifications.models import Delivery
    from motcua.notifications.services import deliveries_send

    requests = inprocess.requests_for("submission", inprocess.WARM + count + 1)
    if len(requests) < inprocess.WARM + 2:
        return None
    call = inprocess.caller()
    for request in requests[: inprocess.WARM]:
        call(request)
    # The faces the slips are set in are built on first use, in this run's fresh data
    # directory: not a slip's cost.
    for style in ("", "I", "B"):
        fonts.face_path(style)
    events_after = DossierEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    deliveries_after = Delivery.objects.order_by("-id").values_list("id", flat=True).first() or 0
    measured = requests[inprocess.WARM + 1 :]
    reception = inprocess.measure(call, measured)

    intakes = list(
        DossierEvent.objects.filter(id__gt=events_after, action="intake").values_list(
            "id", "dossier_id"
        )
    )
    started = time.process_time()
    for event_id, dossier_id in intakes:
        slip_generate(dossier_id=dossier_id, kind="receipt", event_id=event_id)
    slip_cpu = time.process_time() - started
    sizes = GeneratedDocument.objects.filter(event_id__in=[e for e, _ in intakes]).values_list(
        "size", flat=True
    )

    notices: dict[str, list[int]] = defaultdict(list)
    for pk, topic in Delivery.objects.filter(id__gt=deliveries_after).values_list("id", "topic"):
        notices[topic].append(pk)
    sent = 0
    started = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):  # the console mail backend prints
        for ids in notices.values():
            sent += sum(state is not None for state in deliveries_send(delivery_ids=ids))
    notice_cpu = time.process_time() - started
    if not intakes or not notices:
        return None
    return Followups(
        receptions=len(measured),
        reception_cpu_ms=reception.cpu_ms,
        slip_cpu_ms=slip_cpu * 1000 / len(intakes),
        notice_cpu_ms=notice_cpu * 1000 / len(notices),
        slip_bytes=sum(sizes) // max(1, len(sizes)),
        deliveries_sent=sent,
    )
