"""The ration ledger is fed by the distribution engine's hand-overs; it warns above the cap
and lists who is below the share by the deadline."""

from decimal import Decimal

from backend.distribution import services as engine
from backend.foodaid import selectors, services
from backend.foodaid.models import RationEntry

from .conftest import ready_to_hand_over, referral_of

D = Decimal


def test_handover_of_a_fepz_drive_books_the_ration_and_warns_at_the_cap(
        fepz_drive, coordinator, site, make_household, programmes, articles):
    household = make_household()
    referral = services.create_referral(coordinator, referral_of(household, programmes["new"],
                                                                 females=1, males=0))
    [enrolment] = ready_to_hand_over(fepz_drive, coordinator, site, [household])
    outcome = engine.hand_over(coordinator, enrolment, nonce="n-1", site=site)
    assert outcome.ok
    sheet = {line.article.item.name: line for line in selectors.ration_sheet(referral)}
    # one person: cap 3 kg rice, 2 l oil; the drive gave 4 kg and 2 l
    assert sheet["Ryż biały"].received == D("4") and sheet["Ryż biały"].over == D("1")
    assert sheet["Olej rzepakowy"].received == D("2") and sheet["Olej rzepakowy"].over == 0
    flags = dict(RationEntry.objects.values_list("article__item__name", "over_cap"))
    assert flags == {"Ryż biały": True, "Olej rzepakowy": False}
    # a retried hand-over (same nonce) books nothing twice
    engine.hand_over(coordinator, enrolment, nonce="n-1", site=site)
    assert RationEntry.objects.count() == 2


def test_household_without_a_referral_and_other_drives_book_nothing(
        fepz_drive, coordinator, site, make_household):
    [enrolment] = ready_to_hand_over(fepz_drive, coordinator, site, [make_household()])
    assert engine.hand_over(coordinator, enrolment, nonce="n-2", site=site).ok
    assert not RationEntry.objects.exists()


def test_below_share_lists_who_still_has_to_be_served(coordinator, make_household,
                                                      programmes, articles):
    served, waiting = make_household("Kowalska"), make_household("Nowak")
    r1 = services.create_referral(coordinator, referral_of(served, programmes["new"],
                                                           number="A/1"))
    r2 = services.create_referral(coordinator, referral_of(waiting, programmes["new"],
                                                           number="A/2"))
    assert selectors.share_per_person(programmes["new"]) == D("5")
    services.add_entry(coordinator, r1, articles["rice"], D("6"), reason="wydanie ręczne")
    services.add_entry(coordinator, r1, articles["oil"], D("4"), reason="wydanie ręczne")
    services.add_entry(coordinator, r2, articles["rice"], D("2"), reason="wydanie ręczne")
    rows = list(selectors.below_share(programmes["new"], coordinator))
    assert [(r.pk, r.got, r.due) for r in rows] == [(r2.pk, D("2"), D("10"))]
