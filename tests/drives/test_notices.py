"""Drive notices: one recipient rule (consent, mobile, STOP, language), texts by code
with the transliterate switch honoured, long item lists summarised into one segment,
and the confirmation before anything is queued."""

import datetime as dt

import pytest
from django.db.models import F
from django.urls import reverse

from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services
from backend.drives.models import Drive, Target
from backend.inventory import services as stock
from backend.inventory.models import Item
from backend.notifications import encoding
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage, SmsTemplate
from backend.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.SMS_QUIET_HOURS = ""
    settings.SMS_SENDER_NAME = "MOPS Zgorzelec"
    settings.SMS_PRICE_PER_SEGMENT = "0.16"


@pytest.fixture
def allocated(drive, store, site, households, coordinator):
    def make(n=3):
        homes = households(n)
        services.enrol_households(coordinator, drive, homes)
        stock.create_lot(None, store["rice"], store["shelf"], 100)
        services.advance(coordinator, drive)
        services.commit(coordinator, drive)
        PickupSlot.objects.create(distribution=drive.distribution, site=site,
                                  date=dt.date(2026, 12, 14), start=dt.time(10),
                                  end=dt.time(12), capacity=50)
        return homes
    return make


def test_no_consent_no_notice_but_a_consenting_member_gets_it(allocated, drive, coordinator):
    homes = allocated(3)
    head0 = homes[0].members.get(relation="head")
    Person.objects.filter(pk=head0.pk).update(sms_consent=False)
    head1 = homes[1].members.get(relation="head")
    Person.objects.filter(pk=head1.pk).update(sms_consent=False)
    Person.objects.create(household=homes[1], first_name="Ewa", last_name="Nowak1",
                          relation="spouse", phone="+48609111222", phone_is_mobile=True,
                          sms_consent=True)
    sms.opt_out(homes[2].members.get(relation="head").phone)
    assert engine.assign_slots(coordinator, drive.distribution) == 3
    notices = OutboxMessage.objects.filter(purpose="pickup_notice")
    assert list(notices.values_list("phone", flat=True)) == ["+48609111222"]
    assert notices.get().body.startswith("MOPS Zgorzelec: Ewa,")


def test_recipient_language_and_transliterate_switch(allocated, drive, coordinator):
    homes = allocated(2)
    Person.objects.filter(household=homes[1]).update(preferred_language="uk")
    template = SmsTemplate.objects.get(code="pickup_notice", language="pl")
    template.transliterate = False
    template.save()
    engine.assign_slots(coordinator, drive.distribution)
    pl = OutboxMessage.objects.get(person__household=homes[0])
    uk = OutboxMessage.objects.get(person__household=homes[1])
    assert "Ryż" in pl.body and pl.encoding == encoding.UCS2  # the switch is off: as written
    assert "Код" in uk.body
    template.transliterate = True
    template.save()
    enrolment = Enrolment.objects.get(household=homes[0])
    slot = PickupSlot.objects.create(distribution=drive.distribution, site=enrolment.slot.site,
                                     date=dt.date(2026, 12, 15), start=dt.time(10),
                                     end=dt.time(12), capacity=5)
    engine.reschedule(coordinator, enrolment, slot)
    again = OutboxMessage.objects.filter(person__household=homes[0]).latest("id")
    assert "Ryz" in again.body and again.encoding == encoding.GSM7 and again.segments == 1


@pytest.mark.parametrize("code", ["pickup_reminder", "pickup_missed"])
def test_reminder_and_missed_pickup_read_the_edited_template_and_its_switch(
        code, allocated, drive, coordinator):
    """Every engine reads its text by code and honours "bez polskich znaków": the day-
    before reminder and the missed-pickup SMS as much as the first notice."""
    allocated(1)
    engine.assign_slots(coordinator, drive.distribution)
    template = SmsTemplate.objects.get(code=code, language="pl")
    template.body = "{sender}: Zażółć, {what}, kod {pickup_code}"
    template.transliterate = True
    template.save()
    PickupSlot.objects.update(date=dt.date(2026, 12, 14) if code == "pickup_reminder"
                              else dt.date(2020, 1, 1))

    def send():
        if code == "pickup_reminder":
            return engine.send_reminders(dt.date(2026, 12, 13))
        return engine.remind_no_shows(drive.distribution)

    assert send() == 1
    sent = OutboxMessage.objects.filter(purpose=code).latest("id")
    assert sent.body.startswith("MOPS Zgorzelec: Zazolc, Ryz 2 kg, kod ")
    assert sent.encoding == encoding.GSM7 and sent.segments == 1
    OutboxMessage.objects.filter(purpose=code).delete()
    template.transliterate = False
    template.save()
    Enrolment.objects.update(notice_version=F("notice_version") + 1)
    assert send() == 1
    written = OutboxMessage.objects.filter(purpose=code).latest("id")
    assert "Zażółć, Ryż" in written.body and written.encoding == encoding.UCS2


def test_long_item_list_is_summarised_into_one_segment(drive, store, site, households,
                                                       coordinator):
    names = ["Makaron świderki", "Olej rzepakowy", "Mleko UHT 3,2%", "Cukier biały",
             "Konserwa tyrolska", "Mąka pszenna"]
    for name in names:
        item = Item.objects.create(name=name, category=store["rice"].category, unit="kg")
        services.save_target(coordinator, drive, Target(item=item, quantity=100,
                                                        policy=Target.Policy.FIXED, amount=2))
        stock.create_lot(None, item, store["shelf"], 100)
    stock.create_lot(None, store["rice"], store["shelf"], 100)
    services.enrol_households(coordinator, drive, households(1))
    services.advance(coordinator, drive)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=dt.date(2026, 12, 14), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    notice = OutboxMessage.objects.get(purpose="pickup_notice")
    assert "paczka zywnosciowa (7 poz.)" in notice.body
    assert notice.encoding == encoding.GSM7 and notice.segments == 1


def test_assign_asks_first_with_count_example_segments_and_cost(client, allocated, drive,
                                                                coordinator):
    allocated(3)
    client.force_login(coordinator)
    url = reverse("drives:action", args=[drive.pk, "assign"])
    assert client.post(url).status_code == 302  # one click queues nothing
    assert not OutboxMessage.objects.exists()
    assert not Enrolment.objects.filter(slot__isnull=False).exists()
    page = client.get(url).content.decode()
    assert 'data-testid="confirm-count"' in page and "3 SMS" in page
    assert "MOPS Zgorzelec: Jan, odbior: Ryz" in page
    assert "GSM-7" in page and "0,48 zł" in page  # 3 × 1 segment × 0,16
    assert not OutboxMessage.objects.exists()  # the preview wrote nothing
    client.post(url, {"confirmed": "1"})
    assert OutboxMessage.objects.filter(purpose="pickup_notice").count() == 3


def test_confirmation_says_when_messages_leave_at_night(client, allocated, drive, coordinator,
                                                        settings):
    from django.utils import timezone

    settings.SMS_QUIET_HOURS = "08:00-20:00"
    allocated(1)
    client.force_login(coordinator)
    now = timezone.localtime()
    page = client.get(reverse("drives:action", args=[drive.pk, "assign"])).content.decode()
    outside = not (8 <= now.hour < 20)
    assert ('data-testid="confirm-leaves"' in page) == outside


def test_next_stage_asks_and_says_what_changes(client, drive, coordinator):
    client.force_login(coordinator)
    url = reverse("drives:action", args=[drive.pk, "advance"])
    client.post(url)
    drive.refresh_from_db()
    assert drive.status == Drive.Status.PLANNED
    page = client.get(url).content.decode()
    assert "→" in page and "zbiórka" in page.lower()
    client.post(url, {"confirmed": "1"})
    drive.refresh_from_db()
    assert drive.status == Drive.Status.COLLECTING


def test_next_stage_to_hand_over_says_what_stops_and_what_starts(client, drive, coordinator):
    services.advance(coordinator, drive)  # collecting
    client.force_login(coordinator)
    url = reverse("drives:action", args=[drive.pk, "advance"])
    page = client.get(url).content.decode()
    assert "Etap: zbieranie → wydawanie" in page
    assert "Dary nie są już przyjmowane do tej zbiórki; można zacząć wydawanie." in page
    drive.refresh_from_db()
    assert drive.status == Drive.Status.COLLECTING  # the page changed nothing
    client.post(url, {"confirmed": "1"})
    client.post(url, {"confirmed": "1"})  # now closing
    drive.refresh_from_db()
    assert drive.status == Drive.Status.CLOSED


def test_allocation_commit_asks_first(client, drive, store, households, coordinator):
    services.enrol_households(coordinator, drive, households(2))
    stock.create_lot(None, store["rice"], store["shelf"], 100)
    client.force_login(coordinator)
    url = reverse("drives:allocate", args=[drive.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="confirm-button"' in page
    client.post(url)
    assert not engine.Allocation.objects.exists()
    client.post(url, {"confirmed": "1"})
    assert engine.Allocation.objects.count() == 2


def test_fuel_list_is_summarised_as_fuel(store, site, households, coordinator):
    drive = services.create_drive(coordinator, name="Opał 2026", kind="fuel", sites=[site])
    wood = Item.objects.create(name="Drewno opałowe liściaste sezonowane",
                               category=store["coal"].category, unit="m3")
    for item in (store["coal"], wood):
        services.save_target(coordinator, drive, Target(item=item, quantity=50,
                                                        policy=Target.Policy.FIXED, amount=3))
        stock.create_lot(None, item, store["shelf"], 50)
    services.enrol_households(coordinator, drive, households(1))
    services.advance(coordinator, drive)
    services.commit(coordinator, drive)
    Person.objects.update(first_name="Małgorzata-Aleksandra")
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=dt.date(2026, 12, 14), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    notice = OutboxMessage.objects.get(purpose="pickup_notice")
    assert "odbior: opal (2 poz.)," in notice.body and notice.segments == 1


def test_building_notices_takes_the_same_queries_for_2_or_20(allocated, drive, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    allocated(20)
    engine.assign_slots(coordinator, drive.distribution)
    counts = []
    for n in (2, 20):
        some = list(Enrolment.objects.filter(distribution=drive.distribution).order_by("id")
                    .select_related("contact", "slot__site")[:n])  # as send_reminders reads
        with CaptureQueriesContext(connection) as ctx:
            assert len(engine.notices(some, engine.REMINDER)) == len(some)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_call_us_is_the_phone_of_the_site_that_hands_it_over(allocated, drive, coordinator,
                                                             settings):
    """Issue 16 item 2: a site's contact phone goes into its notices; a site without one
    leaves the centre's phone."""
    from django.utils import timezone

    from backend.accounts.models import Site

    settings.CENTRE_PHONE = "+48757751234"
    homes = allocated(2)
    engine.assign_slots(coordinator, drive.distribution)
    point = Site.objects.create(name="Punkt Retkinia", kind=Site.Kind.PICKUP_POINT,
                                street="ul. Armii Krajowej 32", postal_code="94-046",
                                city="Łódź", phone="+48426384400")
    slot = PickupSlot.objects.create(distribution=drive.distribution, site=point,
                                     date=dt.date(2026, 12, 14), start=dt.time(10),
                                     end=dt.time(12), capacity=5)
    engine.reschedule(coordinator, Enrolment.objects.get(household=homes[1]), slot)
    later = timezone.make_aware(dt.datetime(2026, 12, 20, 9))
    assert engine.remind_no_shows(drive.distribution, later) == 2
    missed = OutboxMessage.objects.filter(purpose="pickup_missed")
    at_point = missed.get(person__household=homes[1])
    at_office = missed.get(person__household=homes[0])
    assert at_point.body.endswith("Prosimy o telefon: 42 638 44 00")
    assert at_office.body.endswith("Prosimy o telefon: 75 775 12 34")
    assert at_point.encoding == encoding.GSM7 and at_point.segments == 1
