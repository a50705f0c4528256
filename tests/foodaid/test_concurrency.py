"""Ten hand corrections booked at once on one referral and article: the referral row lock
makes each entry see the ones before it, so exactly the entries past the cap are flagged
(PostgreSQL, threads with their own connections)."""

from decimal import Decimal

import pytest

from backend.foodaid import services
from backend.foodaid.models import RationEntry
from tests.races import needs_postgres, race

from .conftest import referral_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_entries_at_once_flag_exactly_those_above_the_cap(coordinator, make_household,
                                                          programmes, articles):
    needs_postgres()
    referral = services.create_referral(coordinator, referral_of(
        make_household(), programmes["new"], females=1, males=0))  # rice cap: 3 kg
    rice = articles["rice"]

    def book():
        return services.add_entry(coordinator, referral, rice, Decimal("1"),
                                  reason="wydanie").over_cap

    flags = race([book] * 10)
    assert sorted(flags) == [False] * 3 + [True] * 7, flags
    assert RationEntry.objects.filter(over_cap=False).count() == 3
