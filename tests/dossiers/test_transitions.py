"""Every action in every state, for every role: who may, and that everyone else is
refused with nothing changed.

The table lists, per state, the actions that state allows and the roles that may do
them; any other (state, action, role) must be refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from django.db import transaction

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import VN

pytestmark = pytest.mark.django_db

Action = Callable[[Dossier, User], Dossier]

ACTIONS: dict[str, Action] = {
    "receive": lambda d, a: services.dossier_receive(
        dossier=d, actor=a, expected_version=d.version
    ),
    "forward": lambda d, a: services.dossier_forward(
        dossier=d, actor=a, expected_version=d.version
    ),
    "send_back": lambda d, a: services.dossier_send_back(
        dossier=d, actor=a, expected_version=d.version, step_order=1, reason="Xem lại"
    ),
    "request_supplement": lambda d, a: services.dossier_request_supplement(
        dossier=d, actor=a, expected_version=d.version, reason="Bổ sung giấy chứng sinh"
    ),
    "request_obligation": lambda d, a: services.dossier_request_obligation(
        dossier=d, actor=a, expected_version=d.version, reason="Nộp lệ phí"
    ),
    "supplement": lambda d, a: services.dossier_supplement(
        dossier=d, actor=a, expected_version=d.version, note="Đã bổ sung."
    ),
    "fulfil_obligation": lambda d, a: services.dossier_fulfil_obligation(
        dossier=d, actor=a, expected_version=d.version
    ),
    "refuse": lambda d, a: services.dossier_refuse(
        dossier=d, actor=a, expected_version=d.version, reason="Không thuộc thẩm quyền"
    ),
    "withdraw": lambda d, a: services.dossier_withdraw(
        dossier=d, actor=a, expected_version=d.version
    ),
    "stop": lambda d, a: services.dossier_stop(
        dossier=d, actor=a, expected_version=d.version, reason="Gia đình đổi ý"
    ),
    "approve": lambda d, a: services.dossier_approve(
        dossier=d, actor=a, expected_version=d.version
    ),
    "resolve": lambda d, a: services.dossier_resolve(
        dossier=d, actor=a, expected_version=d.version
    ),
    "return_result": lambda d, a: services.dossier_return_result(
        dossier=d, actor=a, expected_version=d.version
    ),
    "apologize": lambda d, a: services.dossier_apologize(
        dossier=d,
        actor=a,
        expected_version=d.version,
        reason="Cần xác minh",
        new_due_at=datetime(2026, 11, 30, 16, tzinfo=VN),
    ),
}

ROLES = ["clerk", "specialist", "leader", "unit_head", "outsider", "citizen", "other_citizen"]
DECIDERS = {"leader", "unit_head"}
CITIZEN_OR_DESK = {"citizen", "clerk"}

ALLOWED: dict[str, dict[str, set[str]]] = {
    "new_dossier": {
        "receive": {"clerk"},
        "request_supplement": {"clerk"},
        "refuse": {"clerk"},
        "withdraw": CITIZEN_OR_DESK,
    },
    "received": {
        "forward": {"clerk"},
        "request_supplement": {"clerk"},
        "request_obligation": {"clerk"},
        "stop": CITIZEN_OR_DESK,
        "apologize": DECIDERS,
    },
    "at_specialist": {
        "forward": {"specialist"},
        "send_back": {"specialist"},
        "request_supplement": {"specialist", "clerk"},
        "request_obligation": {"specialist", "clerk"},
        "stop": CITIZEN_OR_DESK,
        "apologize": DECIDERS,
    },
    "at_leader": {
        "send_back": {"leader"},
        "approve": {"leader"},
        "request_supplement": {"leader", "clerk"},
        "request_obligation": {"leader", "clerk"},
        "stop": CITIZEN_OR_DESK,
        "apologize": DECIDERS,
    },
    "approved": {
        "send_back": {"clerk"},
        "resolve": {"clerk"},
        "request_supplement": {"clerk"},
        "request_obligation": {"clerk"},
        "apologize": DECIDERS,
    },
    "resolved": {"return_result": {"clerk"}},
    "returned": {},
    "waiting_supplement": {
        "supplement": CITIZEN_OR_DESK,
        "stop": CITIZEN_OR_DESK,
        "apologize": DECIDERS,
    },
    "waiting_payment": {
        "fulfil_obligation": {"clerk"},
        "stop": CITIZEN_OR_DESK,
        "apologize": DECIDERS,
    },
}


@pytest.fixture
def returned(resolved: Dossier, clerk: User) -> Dossier:
    return services.dossier_return_result(
        dossier=resolved, actor=clerk, expected_version=resolved.version
    )


@pytest.fixture
def waiting_supplement(at_specialist: Dossier, specialist: User) -> Dossier:
    return services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Bổ sung",
    )


@pytest.fixture
def waiting_payment(at_specialist: Dossier, specialist: User) -> Dossier:
    return services.dossier_request_obligation(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Lệ phí",
    )


class _Undo(Exception):
    """Rolls back an allowed action once it has been seen to succeed."""


def _succeed_then_undo(action: Action, dossier: Dossier, actor: User) -> None:
    with transaction.atomic():
        action(dossier, actor)
        raise _Undo


@pytest.mark.parametrize("state", list(ALLOWED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_who_may_do_what(
    request: pytest.FixtureRequest, state: str, action: str, unit_head: User
) -> None:
    dossier: Dossier = request.getfixturevalue(state)
    people = {role: request.getfixturevalue(role) for role in ROLES}
    allowed = ALLOWED[state].get(action, set())
    before = (dossier.version, dossier.status, dossier.current_step_id, dossier.due_at)

    for role in ROLES:
        fresh = Dossier.objects.get(pk=dossier.pk)
        if role in allowed:
            with pytest.raises(_Undo):
                _succeed_then_undo(ACTIONS[action], fresh, people[role])
        else:
            with pytest.raises(DossierError):
                ACTIONS[action](fresh, people[role])
        after = Dossier.objects.get(pk=dossier.pk)
        assert (after.version, after.status, after.current_step_id, after.due_at) == before, (
            f"{role} {action} in {state} changed the dossier"
        )
