"""common/idempotency.once: the nonce row decides; a twin replays; Undo frees the nonce.
(Group's unique name stands in for a nonce row.)"""

import pytest
from django.contrib.auth.models import Group

from backend.common.idempotency import Undo, once


@pytest.mark.django_db
def test_second_call_with_the_same_key_replays_the_first_answer():
    effects = []

    def call(answer):
        return once(lambda: Group.objects.create(name="nonce-1"),
                    lambda row: effects.append(answer) or answer,
                    lambda: f"replayed:{Group.objects.get(name='nonce-1').pk}")

    assert call("first") == "first"
    assert call("second").startswith("replayed:")
    assert effects == ["first"]


@pytest.mark.django_db
def test_undo_rolls_back_the_work_and_frees_the_key():
    def refuse(row):
        Group.objects.create(name="side-effect")
        raise Undo("refused")

    assert once(lambda: Group.objects.create(name="nonce-2"), refuse, lambda: "replayed") \
        == "refused"
    assert not Group.objects.filter(name__in=["nonce-2", "side-effect"]).exists()
    assert once(lambda: Group.objects.create(name="nonce-2"), lambda row: "done",
                lambda: "replayed") == "done"
