"""The issue's "done when", end to end through the pages: a person signs up on the public
form, is accepted, signs the documents, is refused a Mikołajki shift until vetted, signs up,
gets the reminder (SMS sandbox), checks in and out, and gets a certificate with the hours."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from backend.notifications.models import OutboxMessage
from backend.volunteers import attendance, reminders
from backend.volunteers.demo import MIKOLAJKI
from backend.volunteers.models import Shift, ShiftSignup, VolunteerProfile


@pytest.mark.django_db
def test_the_whole_story(client):
    call_command("demo_data")
    client.post(reverse("volunteers:apply"), {
        "first_name": "Julia", "last_name": "Nowicka", "phone": "602 111 222",
        "birth_date": "1995-07-07", "sms_consent": "on", "consent": "on",
        "preferred_areas": ["event"]})
    julia = VolunteerProfile.objects.get(last_name="Nowicka")
    client.login(username="koordynator", password="wspolnie-demo")
    client.post(reverse("volunteers:profile_action", args=[julia.pk, "accept"]))
    today = timezone.localdate()
    client.post(reverse("volunteers:profile_action", args=[julia.pk, "documents"]), {
        "agreement_signed_on": today, "data_authorisation_signed_on": today,
        "confidentiality_signed_on": today})
    link = OutboxMessage.objects.get(purpose="volunteer_welcome", phone="+48602111222").body
    client.logout()
    client.post(link[link.index("/volunteers/login/"):])
    mikolajki = Shift.objects.get(title=MIKOLAJKI)
    role = mikolajki.roles.get()
    refused = client.post(reverse("volunteers:signup", args=[role.pk]), follow=True)
    assert "RSPTS" in refused.content.decode() and not ShiftSignup.objects.exists()

    client.logout()
    client.login(username="koordynator", password="wspolnie-demo")
    client.post(reverse("volunteers:profile_action", args=[julia.pk, "check"]), {
        "rspts_checked_on": today, "rspts_result": "no_entry", "document": "krk",
        "document_date": today, "document_clean": "on"})
    client.logout()
    julia.refresh_from_db()
    client.force_login(julia.user)
    assert MIKOLAJKI in client.get(reverse("volunteers:my_shifts")).content.decode()
    client.post(reverse("volunteers:signup", args=[role.pk]))
    signup = ShiftSignup.objects.get(volunteer=julia)

    assert reminders.send_day_before(mikolajki.date - dt.timedelta(days=1)) == 1
    reminder = OutboxMessage.objects.get(purpose="volunteer_reminder")
    assert reminder.phone == "+48602111222" and "15-19" in reminder.body

    attendance.scan(julia, mikolajki, now=mikolajki.starts_at - dt.timedelta(minutes=5))
    attendance.scan(julia, mikolajki, now=mikolajki.ends_at + dt.timedelta(minutes=10))
    signup.refresh_from_db()
    assert signup.minutes == 4 * 60 + 15
    client.logout()
    client.login(username="koordynator", password="wspolnie-demo")
    pdf = client.get(reverse("volunteers:document", args=[julia.pk, "certificate"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from backend.volunteers.documents import _context

    context = _context(julia)
    assert context["total_hours"] == "4,25" and context["rows"][0]["what"].startswith(
        "Mikołajki")


def test_hours_text():
    from backend.volunteers.documents import hours_text

    assert [hours_text(m) for m in (240, 255, 250, 0)] == ["4", "4,25", "4,17", "0"]
