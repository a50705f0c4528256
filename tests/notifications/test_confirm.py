"""The one confirmation summary for bulk actions, and batches waiting for the sending
hours say until when ("czeka na godziny wysyłki do 08:00"), not a bare "w kolejce"."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.notifications import selectors, services
from backend.notifications.models import OutboxMessage, SmsTemplate

WARSAW = ZoneInfo("Europe/Warsaw")
NIGHT = dt.datetime(2026, 12, 1, 22, 30, tzinfo=WARSAW)
DAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WARSAW)


@pytest.fixture(autouse=True)
def _hours(settings):
    settings.SMS_QUIET_HOURS = "08:00-20:00"


def test_summary_counts_segments_cost_and_when_it_leaves():
    texts = ["MOPS Zgorzelec: krotko", "Zażółć gęślą jaźń " * 5]
    night = selectors.send_summary(texts, now=NIGHT)
    assert night.count == 2 and night.example == texts[0] and night.info.segments == 1
    assert night.total_segments == 1 + 2 and night.total_cost == Decimal("0.48")
    assert night.leaves_at == dt.datetime(2026, 12, 2, 8, 0, tzinfo=WARSAW)
    assert selectors.send_summary(texts, now=DAY).leaves_at is None
    assert not selectors.send_summary([], changes=["x"]).sends


def test_waiting_label():
    assert selectors.waiting_label(NIGHT) == "czeka na godziny wysyłki do 08:00"
    assert selectors.waiting_label(DAY) == ""


@pytest.mark.django_db
def test_dry_run_writes_nothing(make_household):
    person = make_household().members.get()
    template = SmsTemplate.objects.get(code="help", language="pl")
    batch, texts = selectors.dry_run(services.create_batch, name="x", persons=[person],
                                     template=template)
    assert texts and texts[0].startswith("MOPS") and batch.pk
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_batch_list_and_progress_say_until_when_they_wait(client, users, make_household,
                                                          settings):
    person = make_household().members.get()
    template = SmsTemplate.objects.get(code="help", language="pl")
    batch = services.create_batch(name="Noc", persons=[person], template=template)
    client.force_login(users["coordinator"])
    night = timezone.localtime().hour < 8 or timezone.localtime().hour >= 20
    if not night:  # make "now" outside the sending hours whatever the clock says
        hour = (timezone.localtime().hour + 1) % 24
        settings.SMS_QUIET_HOURS = f"{hour:02d}:00-{(hour + 1) % 24 or 1:02d}:00"
    listing = client.get(reverse("notifications:batch_list")).content.decode()
    assert "czeka na godziny wysyłki do" in listing
    progress = client.get(reverse("notifications:batch_detail", args=[batch.pk]),
                          HTTP_HX_REQUEST="true").content.decode()
    assert "czeka na godziny wysyłki do" in progress
