"""Hand-over that cannot go wrong: refused before the distribution stage, outside the
slot's day or at another site — overridable by a coordinator with a reason (audited)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.models import AuditEntry, Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services
from backend.inventory import services as stock
from tests.drives.conftest import distributing

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(drive, store, site, households, coordinator):
    """One household with rice, booked today at `site`; the drive still collecting."""
    services.enrol_households(coordinator, drive, households(1))
    stock.create_lot(None, store["rice"], store["shelf"], 10)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    services.advance(coordinator, drive)  # collecting
    return Enrolment.objects.get(distribution=drive.distribution)


def test_refused_before_the_distribution_stage(booked, volunteer, drive, coordinator):
    with pytest.raises(engine.HandOverRefused) as refused:
        engine.hand_over(volunteer, booked, nonce="n1")
    assert refused.value.code == "not_distributing"
    assert "Wydawanie jeszcze się nie zaczęło" in refused.value.message
    distributing(drive, coordinator)
    assert engine.hand_over(volunteer, booked, nonce="n2").ok


def test_refused_outside_the_slot_day(booked, volunteer, drive, coordinator):
    distributing(drive, coordinator)
    early = timezone.now() - dt.timedelta(days=18)
    with pytest.raises(engine.HandOverRefused) as refused:
        engine.hand_over(volunteer, booked, nonce="n1", at=early)
    assert refused.value.code == "wrong_day"
    assert booked.slot.date.strftime("%d.%m.%Y") in refused.value.message
    assert Enrolment.objects.get(pk=booked.pk).status == Enrolment.Status.ENROLLED


def test_refused_at_another_site_and_overridden_by_a_coordinator(booked, volunteer, drive,
                                                                 coordinator, other_site):
    distributing(drive, coordinator)
    with pytest.raises(engine.HandOverRefused) as refused:
        engine.hand_over(volunteer, booked, nonce="n1", site=other_site)
    assert refused.value.code == "wrong_site" and "Filia Bałuty" in refused.value.message
    with pytest.raises(engine.HandOverRefused) as denied:
        engine.hand_over(volunteer, booked, nonce="n2", site=other_site, override="bo tak")
    assert denied.value.code == "override_not_allowed"
    done = engine.hand_over(coordinator, booked, nonce="n3", site=other_site,
                            override="przyszła do filii Widzew, bo chora")
    assert done.ok
    entry = AuditEntry.objects.get(content_type__model="enrolment", object_id=str(booked.pk),
                                   changes__has_key="handover_override")
    assert entry.changes["handover_override"] == ["wrong_site",
                                                  "przyszła do filii Widzew, bo chora"]


def test_the_api_answers_409_with_the_code(booked, volunteer, other_site):
    api = APIClient()
    api.force_authenticate(volunteer)
    answer = api.post("/api/v1/handovers/", {"enrolment": booked.pk, "nonce": "a1",
                                             "code": booked.pickup_code, "site": other_site.pk}, format="json")
    assert answer.status_code == 409 and answer.json()["code"] == "not_distributing"


def test_the_card_shows_the_booked_site_and_slot_and_the_refusal(client, booked, volunteer,
                                                                 drive, coordinator,
                                                                 other_site):
    distributing(drive, coordinator)
    drive.sites.add(other_site)
    client.force_login(volunteer)
    page = client.get(reverse("drives:handover", args=[drive.pk]))
    assert page.status_code == 200
    card = client.post(reverse("drives:handover_lookup", args=[drive.pk]),
                       {"code": booked.pickup_code, "site": other_site.pk}).content.decode()
    assert "Filia Bałuty" in card and timezone.localdate().strftime("%d.%m.%Y") in card
    assert 'data-refusal="wrong_site"' in card and "Poproś koordynatora" in card
    refused = client.post(reverse("drives:handover_confirm", args=[drive.pk, booked.pk]),
                          {"nonce": "c1", "site": other_site.pk, "code": booked.pickup_code})
    assert refused.status_code == 200 and refused["HX-Trigger"] == "scan-error"
    assert 'data-refusal="wrong_site"' in refused.content.decode()
    client.force_login(coordinator)
    done = client.post(reverse("drives:handover_confirm", args=[drive.pk, booked.pk]),
                       {"nonce": "c2", "site": other_site.pk, "override": "chora, filia bliżej",
                        "code": booked.pickup_code})
    assert 'data-code="ok"' in done.content.decode()


def test_rescanning_a_handed_code_shows_the_loud_card(client, booked, volunteer, drive,
                                                      coordinator, site):
    distributing(drive, coordinator)
    volunteer.first_name = "Anna"
    volunteer.save()
    client.force_login(volunteer)
    client.post(reverse("drives:handover_confirm", args=[drive.pk, booked.pk]),
                {"nonce": "h1", "site": site.pk, "code": booked.pickup_code})
    again = client.post(reverse("drives:handover_lookup", args=[drive.pk]),
                        {"code": booked.pickup_code, "site": site.pk})
    text = again.content.decode()
    assert again["HX-Trigger"] == "scan-already"
    assert 'data-code="already_handed_over"' in text and "JUŻ WYDANO" in text
    assert "wydał(a) Anna" in text
    handed = timezone.localtime(booked.handovers.get().at)
    assert handed.strftime("%d.%m %H:%M") in text
    assert "confirm-handover" not in text


def test_a_site_not_in_the_drive_is_ignored(client, booked, volunteer, drive, coordinator):
    distributing(drive, coordinator)
    stranger = Site.objects.create(name="Obca", kind=Site.Kind.PICKUP_POINT, city="Łódź")
    client.force_login(volunteer)
    done = client.post(reverse("drives:handover_confirm", args=[drive.pk, booked.pk]),
                       {"nonce": "s1", "site": stranger.pk, "code": booked.pickup_code})
    assert 'data-code="ok"' in done.content.decode()  # the only site of the drive is used
