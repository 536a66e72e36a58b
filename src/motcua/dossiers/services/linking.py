"""Dossiers entered for a citizen without an account join that citizen's account.

A clerk enters a dossier at the counter (or from the post; an integrator through the
API) under the applicant's identity number; when the person has no account then, the
dossier is on none, and «Hồ sơ của tôi» cannot show it. The rule:

- A dossier joins an account by identity number only once the account's identity is
  proven (``User.identity_proven_at``: a login through the national identity provider).
  A number typed at registration proves nothing, anyone can type someone else's, so a
  password login links nothing.
- The desk puts a new dossier on the account at once only if the account is proven
  (``proven_account``); otherwise it waits for that proven login like the others.
- Only dossiers on no account move; one on another account never does. A draft is a
  citizen's own and is never linked.
- Each linked dossier gets its audit row («link_account», by the citizen), with its
  next version; linking again finds nothing left to link.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.errors import NotAllowed, NotFound, StaleDossier
from motcua.dossiers.models import UNLINKED, Dossier, Status

from .records import Snapshot, change_record, dossier_claim

ACTION = "link_account"
# A dossier an official changes between this service's read and its lock is read again;
# one that keeps changing waits for the citizen's next login.
TRIES = 3


def proven_account(identity_number: str) -> User | None:
    """The citizen's account a dossier under ``identity_number`` may be put on at once
    (at the counter): only one whose identity is proven. Another holder of the number
    only typed it, and the dossier waits for the proven login."""
    if not identity_number:
        return None
    return User.objects.filter(
        identity_number=identity_number,
        kind=User.Kind.CITIZEN,
        is_active=True,
        identity_proven_at__isnull=False,
    ).first()


def unlinked_dossiers(identity_number: str) -> QuerySet[Dossier]:
    """The dossiers under ``identity_number`` on no account, drafts aside, oldest first:
    the order every linking locks them in. The filter repeats the partial index's own
    condition (``UNLINKED``) so that both PostgreSQL and SQLite read it off
    ``dossier_unlinked_identity_idx`` instead of the whole table."""
    return (
        Dossier.objects.filter(UNLINKED, applicant_identity_number=identity_number)
        .exclude(status=Status.DRAFT)
        .order_by("pk")
    )


def dossiers_link_to_citizen(*, citizen: User) -> int:
    """Put on ``citizen``'s proven account every dossier under their identity number that
    is on no account; return how many. Each dossier is linked in its own transaction with
    its audit row, so two logins at once link each dossier once: the second waits for the
    first's row lock, then finds the dossier linked."""
    if not (citizen.is_citizen and citizen.is_active and citizen.identity_number):
        raise NotAllowed(_("Chỉ tài khoản công dân mới được gắn hồ sơ theo số định danh."))
    if not citizen.identity_proven:
        raise NotAllowed(
            _("Tài khoản chưa xác thực định danh điện tử nên chưa được gắn hồ sơ nộp tại quầy.")
        )
    found = list(unlinked_dossiers(citizen.identity_number).values_list("pk", "version"))
    return sum(_link(citizen, pk, version) for pk, version in found)


def _link(citizen: User, pk: int, version: int) -> bool:
    for _try in range(TRIES):
        try:
            with transaction.atomic():
                dossier = dossier_claim(dossier=pk, expected_version=version)
                # Checked again under the lock: another login, or the desk, may have
                # linked it since it was read.
                if (
                    dossier.applicant_id is not None
                    or dossier.applicant_identity_number != citizen.identity_number
                    or dossier.status == Status.DRAFT
                ):
                    return False
                before = Snapshot.of(dossier)
                dossier.applicant = citizen
                change_record(
                    dossier,
                    ["applicant"],
                    before=before,
                    actor=citizen,
                    actor_role="citizen",
                    action=ACTION,
                    changes={"applicant": [None, citizen.pk]},
                )
                return True
        except StaleDossier:
            now = Dossier.objects.filter(pk=pk).values_list("version", flat=True).first()
            if now is None:
                return False
            version = now
        except NotFound:
            return False
    return False
