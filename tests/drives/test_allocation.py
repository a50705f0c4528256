"""Allocation a coordinator can trust: no lot that expires before the hand-over ends,
equal shares whatever the names, the readable preview, top-ups after new stock."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import AuditEntry
from backend.distribution.models import Allocation, AllocationRun, Enrolment
from backend.drives import services
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Balance, Item, Movement
from backend.inventory.selectors import stock_check

pytestmark = pytest.mark.django_db


def _food_drive(coordinator, site, start, end):
    return services.create_drive(coordinator, name="Paczki grudzień", kind="food",
                                 sites=[site], distribution_start=start, distribution_end=end)


def test_lots_expiring_before_the_last_day_are_not_reserved(store, site, make_household,
                                                             coordinator, settings):
    """Today's main: a drive distributing 14–20.12 reserved pasta best before 06.12."""
    settings.FOOD_EXPIRY_MARGIN_DAYS = 2
    today = timezone.localdate()
    start, end = today + dt.timedelta(days=18), today + dt.timedelta(days=24)
    drive = _food_drive(coordinator, site, start, end)
    pasta = Item.objects.create(name="Makaron", category=store["rice"].category, unit="kg",
                                perishable=True)
    services.save_target(coordinator, drive, Target(item=pasta, quantity=20, amount=2))
    homes = [make_household(f"Rodzina{i}") for i in range(3)]
    services.enrol_households(coordinator, drive, homes)
    early = stock.create_lot(None, pasta, store["shelf"], 10, expiry=start - dt.timedelta(days=8))
    on_margin = stock.create_lot(None, pasta, store["shelf"], 3, expiry=end + dt.timedelta(days=2))
    good = stock.create_lot(None, pasta, store["shelf"], 4, expiry=end + dt.timedelta(days=30))

    plan = services.preview(drive)[0]
    assert plan.cutoff == end + dt.timedelta(days=2)
    assert plan.stock == 4 and plan.short and plan.short_by == 2
    assert {x.lot_id for x in plan.excluded} == {early.pk, on_margin.pk}
    assert plan.excluded_total == 13

    services.commit(coordinator, drive)
    reserved = set(Movement.objects.filter(kind=Movement.Kind.RESERVE).values_list(
        "lot_id", flat=True))
    assert reserved == {good.pk}
    assert Balance.objects.get(lot=early).reserved == 0
    run = AllocationRun.objects.get()
    assert {x["lot"] for x in run.excluded} == {early.pk, on_margin.pk}
    assert not stock_check()


def test_equal_households_get_equal_shares_whatever_their_names(drive, store, make_household,
                                                                coordinator):
    """Today's main: Ślusarczyk and Żółkiewska (last in code-point order) got 0 kg."""
    names = ["Adamska", "Ślusarczyk", "Żółkiewska", "Nowak", "Kowal", "Łuczak"]
    homes = [make_household(n, phone=f"+4860123{i:04d}") for i, n in enumerate(names)]
    services.enrol_households(coordinator, drive, homes)
    stock.create_lot(None, store["rice"], store["shelf"], 7)  # need 2 each (1 person), min 1
    plan = services.preview(drive)[0]
    assert not plan.short or plan.minimums_fit
    given = {e.household.display_name.split(",")[0]: q for e, _n, q in plan.rows}
    assert sorted(given.values()) == [1, 1, 1, 1, 1, 2]
    assert all(q >= 1 for q in given.values())
    services.commit(coordinator, drive)
    run = AllocationRun.objects.get()
    assert run.seed == drive.distribution.lottery_seed and len(run.tie_break) == 1
    assert AuditEntry.objects.filter(content_type__model="allocationrun").exists()


def test_minimums_that_do_not_fit_offer_the_choices(client, drive, store, households,
                                                    coordinator):
    services.enrol_households(coordinator, drive, households(5))
    stock.create_lot(None, store["rice"], store["shelf"], 3)  # minimum 1 each: 5 > 3
    client.force_login(coordinator)
    url = reverse("drives:allocate", args=[drive.pk])
    page = client.get(url).content.decode()
    assert 'id="minimums-short"' in page
    assert "when_short=priority_only" in page and drive.get_absolute_url() in page
    assert "when_short=equal" in page  # a smaller, equal minimum: the default
    assert "the minimums need" not in page  # translated: Polish for the coordinator
    equal = services.preview(drive)[0]
    assert not equal.minimums_fit and sorted(q for _e, _n, q in equal.rows) == [0, 0, 1, 1, 1]
    assert AllocationRun.objects.count() == 0  # the preview reserved nothing
    client.post(url, {"when_short": "priority_only", "confirmed": "1"})
    assert AllocationRun.objects.get().when_short == "priority_only"
    assert sum(Allocation.objects.values_list("quantity", flat=True)) == 3


def test_the_preview_says_why_per_household_and_pages(client, drive, store, households,
                                                      coordinator):
    pasta = Item.objects.create(name="Makaron", category=store["rice"].category, unit="kg")
    services.save_target(coordinator, drive, Target(item=pasta, quantity=10, amount=1,
                                                    policy=Target.Policy.PER_PERSON_CAP,
                                                    cap=Decimal("4")))
    homes = households(60, members=5)  # 6 persons: rice 12 kg, pasta min(6, 4) = 4 kg
    services.enrol_households(coordinator, drive, homes)
    stock.create_lot(None, store["rice"], store["shelf"], 300)
    client.force_login(coordinator)
    page = client.get(reverse("drives:allocate", args=[drive.pk])).content.decode()
    assert "6 osób × 2 kg, ograniczone do 5 kg" in page
    assert "brak: Makaron" in page
    # 60 households with the same reason: one line and their names, not 60 table rows
    assert page.count('class="alloc-none"') == 1 and "60 gospodarstw" in page
    assert "zostaje w magazynie" in page.lower()
    explain_page = client.get(reverse("drives:allocate", args=[drive.pk]), {"show": "cut"})
    assert 'class="alloc-none"' not in explain_page.content.decode()  # the filter tabs


def test_rerun_after_new_stock_tops_up_fairly(drive, store, households, coordinator):
    """Today's main: re-running after new stock gave earlier winners more and left 16 kg."""
    homes = households(4, members=1)  # 2 persons: 4 kg each, 16 in all
    services.enrol_households(coordinator, drive, homes)
    stock.create_lot(None, store["rice"], store["shelf"], 6)
    services.commit(coordinator, drive)
    first = dict(Allocation.objects.values_list("enrolment_id", "quantity"))
    assert sorted(first.values()) == [1, 1, 2, 2]
    stock.create_lot(None, store["rice"], store["shelf"], 6)
    assert services.commit(coordinator, drive) == 4
    second = dict(Allocation.objects.values_list("enrolment_id", "quantity"))
    assert sum(second.values()) == 12 and sorted(second.values()) == [3, 3, 3, 3]
    assert all(second[k] >= first[k] for k in first)
    assert sum(b.reserved for b in Balance.objects.filter(lot__item=store["rice"])) == 12
    assert not stock_check()
    assert Enrolment.objects.filter(distribution=drive.distribution).count() == 4


def test_the_demo_food_drive_leaves_out_expiring_lots_and_shares_equally():
    from backend.common.demo import load_all
    from backend.drives.demo import FOOD
    from backend.drives.models import Drive

    load_all()
    drive = Drive.objects.get(name=FOOD)
    plans = {p.target.item.name: p for p in services.preview(drive)}
    milk = plans["Mleko UHT"]
    assert milk.short and milk.excluded and milk.stock == 40
    assert all(x.expiry <= milk.cutoff for x in milk.excluded)
    by_persons: dict[int, list[int]] = {}
    for enrolment, _need, quantity in milk.rows:  # the same claim: 2 l per household
        by_persons.setdefault(enrolment.persons, []).append(quantity)
    assert all(max(q) - min(q) <= 1 for q in by_persons.values())
    assert min(q for _e, _n, q in milk.rows) >= 1  # everyone gets the minimum
    load_all()  # idempotent
    assert Drive.objects.filter(name=FOOD).count() == 1
