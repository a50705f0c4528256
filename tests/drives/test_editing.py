"""A drive and its targets can be corrected (audited) until the drive is closed (issue 12 §1)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts.models import AuditEntry
from backend.drives import services
from backend.drives.models import Drive, Target
from backend.inventory import services as stock
from tests.audit import assert_audited
from tests.drives.conftest import distributing
from tests.factories import DriveFactory, ItemFactory, TargetFactory

pytestmark = pytest.mark.django_db


def drive_post(drive, **changes):
    data = {"name": drive.name, "kind": drive.kind, "method": drive.method,
            "collection_start": "", "collection_end": "", "distribution_start": "2026-12-01",
            "distribution_end": "", "sites": [s.pk for s in drive.sites.all()]}
    data.update(changes)
    return data


def test_coordinator_corrects_the_dates_and_the_history_reads_in_polish(client, coordinator,
                                                                        site):
    drive = DriveFactory(sites=[site])
    client.force_login(coordinator)
    assert 'data-action="edit-drive"' in client.get(drive.get_absolute_url()).content.decode()
    page = client.get(reverse("drives:edit", args=[drive.pk]))
    assert page.status_code == 200 and 'value="2026-12-01"' in page.content.decode()
    response = client.post(reverse("drives:edit", args=[drive.pk]), drive_post(
        drive, name="Paczki na święta", distribution_start="2026-12-05",
        distribution_end="2026-12-12"))
    assert response.status_code == 302
    drive.refresh_from_db()
    assert (drive.name, drive.distribution_start, drive.distribution_end) == (
        "Paczki na święta", dt.date(2026, 12, 5), dt.date(2026, 12, 12))
    assert drive.distribution.name == "Paczki na święta"
    entry = assert_audited(drive, "update", actor=coordinator,
                           fields=("name", "distribution_start", "distribution_end"))
    assert entry.changes["distribution_start"] == ["2026-12-01", "2026-12-05"]
    detail = client.get(drive.get_absolute_url()).content.decode()
    assert "Wydawanie od: 01.12.2026 → 05.12.2026" in detail


def test_end_before_start_is_refused_with_a_reason(client, coordinator):
    drive = DriveFactory()
    client.force_login(coordinator)
    response = client.post(reverse("drives:edit", args=[drive.pk]), drive_post(
        drive, distribution_start="2026-12-10", distribution_end="2026-12-01"))
    assert response.status_code == 400
    assert "przed datą początku" in response.content.decode()
    drive.refresh_from_db()
    assert drive.distribution_end is None


def test_a_closed_drive_says_why_it_cannot_be_edited(client, coordinator):
    drive = DriveFactory()
    target = TargetFactory(drive=drive)
    Drive.objects.filter(pk=drive.pk).update(status=Drive.Status.CLOSED)
    client.force_login(coordinator)
    page = client.get(reverse("drives:edit", args=[drive.pk])).content.decode()
    assert "data-refused" in page and "zamknięta" in page and "<form method=\"post\" novalidate" not in page
    refused = client.post(reverse("drives:edit", args=[drive.pk]), drive_post(drive, name="X"))
    assert refused.status_code == 409
    assert client.post(reverse("drives:target_edit", args=[drive.pk, target.pk]), {
        "item": target.item_id, "quantity": "1", "policy": "fixed", "amount": "1",
        "minimum": "0"}).status_code == 409
    drive.refresh_from_db()
    assert drive.name != "X"
    with pytest.raises(services.DriveError) as err:
        services.update_drive(coordinator, drive, {"name": "X"})
    assert err.value.code == "drive_closed"


def test_coordinator_edits_and_removes_a_target(client, coordinator):
    target = TargetFactory(quantity=Decimal("100"))
    drive = target.drive
    client.force_login(coordinator)
    url = reverse("drives:target_edit", args=[drive.pk, target.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"item": target.item_id, "quantity": "150", "policy": "fixed",
                                 "amount": "2", "minimum": "0"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.quantity, target.amount) == (Decimal("150"), Decimal("2"))
    entry = assert_audited(target, "update", actor=coordinator, fields=("quantity", "amount"))
    assert entry.root_id == str(drive.pk)
    # the same values typed again ("150" for the stored "150.000") change nothing
    client.post(url, {"item": target.item_id, "quantity": "150", "policy": "fixed",
                      "amount": "2,000", "minimum": "0"})
    assert AuditEntry.objects.filter(object_id=str(target.pk), action="update").count() == 1
    detail = client.get(drive.get_absolute_url()).content.decode()
    assert "Cel: 100 → 150" in detail
    assert client.post(reverse("drives:target_delete", args=[drive.pk, target.pk])
                       ).status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()
    assert_audited(target, "delete", actor=coordinator)
    # a target of another drive is not reachable through this drive's URL
    other = TargetFactory()
    assert client.get(reverse("drives:target_edit", args=[drive.pk, other.pk])
                      ).status_code == 404


def test_a_target_with_allocations_is_not_removed(client, coordinator, drive, store,
                                                  households):
    services.enrol_households(coordinator, drive, households(1))
    stock.create_lot(None, store["rice"], store["shelf"], 50)
    services.commit(coordinator, drive)
    target = drive.targets.get()
    client.force_login(coordinator)
    page = client.post(reverse("drives:target_delete", args=[drive.pk, target.pk]),
                       follow=True).content.decode()
    assert "przydzielono" in page
    assert Target.objects.filter(pk=target.pk).exists()
    distributing(drive, coordinator)  # still open: the target stays editable


def test_api_edits_go_through_the_same_services(users, coordinator):
    from backend.accounts import roles

    target = TargetFactory(item=ItemFactory(name="Mąka"))
    drive = target.drive
    api = APIClient()
    api.force_authenticate(users[roles.COORDINATOR])
    patched = api.patch(f"/api/v1/drives/{drive.pk}/", {"distribution_end": "2026-12-20"},
                        format="json")
    assert patched.status_code == 200, patched.content
    assert_audited(drive, "update", fields=("distribution_end",))
    assert api.patch(f"/api/v1/drive-targets/{target.pk}/", {"quantity": "7"},
                     format="json").status_code == 200
    assert_audited(target, "update", fields=("quantity",))
    Drive.objects.filter(pk=drive.pk).update(status=Drive.Status.CLOSED)
    closed = api.delete(f"/api/v1/drive-targets/{target.pk}/")
    assert closed.status_code == 409 and closed.json()["code"] == "drive_closed"


def test_a_pickup_slot_keeps_its_day_once_households_are_booked(client, coordinator, site):
    from backend.distribution.models import Enrolment, PickupSlot
    from tests.factories import HouseholdFactory

    drive = DriveFactory(sites=[site])
    slot = PickupSlot.objects.create(distribution=drive.distribution, site=site,
                                     date=dt.date(2026, 12, 5), start=dt.time(10),
                                     end=dt.time(12), capacity=5)
    url = reverse("drives:slot_edit", args=[drive.pk, slot.pk])
    client.force_login(coordinator)
    body = {"site": site.pk, "date": "2026-12-06", "start": "10:00", "end": "12:00",
            "capacity": "5"}
    assert client.post(url, body).status_code == 302  # nobody booked: the day moves
    slot.refresh_from_db()
    assert slot.date == dt.date(2026, 12, 6)
    assert_audited(slot, "update", actor=coordinator, fields=("date",))
    Enrolment.objects.create(distribution=drive.distribution, household=HouseholdFactory(),
                             slot=slot)
    moved = client.post(url, {**body, "date": "2026-12-07"})
    assert moved.status_code == 400 and "SMS" in moved.content.decode()
    too_small = client.post(url, {**body, "capacity": "0"})
    assert too_small.status_code == 400 and "zajętych" in too_small.content.decode()
    assert client.post(url, {**body, "capacity": "8"}).status_code == 302
    slot.refresh_from_db()
    assert (slot.date, slot.capacity) == (dt.date(2026, 12, 6), 8)


def test_editing_a_target_keeps_the_per_child_age_rule(coordinator):
    target = TargetFactory()
    with pytest.raises(services.TargetError) as err:
        services.update_target(coordinator, target, {"policy": "per_child", "min_age": 18,
                                                     "max_age": 6})
    assert err.value.code == "age_range_reversed"
    services.update_target(coordinator, target, {"policy": "per_child", "min_age": 6,
                                                 "max_age": 18})
    assert_audited(target, "update", fields=("policy", "min_age", "max_age"))
