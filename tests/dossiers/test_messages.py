"""The thread between the citizen and the officials."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent

pytestmark = pytest.mark.django_db


def test_citizen_and_specialist_talk_and_the_trail_keeps_it(
    at_specialist: Dossier, citizen: User, specialist: User
) -> None:
    question = services.dossier_message_post(
        dossier=at_specialist, actor=specialist, body="Chị cho biết tên đệm của cháu?"
    )
    answer = services.dossier_message_post(
        dossier=at_specialist, actor=citizen, body="Tên đệm là Minh ạ."
    )
    assert (question.from_citizen, answer.from_citizen) == (False, True)
    assert DossierEvent.objects.filter(dossier=at_specialist, action="message").count() == 2


def test_strangers_cannot_post(at_specialist: Dossier, other_citizen: User, outsider: User) -> None:
    for someone in (other_citizen, outsider):
        with pytest.raises(NotAllowed):
            services.dossier_message_post(dossier=at_specialist, actor=someone, body="Xin chào")


def test_an_empty_message_is_refused(at_specialist: Dossier, citizen: User) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_message_post(dossier=at_specialist, actor=citizen, body="   ")
