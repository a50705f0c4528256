"""Site scope x role for every scoped list, detail, export and API endpoint (issue #16
item 1). Rows of the Widzew office must not reach anyone bound to Bałuty, whatever the
role; a head-office user (and one bound to no site) sees them. Roles without the
permission get 403 (tests/test_privacy_matrix.py covers which)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.accounts.models import Site
from backend.distribution.models import Enrolment
from backend.drives import services as drives
from backend.events import services as events
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.notifications.models import OutboxMessage
from backend.volunteers import services as volunteers

BOUND_ROLES = [roles.COORDINATOR, roles.SOCIAL_WORKER, roles.WAREHOUSE_VOLUNTEER,
               roles.VOLUNTEER, roles.VIEWER]
MARK = "Widzewska"  # in the name of every Widzew row


@pytest.fixture
def widzew(db, make_household, other_site):
    household = make_household(f"{MARK}", site_obj=other_site)
    drive = drives.create_drive(None, name=f"Zbiórka {MARK}", kind="food", sites=[other_site])
    event = events.create_event(None, name=f"Mikołajki {MARK}", kind="mikolajki",
                                date=dt.date(2026, 12, 6), site=other_site)
    location = stock.create_location(None, other_site, f"Magazyn {MARK}",
                                     Location.Kind.WAREHOUSE)
    item = Item.objects.create(name="Ryż", unit="kg",  # the catalogue is the whole centre's
                               category=Category.objects.create(name="Żywność"))
    lot = stock.create_lot(None, item, location, Decimal("10"))
    enrolment = Enrolment.objects.create(distribution=drive.distribution, household=household)
    person = household.members.get()
    message = OutboxMessage.objects.create(
        dedupe_key="w1", purpose="pickup", phone=person.phone, person=person,
        body=f"Kod {MARK}", encoding="GSM7", segments=1, next_attempt_at=timezone.now())
    shift = volunteers.create_shift(None, roles=[{"name": "Wydawanie", "minimum": 1,
                                                  "maximum": 2}], title=f"Dyżur {MARK}",
                                    date=timezone.localdate() + dt.timedelta(days=3),
                                    start_time=dt.time(10), end_time=dt.time(12),
                                    site=other_site)[0]
    return {"h": household.pk, "p": person.pk, "drive": drive.pk, "event": event.pk,
            "loc": location.pk, "lot": lot.pk, "enrolment": enrolment.pk, "sms": message.pk,
            "shift": shift.pk}


# (name, kind, url) — kind: "ui" (page lists rows: MARK absent/present), "detail" (404/200),
# "api" (list: id absent/present), "api-detail" (404/200).
ENDPOINTS = [
    ("household_list", "ui", lambda o: reverse("people:household_list")),
    ("household_export", "ui", lambda o: reverse("people:household_list") + "?export=csv"),
    ("household_detail", "detail", lambda o: reverse("people:household_detail",
                                                      args=[o["h"]])),
    ("drive_list", "ui", lambda o: reverse("drives:list")),
    ("drive_export", "ui", lambda o: reverse("drives:list") + "?export=csv"),
    ("drive_detail", "detail", lambda o: reverse("drives:detail", args=[o["drive"]])),
    ("event_list", "ui", lambda o: reverse("events:list")),
    ("event_export", "ui", lambda o: reverse("events:list") + "?export=csv"),
    ("event_detail", "detail", lambda o: reverse("events:detail", args=[o["event"]])),
    ("stock_list", "ui", lambda o: reverse("inventory:stock_list")),
    ("stock_export", "ui", lambda o: reverse("inventory:stock_list") + "?export=csv"),
    ("location_list", "ui", lambda o: reverse("inventory:location_list")),
    ("location_detail", "detail", lambda o: reverse("inventory:location_detail",
                                                     args=[o["loc"]])),
    ("sms_sandbox", "ui", lambda o: reverse("notifications:sandbox")),
    ("api_households", "api", lambda o: ("/api/v1/households/", o["h"])),
    ("api_household", "api-detail", lambda o: f"/api/v1/households/{o['h']}/"),
    ("api_persons", "api", lambda o: ("/api/v1/persons/", o["p"])),
    ("api_drives", "api", lambda o: ("/api/v1/drives/", o["drive"])),
    ("api_drive", "api-detail", lambda o: f"/api/v1/drives/{o['drive']}/"),
    ("api_enrolments", "api", lambda o: ("/api/v1/enrolments/", o["enrolment"])),
    ("api_events", "api", lambda o: ("/api/v1/events/", o["event"])),
    ("api_event", "api-detail", lambda o: f"/api/v1/events/{o['event']}/"),
    ("api_locations", "api", lambda o: ("/api/v1/locations/", o["loc"])),
    ("api_location", "api-detail", lambda o: f"/api/v1/locations/{o['loc']}/"),
    ("api_movements", "api", lambda o: ("/api/v1/movements/", None)),
    ("api_balances", "api", lambda o: ("/api/v1/balances/", None)),
    ("api_sms", "api", lambda o: ("/api/v1/sms/messages/", o["sms"])),
    ("api_sms_one", "api-detail", lambda o: f"/api/v1/sms/messages/{o['sms']}/"),
    ("api_shifts", "api", lambda o: ("/api/v1/volunteer-shifts/", o["shift"])),
]


def _ids(data) -> list[int]:
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return [r.get("id") for r in rows]


def check(user, name, kind, url, widzew) -> str:
    """'hidden', 'shown' or 'forbidden'."""
    target = url(widzew)
    if kind in ("ui", "detail"):
        from django.test import Client

        client = Client()
        client.force_login(user)
        response = client.get(target)
        if response.status_code == 403:
            return "forbidden"
        if kind == "detail":
            assert response.status_code in (200, 404), (name, response.status_code)
            return "shown" if response.status_code == 200 else "hidden"
        assert response.status_code == 200, (name, response.status_code)
        body = response.content.decode("utf-8-sig")
        return "shown" if MARK in body else "hidden"
    api = APIClient()
    api.force_authenticate(user)
    if kind == "api-detail":
        response = api.get(target)
        if response.status_code == 403:
            return "forbidden"
        assert response.status_code in (200, 404), (name, response.status_code)
        return "shown" if response.status_code == 200 else "hidden"
    path, pk = target
    response = api.get(path, {"page_size": 100})
    if response.status_code == 403:
        return "forbidden"
    assert response.status_code == 200, (name, response.status_code)
    data = response.json()
    if pk is None:  # movements and balances: the Widzew location's rows
        rows = data["results"] if "results" in data else data
        found = any(widzew["loc"] in (r.get("location"), r.get("from_location"),
                                      r.get("to_location")) for r in rows)
        return "shown" if found else "hidden"
    return "shown" if pk in _ids(data) else "hidden"


# One test per role walks every endpoint (the setup is the costly part); a failure names
# every endpoint that leaked, not only the first.
@pytest.mark.django_db
@pytest.mark.timeout(1200)  # 29 endpoints in one test: slow on a loaded machine
@pytest.mark.parametrize("role", BOUND_ROLES)
def test_bound_to_another_office_never_sees_widzew(make_user, site, widzew, role):
    user = make_user(role, f"{role}-baluty", sites=[site])
    seen = {name: check(user, name, kind, url, widzew) for name, kind, url in ENDPOINTS}
    assert not [name for name, got in seen.items() if got == "shown"], role
    if role == roles.COORDINATOR:  # she has every permission here: nothing was a 403
        assert not [name for name, got in seen.items() if got == "forbidden"]


@pytest.mark.django_db
@pytest.mark.timeout(1200)
def test_head_office_unbound_and_own_office_see_widzew(make_user, other_site, widzew):
    head = Site.objects.create(name="Centrala", kind=Site.Kind.HEAD_OFFICE,
                               street="ul. Piotrkowska 1", postal_code="90-001", city="Łódź")
    for user in (make_user(roles.COORDINATOR, "centrala", sites=[head]),
                 make_user(roles.COORDINATOR, "bez-placowki"),
                 make_user(roles.COORDINATOR, "widzew", sites=[other_site])):
        seen = {name: check(user, name, kind, url, widzew) for name, kind, url in ENDPOINTS}
        assert [name for name, got in seen.items() if got != "shown"] == [], user.username
