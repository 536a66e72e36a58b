"""Rating a dossier: its applicant only, only once the result is returned, only once;
"not satisfied" needs a reason. A refused rating leaves nothing behind."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.dossiers.models import Dossier
from motcua.feedback.errors import InvalidInput, InvalidState, NotAllowed
from motcua.feedback.models import Level, Rating
from motcua.feedback.services import rating_submit

pytestmark = pytest.mark.django_db


def nothing_saved() -> bool:
    return (
        not Rating.objects.exists()
        and not AuditEvent.objects.filter(action="rating_submit").exists()
    )


def test_the_applicant_rates_a_returned_dossier_and_the_audit_trail_says_so(
    returned: Dossier, citizen: User
) -> None:
    rating = rating_submit(dossier=returned, actor=citizen, level="very_satisfied")

    assert rating.dossier == returned and rating.applicant == citizen
    assert rating.level == Level.VERY_SATISFIED and rating.reason == ""
    audit = AuditEvent.objects.get(action="rating_submit")
    assert audit.actor == citizen and audit.subject_id == str(rating.pk)
    assert audit.changes == {"dossier": returned.pk, "level": "very_satisfied", "reason": ""}


def test_not_satisfied_with_a_reason_is_kept_word_for_word(
    returned: Dossier, citizen: User
) -> None:
    rating = rating_submit(
        dossier=returned,
        actor=citizen,
        level="not_satisfied",
        reason="  Phải đến quầy hai lần vì thiếu hướng dẫn.  ",
    )
    assert rating.level == Level.NOT_SATISFIED
    assert rating.reason == "Phải đến quầy hai lần vì thiếu hướng dẫn."


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_not_satisfied_without_a_reason_is_refused_on_the_reason_field(
    returned: Dossier, citizen: User, reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        rating_submit(dossier=returned, actor=citizen, level="not_satisfied", reason=reason)
    assert refused.value.field == "reason"
    assert "lý do" in refused.value.message
    assert nothing_saved()


@pytest.mark.parametrize("level", ["", "rat_hai_long", "VERY_SATISFIED", "5"])
def test_an_unknown_level_is_refused_on_the_level_field(
    returned: Dossier, citizen: User, level: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        rating_submit(dossier=returned, actor=citizen, level=level)
    assert refused.value.field == "level"
    assert nothing_saved()


def test_a_reason_longer_than_two_thousand_characters_is_refused(
    returned: Dossier, citizen: User
) -> None:
    with pytest.raises(InvalidInput) as refused:
        rating_submit(dossier=returned, actor=citizen, level="satisfied", reason="x" * 2001)
    assert refused.value.field == "reason"
    assert nothing_saved()


def test_a_second_rating_is_refused_and_the_first_stands(returned: Dossier, citizen: User) -> None:
    rating_submit(dossier=returned, actor=citizen, level="satisfied")

    with pytest.raises(InvalidState) as refused:
        rating_submit(dossier=returned, actor=citizen, level="not_satisfied", reason="Đổi ý")

    assert "đã đánh giá" in refused.value.message
    assert refused.value.status_code == 409
    assert Rating.objects.get().level == Level.SATISFIED
    assert AuditEvent.objects.filter(action="rating_submit").count() == 1


@pytest.mark.parametrize("state", ["new_dossier", "resolved"])
def test_no_rating_before_the_result_is_returned(
    request: pytest.FixtureRequest, citizen: User, state: str
) -> None:
    dossier = request.getfixturevalue(state)
    with pytest.raises(InvalidState) as refused:
        rating_submit(dossier=dossier, actor=citizen, level="satisfied")
    assert "trả kết quả" in refused.value.message
    assert nothing_saved()


def test_another_citizen_cannot_rate_bà_hoas_dossier(
    returned: Dossier, other_citizen: User
) -> None:
    with pytest.raises(NotAllowed):
        rating_submit(dossier=returned, actor=other_citizen, level="not_satisfied", reason="x")
    assert nothing_saved()


@pytest.mark.parametrize("official", ["clerk", "specialist", "leader"])
def test_officials_cannot_rate_even_the_dossiers_they_handled(
    request: pytest.FixtureRequest, returned: Dossier, official: str
) -> None:
    with pytest.raises(NotAllowed):
        rating_submit(
            dossier=returned, actor=request.getfixturevalue(official), level="very_satisfied"
        )
    assert nothing_saved()


def test_the_database_refuses_not_satisfied_without_a_reason_whatever_writes_it(
    returned: Dossier, citizen: User
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(dossier=returned, applicant=citizen, level="not_satisfied")


def test_the_database_keeps_one_rating_per_dossier(returned: Dossier, citizen: User) -> None:
    Rating.objects.create(dossier=returned, applicant=citizen, level="satisfied")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(dossier=returned, applicant=citizen, level="very_satisfied")


def test_a_rating_racing_past_the_check_is_refused_like_any_repeat(
    returned: Dossier, citizen: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clicks at once on SQLite (no row lock): the unique dossier decides."""
    Rating.objects.create(dossier=returned, applicant=citizen, level="satisfied")
    monkeypatch.setattr("motcua.feedback.services._already_rated", lambda dossier: False)

    with pytest.raises(InvalidState):
        rating_submit(dossier=returned, actor=citizen, level="very_satisfied")
    assert Rating.objects.get().level == Level.SATISFIED
    assert not AuditEvent.objects.filter(action="rating_submit").exists()
