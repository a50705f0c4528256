"""Offline hand-over (docs/decisions/0110): the day's list holds the minimum, a queued
hand-over synced twice acts once, the same code handed over on two devices is flagged for
the coordinator with both records, and resolving it keeps the ledger exact."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backend.accounts import roles
from backend.distribution import offline
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, HandOverConflict, PickupSlot
from backend.drives import services
from backend.inventory import services as stock
from backend.inventory.models import Movement
from backend.inventory.selectors import stock_check
from tests.drives.conftest import distributing
from tests.races import needs_postgres, race

NOW = timezone.now().isoformat()


@pytest.fixture
def day(drive, store, site, households, coordinator, pesel):
    homes = households(3)
    head = homes[0].members.get()
    head.pesel = pesel(dt.date(1950, 3, 2))
    head.save()
    services.enrol_households(coordinator, drive, homes)
    stock.create_lot(None, store["rice"], store["shelf"], 50)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    distributing(drive, coordinator)
    return list(Enrolment.objects.filter(distribution=drive.distribution).order_by("pk"))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sync(client, drive, code, nonce, site):
    return client.post(reverse("drives:handover_sync", args=[drive.pk]),
                       {"code": code, "nonce": nonce, "device_time": NOW, "site": site.pk})


def test_day_list_holds_only_the_minimum(day, drive, site, volunteer):
    response = _client(volunteer).get(reverse("drives:handover_today", args=[drive.pk]),
                                      {"site": site.pk})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["day"] == timezone.localdate().isoformat() and len(data["rows"]) == 3
    for row in data["rows"]:
        assert set(row) == set(offline.LIST_FIELDS)
        assert row["first_name"] == "Jan" and row["lines"][0]["item"] == "Ryż"
    body = response.content.decode()
    head = day[0].household.members.get()
    for secret in (head.pesel, head.phone, "Zgierska", "Nowak0", "91-100"):
        assert secret not in body


def test_day_list_only_for_the_users_own_site(day, drive, site, other_site, make_user):
    elsewhere = make_user(roles.VOLUNTEER, "widzew", sites=[other_site])
    response = _client(elsewhere).get(reverse("drives:handover_today", args=[drive.pk]),
                                      {"site": site.pk})
    assert response.status_code == 404  # another office's drive: not revealed (scope)
    assert _client(make_user(roles.VOLUNTEER, "baluty", sites=[site])).get(
        reverse("drives:handover_today", args=[drive.pk]), {"site": site.pk}).status_code == 200


def test_queued_handovers_synced_twice_act_once(day, drive, site, volunteer):
    client = _client(volunteer)
    for _attempt in range(2):  # the phone lost the answer and sends its queue again
        for enrolment in day:
            answer = _sync(client, drive, enrolment.pickup_code, f"n-{enrolment.pk}", site)
            assert answer.json()["result"] == "ok"
    assert HandOver.objects.count() == 3
    assert Movement.objects.filter(kind=Movement.Kind.ISSUE).count() == 3
    assert HandOverConflict.objects.count() == 0
    assert set(HandOver.objects.values_list("device_time", flat=True)) != {None}


def test_same_code_on_two_devices_is_flagged_and_resolved(day, drive, site, volunteer,
                                                          make_user, coordinator, store):
    other = make_user(roles.VOLUNTEER, "druga")
    code = day[0].pickup_code
    assert _sync(_client(volunteer), drive, code, "phone-a", site).json()["result"] == "ok"
    second = _client(other)
    for _attempt in range(2):
        assert _sync(second, drive, code, "phone-b", site).json()["result"] == "conflict"
    conflict = HandOverConflict.objects.get()
    assert (conflict.nonce, conflict.actor, conflict.first.nonce) == ("phone-b", other,
                                                                       "phone-a")
    assert _client(volunteer).get(reverse("drives:conflicts", args=[drive.pk])).status_code \
        == 403
    page = _client(coordinator).get(reverse("drives:conflicts", args=[drive.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('data-conflict="') == 1
    assert 'class="record-applied"' in html and 'class="record-flagged"' in html

    before = store["rice"].lots.get().balances.get().quantity
    issued = Movement.objects.filter(kind=Movement.Kind.ISSUE).get().quantity
    response = _client(coordinator).post(
        reverse("drives:conflict_resolve", args=[drive.pk, conflict.pk]),
        {"resolution": "second_package", "note": "dwie paczki"})
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.resolution == "second_package" and conflict.resolved_by == coordinator
    assert store["rice"].lots.get().balances.get().quantity == before - issued
    assert stock_check() == []
    with pytest.raises(offline.ServiceError):  # resolved once, never booked twice
        offline.resolve_conflict(coordinator, conflict, "second_package")


def test_one_package_resolution_books_nothing(day, drive, site, volunteer, coordinator):
    code = day[1].pickup_code
    _sync(_client(volunteer), drive, code, "a", site)
    _sync(_client(volunteer), drive, code, "b", site)
    moves = Movement.objects.count()
    offline.resolve_conflict(coordinator, HandOverConflict.objects.get(), "one_package")
    assert Movement.objects.count() == moves


def test_unknown_code_is_not_a_conflict(day, drive, site, volunteer):
    assert _sync(_client(volunteer), drive, "000000", "x", site).json()["result"] \
        == "unknown_code"
    assert HandOverConflict.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_devices_syncing_at_once_give_one_handover_and_one_conflict(day, drive, site,
                                                                        make_user):
    needs_postgres()
    phones = [make_user(roles.VOLUNTEER, f"p{i}") for i in range(2)]
    code = day[0].pickup_code

    def sync(user, nonce):
        return lambda: _sync(_client(user), drive, code, nonce, site).json()["result"]

    # each phone sends its item three times at once (retries), both phones together
    answers = race([sync(phones[i % 2], f"dev-{i % 2}") for i in range(6)])
    assert HandOver.objects.filter(enrolment=day[0]).count() == 1
    assert HandOverConflict.objects.count() == 1
    assert sorted(set(answers)) == ["conflict", "ok"]
    assert stock_check() == []
