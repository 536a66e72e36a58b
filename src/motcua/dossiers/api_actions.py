"""Dispatching ``POST /dossiers/{ref}/actions/{action}`` to the matching service."""

from datetime import datetime

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.api_schemas import ActionIn, DocumentIn
from motcua.dossiers.errors import InvalidInput, NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import DocumentInput
from motcua.dossiers.services.records import Claimable


def documents_input(items: list[DocumentIn] | None) -> list[DocumentInput] | None:
    if items is None:
        return None
    return [
        DocumentInput(i.code, i.provision, i.originals, i.copies, i.reused_reference) for i in items
    ]


def _user(username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, kind=User.Kind.STAFF).first()
    if user is None:
        raise InvalidInput(
            _("Không có cán bộ «%(username)s».") % {"username": username}, field="assignee"
        )
    return user


# Every action dossier_act takes, as an integrator names it in the address.
ACTIONS = (
    "receive", "assign", "forward", "send_back", "request_supplement", "request_obligation",
    "supplement", "fulfil_obligation", "refuse", "withdraw", "stop", "approve", "resolve",
    "return_result", "apologize",
)  # fmt: skip


def dossier_act(action: str, dossier: Claimable, actor: User, p: ActionIn) -> Dossier:
    d, a, v = dossier, actor, p.expected_version
    match action:
        case "receive":
            return services.dossier_receive(dossier=d, actor=a, expected_version=v)
        case "assign":
            return services.dossier_assign(
                dossier=d, actor=a, expected_version=v, assignee=_required_user(p)
            )
        case "forward":
            return services.dossier_forward(
                dossier=d, actor=a, expected_version=v, assignee=_user(p.assignee), note=p.note
            )
        case "send_back":
            return services.dossier_send_back(
                dossier=d,
                actor=a,
                expected_version=v,
                step_order=p.step_order or 0,
                reason=p.reason,
            )
        case "request_supplement":
            return services.dossier_request_supplement(
                dossier=d, actor=a, expected_version=v, reason=p.reason
            )
        case "request_obligation":
            return services.dossier_request_obligation(
                dossier=d, actor=a, expected_version=v, reason=p.reason, amount=p.amount
            )
        case "supplement":
            return services.dossier_supplement(
                dossier=d,
                actor=a,
                expected_version=v,
                declaration=p.declaration,
                documents=documents_input(p.documents),
                note=p.note,
            )
        case "fulfil_obligation":
            return services.dossier_fulfil_obligation(
                dossier=d, actor=a, expected_version=v, reference=p.reference
            )
        case "refuse":
            return services.dossier_refuse(dossier=d, actor=a, expected_version=v, reason=p.reason)
        case "withdraw":
            return services.dossier_withdraw(
                dossier=d, actor=a, expected_version=v, reason=p.reason
            )
        case "stop":
            return services.dossier_stop(dossier=d, actor=a, expected_version=v, reason=p.reason)
        case "approve":
            return services.dossier_approve(dossier=d, actor=a, expected_version=v, note=p.note)
        case "resolve":
            return services.dossier_resolve(dossier=d, actor=a, expected_version=v, note=p.note)
        case "return_result":
            return services.dossier_return_result(dossier=d, actor=a, expected_version=v)
        case "apologize":
            return services.dossier_apologize(
                dossier=d,
                actor=a,
                expected_version=v,
                reason=p.reason,
                new_due_at=_required_due(p),
            )
    raise NotFound(
        _("Không có thao tác «%(action)s». Các thao tác: %(actions)s.")
        % {"action": action, "actions": ", ".join(ACTIONS)}
    )


def _required_user(p: ActionIn) -> User:
    user = _user(p.assignee)
    if user is None:
        raise InvalidInput(_("Cần chọn cán bộ được giao."), field="assignee")
    return user


def _required_due(p: ActionIn) -> datetime:
    if p.new_due_at is None:
        raise InvalidInput(_("Cần ngày hẹn trả kết quả mới."), field="new_due_at")
    return p.new_due_at
