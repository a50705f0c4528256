"""API (shared FilterSets, services behind create), the pages a coordinator uses, the PDFs,
Wigilia details and lists, the bench suite."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from backend.distribution.models import Participant
from backend.distribution.services import contact_for
from backend.events import documents, services
from backend.events.models import Event, Session
from backend.inventory.selectors import stock_check

pytestmark = pytest.mark.django_db


def test_api_creates_events_and_sessions_through_services(coordinator, site):
    api = APIClient()
    api.force_authenticate(coordinator)
    made = api.post("/api/v1/events/", {"name": "Dzień Dziecka", "kind": "childrens_day",
                                        "date": "2026-06-01", "site": site.pk}, format="json")
    assert made.status_code == 201, made.content
    event = Event.objects.get(pk=made.json()["id"])
    assert event.distribution.name == "Dzień Dziecka" and event.bands.count() == 4
    session = api.post("/api/v1/event-sessions/", {
        "event": event.pk, "name": "Park", "start": "10:00", "end": "14:00", "capacity": 200},
        format="json")
    assert session.status_code == 201
    listed = api.get("/api/v1/events/", {"kind": "childrens_day"}).json()
    assert [e["name"] for e in listed["results"]] == ["Dzień Dziecka"]
    assert api.get("/api/v1/events/", {"kind": "wigilia"}).json()["count"] == 0


def test_registrations_api_filters_and_no_contact_data(event, session, families, coordinator):
    home = families(1, kids=2)[0]
    services.register_people(coordinator, event, session,
                             [m for m in home.members.all() if m.relation == "child"],
                             household=home, contact=contact_for(home))
    api = APIClient()
    api.force_authenticate(coordinator)
    rows = api.get("/api/v1/event-registrations/", {"event": event.pk,
                                                    "session": session.pk}).json()
    assert rows["count"] == 2
    text = json.dumps(rows)
    assert "Zgierska" not in text and "+48" not in text
    assert api.get("/api/v1/event-registrations/", {"event": event.pk + 99}).json()["count"] == 0


def test_coordinator_pages_and_pdfs(event, session, families, coordinator, client):
    home = families(1)[0]
    services.register_people(coordinator, event, session,
                             [m for m in home.members.all() if m.relation == "child"],
                             household=home, contact=contact_for(home))
    client.force_login(coordinator)
    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "1 / 10" in detail
    page = client.get(reverse("events:registrations", args=[event.pk]), {"q": "Dziecko0"},
                      HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert page.status_code == 200 and "<html" not in page.content.decode()
    pdf = client.get(reverse("events:list_pdf", args=[event.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    created = client.post(reverse("events:create"), {
        "kind": "wigilia", "name": "Wigilia", "date": "2026-12-23", "site": event.site_id,
        "child_min_age": 0, "child_max_age": 14, "for_seniors_alone": "on",
        "offer_hours": 24})
    assert created.status_code == 302
    assert Event.objects.get(name="Wigilia").for_seniors_alone


def test_wigilia_details_and_lists(site, coordinator, make_household, client):
    event = services.create_event(coordinator, name="Wigilia", kind=Event.Kind.WIGILIA,
                                  date=dt.date(2026, 12, 23), site=site, for_children=False,
                                  for_seniors_alone=True)
    services.advance(coordinator, event)
    session = services.add_session(coordinator, event, Session(
        name="Stoły 1–4", start=dt.time(16), end=dt.time(18), capacity=32, tables=4,
        seats_per_table=8))
    senior = make_household("Samotna", "Helena", phone="+48601777001")
    person = senior.members.get()
    row = services.register_people(coordinator, event, session, [person], household=senior,
                                   contact=person)[0]
    client.force_login(coordinator)
    client.post(reverse("events:participant_action", args=[event.pk, row.pk, "details"]),
                {"diet": ["diabetic", "gluten_free"], "transport": "on", "table": 2})
    row.refresh_from_db()
    assert row.details == {"diet": ["diabetic", "gluten_free"], "transport": True,
                           "takeaway": False, "table": 2}
    lists = documents.wigilia_lists(event)
    assert lists["transport"] == [row] and lists["diets"] == {"diabetic": 1, "gluten_free": 1}
    report = client.get(reverse("events:report", args=[event.pk])).content.decode()
    assert "Helena" in report and "ul. Zgierska" in report  # coordinators: the drivers' list


@pytest.mark.django_db(transaction=True)
def test_bench_suite_runs(capsys):
    call_command("bench", "events", "--children", "30", "--repeat", "2", "--in-place")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()
             if line.startswith("{")]
    names = {line["benchmark"] for line in lines}
    assert {"events.invitations_queued", "events.checkin_round_trip"} <= names
    queued = next(line for line in lines if line["benchmark"] == "events.invitations_queued")
    assert queued["queued"] == queued["outbox_rows"] == 30
    assert Participant.objects.filter(status="checked_in").count() == 6
    assert stock_check() == []


def test_manual_registration_walk_in_and_gift_label_page(event, session, families, coordinator,
                                                         volunteer, client):
    home = families(1, kids=2)[0]
    client.force_login(coordinator)
    url = reverse("events:register", args=[event.pk])
    page = client.get(url, {"household": home.pk})
    assert [p.first_name for p in page.context["eligible"]] == ["Dziecko1", "Dziecko0"]
    client.post(url, {"household": home.pk, "session": session.pk,
                      "person": [m.pk for m in home.members.all()]})
    assert Participant.objects.filter(household=home).count() == 2  # the parent is not eligible
    wish = event.wishes.first()
    from backend.events import pledges

    pledges.pledge(event, [wish.pk], name="Firma", email="f@example.org")
    label = client.get(reverse("events:gift_scan", args=[wish.token]))
    assert label.status_code == 200 and wish.number in label.content.decode()
    client.post(reverse("events:gift_scan", args=[wish.token]))
    wish.refresh_from_db()
    assert wish.status == "received" and wish.lot is not None

    client.force_login(volunteer)
    answer = client.post(reverse("events:walk_in", args=[event.pk]),
                         {"first_name": "Kuba", "age": 6, "session": session.pk, "nonce": "w1"})
    assert 'data-code="ok"' in answer.content.decode()
    walk_in = Participant.objects.get(first_name="Kuba")
    assert walk_in.walk_in and walk_in.status == "checked_in"
