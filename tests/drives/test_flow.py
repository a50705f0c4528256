"""The whole flow, donation to signed list, as one test (SQLite and PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.distribution import services as engine
from backend.distribution.models import Allocation, Enrolment, PickupSlot
from backend.donations.services import LineInput, create_donation
from backend.drives import selectors, services
from backend.inventory.models import Balance
from backend.inventory.selectors import stock_check
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_donation_to_signed_list(drive, store, site, households, coordinator, volunteer,
                                 client):
    create_donation(coordinator, site=store["site"], date=dt.date(2026, 11, 20),
                    lines=[LineInput(store["rice"], Decimal("14"), store["shelf"])],
                    drive_id=drive.pk)
    assert selectors.progress(drive)[0].collected == 14
    assert selectors.progress(drive)[0].percent == 14
    services.advance(coordinator, drive)
    homes = households(4, members=1)  # 2 persons each: need 4 kg each, 16 in all
    count, warned = services.enrol_households(coordinator, drive, homes)
    assert count == 4 and not warned
    again, warned = services.enrol_households(coordinator, drive, homes[:1])
    assert again == 0 and warned[homes[0].pk] == ["already_enrolled"]

    plan = services.preview(drive)[0]
    assert plan.stock == 14 and plan.total_need == 16 and plan.total == 14
    assert all(q >= 1 for _e, _n, q in plan.rows)
    assert services.commit(coordinator, drive) == 4
    balance = Balance.objects.get(lot__item=store["rice"])
    assert balance.reserved == 14

    today = timezone.localdate()  # hand-overs are refused on any other day than the slot's
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=today, start=dt.time(10), end=dt.time(12), capacity=2)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=today, start=dt.time(12), end=dt.time(14), capacity=2)
    assert engine.assign_slots(coordinator, drive.distribution) == 4
    notices = OutboxMessage.objects.filter(purpose="pickup_notice")
    assert notices.count() == 4
    first = Enrolment.objects.filter(distribution=drive.distribution).order_by("id").first()
    assert first.pickup_code in notices.get(phone=first.contact.phone).body

    for notice in notices:  # the provider accepted them (dispatch is tested in notifications)
        sms.apply_status(notice, "sent")
    sms.receive_inbound(phone=first.contact.phone, body="tak")
    first.refresh_from_db()
    assert first.status == Enrolment.Status.CONFIRMED

    second = Enrolment.objects.filter(distribution=drive.distribution).order_by("id")[1]
    sms.receive_inbound(phone=second.contact.phone, body="NIE")
    second.refresh_from_db()
    assert second.status == Enrolment.Status.DECLINED
    balance.refresh_from_db()
    assert balance.reserved == 14 - second.allocations.get().quantity

    services.advance(coordinator, drive)  # distributing: hand-overs open
    client.force_login(volunteer)
    url = reverse("drives:handover", args=[drive.pk])
    page = client.post(reverse("drives:handover_lookup", args=[drive.pk]),
                       {"code": first.pickup_code})
    assert page.status_code == 200
    text = page.content.decode()
    assert first.contact.first_name in text and first.contact.last_name not in text
    assert "Zgierska" not in text and first.contact.phone not in text
    done = client.post(reverse("drives:handover_confirm", args=[drive.pk, first.pk]),
                       {"nonce": "n-1", "code": first.pickup_code})
    assert done.status_code == 200 and 'data-code="ok"' in done.content.decode()
    again = client.post(reverse("drives:handover_confirm", args=[drive.pk, first.pk]),
                        {"nonce": "n-2", "code": first.pickup_code})
    assert 'data-code="already_handed_over"' in again.content.decode()
    retry = client.post(reverse("drives:handover_confirm", args=[drive.pk, first.pk]),
                        {"nonce": "n-1", "code": first.pickup_code})
    assert 'data-code="ok"' in retry.content.decode()
    assert client.get(url).status_code == 200
    allocation = Allocation.objects.get(enrolment=first)
    assert allocation.handed_over == allocation.quantity
    assert not stock_check()

    client.force_login(coordinator)
    pdf = client.get(reverse("drives:list_pdf", args=[drive.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get(reverse("drives:list_pdf", args=[drive.pk]), {"format": "csv"})
    assert "Nowak" in csv.content.decode()
    report = selectors.report(drive)
    assert report["households"] == 4 and report["reached"] == 1 and report["children"] == 4


def test_demo_loads_a_fuel_drive_once():
    from backend.common.demo import load_all
    from backend.drives.models import Drive

    load_all()
    load_all()
    drive = Drive.objects.get(kind="fuel")
    assert drive.status == "collecting" and drive.targets.count() == 1
