""""Akcja zeszyt": a school kit per child aged 6–18 on the first distribution day — adults
and younger or older children get none; the fair split and the explanation per household
follow; a target without an age range is refused (UI message, API 409)."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.distribution.models import Allocation
from backend.drives import services
from backend.drives.explain import lines
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Item
from backend.inventory.selectors import stock_check

pytestmark = pytest.mark.django_db
FIRST_DAY = dt.date(2026, 8, 25)


def child(name: str, born: dt.date) -> dict:
    return {"first_name": name, "last_name": "X", "relation": "child", "birth_date": born}


@pytest.fixture
def kits(store, site, coordinator):
    drive = services.create_drive(coordinator, name="Akcja zeszyt 2026", kind="food",
                                  sites=[site], distribution_start=FIRST_DAY)
    kit = Item.objects.create(name="Wyprawka szkolna", category=store["rice"].category,
                              unit="pcs")
    services.save_target(coordinator, drive, Target(
        item=kit, quantity=50, policy=Target.Policy.PER_CHILD, amount=1, min_age=6,
        max_age=18))
    return drive, kit


def test_one_kit_per_child_in_the_age_range(kits, store, make_household, coordinator):
    drive, kit = kits
    two = make_household("Nowak", members=[
        child("Ola", dt.date(2020, 8, 25)),   # 6 on the day: in
        child("Jaś", dt.date(2008, 8, 26)),   # 17 (18 tomorrow): in
        child("Kuba", dt.date(2020, 8, 26))])  # 5 until tomorrow: out
    none = make_household("Kowalska", members=[child("Ewa", dt.date(2007, 8, 25))])  # 19
    one = make_household("Wiśniewska", members=[child("Ala", dt.date(2014, 1, 1))])
    services.enrol_households(coordinator, drive, [two, none, one])
    stock.create_lot(None, kit, store["shelf"], 10)

    plan = services.preview(drive)[0]
    needs = {e.household_id: n for e, n, _q in plan.rows}
    assert needs == {two.pk: 2, none.pk: 0, one.pk: 1}
    said = {line.enrolment.household_id: " ".join(line.parts) for line in lines([plan])}
    assert "2 dzieci w wieku 6–18 × 1" in said[two.pk]
    services.commit(coordinator, drive)
    given = {a.enrolment.household_id: int(a.quantity)
             for a in Allocation.objects.select_related("enrolment")}
    assert given.get(two.pk) == 2 and given.get(one.pk) == 1 and not given.get(none.pk)
    assert not stock_check()


def test_short_stock_is_split_fairly_between_children(kits, store, make_household,
                                                      coordinator):
    drive, kit = kits
    big = make_household("Duża", members=[child(f"D{i}", dt.date(2012, 1, 1 + i))
                                          for i in range(4)])
    small = make_household("Mała", members=[child("M", dt.date(2012, 3, 1))])
    services.enrol_households(coordinator, drive, [big, small])
    stock.create_lot(None, kit, store["shelf"], 3)
    plan = services.preview(drive)[0]
    assert plan.total_need == 5 and plan.stock == 3
    assert sum(q for _e, _n, q in plan.rows) == 3
    assert all(q >= 1 for _e, _n, q in plan.rows)  # nobody left without a kit


def test_per_child_without_an_age_range_is_refused(kits, store, coordinator, client):
    drive, kit = kits
    pens = Item.objects.create(name="Piórnik", category=store["rice"].category, unit="pcs")
    client.force_login(coordinator)
    response = client.post(reverse("drives:action", args=[drive.pk, "target"]), {
        "item": pens.pk, "quantity": 10, "policy": "per_child", "amount": 1, "minimum": 0,
        "min_age": 12, "max_age": 6}, follow=True)
    assert "wiek" in response.content.decode().lower()
    assert not drive.targets.filter(item=pens).exists()
    api = APIClient()
    api.force_authenticate(coordinator)
    answer = api.post("/api/v1/drive-targets/", {"drive": drive.pk, "item": pens.pk,
                                           "quantity": "10", "policy": "per_child",
                                           "amount": "1"}, format="json")
    assert answer.status_code == 409 and answer.json()["code"] == "age_range_missing"
