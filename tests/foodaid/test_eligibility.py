"""The eligibility check uses the threshold in force on the referral's date: last year's
referrals stay as they were when the percentage or the criterion changes."""

import datetime as dt
from decimal import Decimal

import pytest

from backend.accounts import roles
from backend.accounts.models import AuditEntry
from backend.foodaid import services
from backend.foodaid.models import Criterion, Referral

from .conftest import referral_of

D = Decimal


def test_threshold_is_dated_percentage_of_the_dated_criterion(programmes):
    # 2025: criterion 823 zł per person in a family, 265 % → 2180.95 zł
    assert services.check(programmes["new"], dt.date(2025, 9, 1), 3, D("1")).threshold \
        == D("2180.95")
    # alone: 1010 zł × 265 % = 2676.50 zł
    assert services.check(programmes["new"], dt.date(2025, 9, 1), 1, D("1")).threshold \
        == D("2676.50")
    # 2024: criterion 600 zł, 235 % → 1410 zł
    assert services.check(programmes["old"], dt.date(2024, 5, 1), 2, D("1")).threshold \
        == D("1410.00")


def test_too_high_income_is_refused_with_the_threshold_shown(programmes, make_household,
                                                             coordinator):
    household = make_household()
    referral = referral_of(household, programmes["new"], income_per_person=D("2200"))
    with pytest.raises(services.FoodAidError) as refused:
        services.create_referral(coordinator, referral)
    assert refused.value.code == "income_above_threshold"
    assert "2\xa0180,95 zł" in refused.value.message and "265" in refused.value.message
    assert not Referral.objects.exists()


def test_override_needs_a_reason_and_a_coordinator_and_is_audited(programmes, make_household,
                                                                  coordinator, make_user):
    household = make_household()
    worker = make_user(roles.SOCIAL_WORKER, "pracownik")
    with pytest.raises(services.FoodAidError) as refused:
        services.create_referral(worker, referral_of(household, programmes["new"],
                                                     income_per_person=D("2200")),
                                 override_reason="choroba, koszty leków")
    assert refused.value.code == "override_not_allowed"
    referral = services.create_referral(
        coordinator, referral_of(household, programmes["new"], income_per_person=D("2200")),
        override_reason="choroba, koszty leków")
    assert referral.eligible is False and referral.threshold == D("2180.95")
    entry = AuditEntry.objects.get(object_id=str(referral.pk),
                                   content_type__model="referral")
    assert entry.changes["override_reason"][1] == "choroba, koszty leków"


def test_last_years_referral_keeps_its_check_when_criteria_change(programmes,
                                                                  make_household, coordinator):
    referral = services.create_referral(coordinator, referral_of(
        make_household(), programmes["old"], number="SK/9/2024", issued_on=dt.date(2024, 5, 1),
        valid_until=dt.date(2025, 4, 30), income_per_person=D("1400")))
    assert referral.eligible and referral.threshold == D("1410.00")
    Criterion.objects.filter(effective_from=dt.date(2022, 1, 1)).update(per_person=D("500"))
    programmes["old"].threshold_percent = 200
    programmes["old"].save()
    referral.refresh_from_db()
    assert referral.eligible and referral.threshold == D("1410.00")
    # a new check on the same date now refuses: the settings changed, the record did not
    assert not services.check(programmes["old"], dt.date(2024, 5, 1), 2, D("1400")).ok


def test_referral_is_validated(programmes, make_household, coordinator):
    household = make_household()
    cases = {"age_split": {"children": 2, "seniors": 1}, "no_reason": {"reasons": []},
             "outside_subprogramme": {"issued_on": dt.date(2023, 1, 1),
                                      "valid_until": dt.date(2023, 12, 1)}}
    for code, extra in cases.items():
        with pytest.raises(services.FoodAidError) as refused:
            services.create_referral(coordinator, referral_of(household, programmes["new"],
                                                              **extra))
        assert refused.value.code == code
