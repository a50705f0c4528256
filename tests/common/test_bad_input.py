"""Bad input gets a clear answer, never a 500 (issue 9 §5)."""

import json

import pytest
from django.urls import reverse

from backend.distribution.models import Enrolment
from backend.drives import services as drive_services
from backend.inventory.models import Category, Item
from tests.drives.conftest import drive, households, store  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(drive, households, coordinator):  # noqa: F811
    drive_services.advance(coordinator, drive)
    homes = households(1)
    drive_services.enrol_households(coordinator, drive, homes)
    return Enrolment.objects.get(distribution=drive.distribution)


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    client.raise_request_exception = False  # a 500 is an answer to assert on, not a crash
    return client


def ok(response, allowed=(200, 302, 400, 404, 409)):
    assert response.status_code in allowed, (response.status_code,
                                             response.content.decode()[:300])
    return response


def test_non_numeric_ids_in_pages(staff, drive, enrolled, store):  # noqa: F811
    ok(staff.get(f"/drives/{drive.pk}/list/", {"site": "abc"}), (200,))
    ok(staff.get(reverse("drives:list_pdf", args=[drive.pk]), {"site": "abc"}), (200,))
    ok(staff.get(reverse("drives:list_pdf", args=[drive.pk]),
                 {"site": "99999999999999999999999", "format": "csv"}), (200,))
    ok(staff.post(reverse("drives:reschedule", args=[drive.pk, enrolled.pk]), {"slot": "abc"}),
       (404,))
    ok(staff.post(reverse("drives:packing"), {"template": "abc", "location": "x"}), (404,))
    for data in ({"action": "move", "lot": "abc", "location": "abc", "quantity": "1"},
                 {"action": "receive", "item": "abc", "location": "1", "quantity": "1"},
                 {"action": "count", "lot": "abc", "location": "abc", "quantity": "1"}):
        ok(staff.post(reverse("inventory:scan_action"), {**data, "nonce": "n1"}))
    ok(staff.post(reverse("inventory:scan_resolve"),
                  {"code": "abc", "mode_count": "abc", "pending_lot": "abc",
                   "mode_drive": "abc", "nonce": "n2"}))


def test_api_handovers_with_bad_bodies(staff, enrolled):
    url = "/api/v1/handovers/"
    assert ok(staff.post(url, {"enrolment": "abc"}, content_type="application/json")
              ).status_code == 400
    listed = ok(staff.post(url, json.dumps([1, 2]), content_type="application/json"))
    assert listed.status_code == 400 and "JSON" in listed.json()["detail"]
    assert ok(staff.post(url, "5", content_type="application/json")).status_code == 400
    nan = ok(staff.post(url, {"enrolment": enrolled.pk, "nonce": "x",
                              "code": enrolled.pickup_code,
                              "quantities": {"1": "NaN"}}, content_type="application/json"))
    assert nan.status_code in (400, 409)  # refused (a 409 when the code check comes first)
    inf = ok(staff.post(url, {"enrolment": enrolled.pk, "nonce": "y",
                              "code": enrolled.pickup_code,
                              "quantities": {"1": "Infinity"}}, content_type="application/json"))
    assert inf.status_code in (400, 409)
    assert ok(staff.get(url + "lookup/", {"drive": "abc", "code": "X"})).status_code == 404


def test_nan_quantity_in_the_hand_over_page(staff, drive, enrolled):  # noqa: F811
    ok(staff.post(reverse("drives:handover_confirm", args=[drive.pk, enrolled.pk]),
                  {"qty_1": "NaN", "nonce": "z"}))


def test_stock_services_refuse_nan_and_infinity(store, coordinator):  # noqa: F811
    from backend.inventory import services as stock

    for bad in ("NaN", "Infinity", "-Infinity", "sNaN", "abc"):
        with pytest.raises(stock.StockError) as err:
            stock.receive(coordinator, store["rice"], bad, store["shelf"])
        assert err.value.code == "bad_quantity"


def test_post_drive_without_kind_is_a_400(staff, site):
    response = ok(staff.post("/api/v1/drives/", {"name": "Zbiórka", "sites": [site.pk]},
                             content_type="application/json"))
    assert response.status_code == 400 and "kind" in response.json()


def test_deleting_what_is_still_referenced_is_a_409_with_a_reason(staff, store,  # noqa: F811
                                                                   enrolled):
    category = Category.objects.get(name="Żywność")
    assert Item.objects.filter(category=category).exists()
    response = ok(staff.delete(f"/api/v1/categories/{category.pk}/"), (409,))
    assert response.json()["code"] == "protected" and response.json()["message"]
    assert Category.objects.filter(pk=category.pk).exists()
    rice = store["rice"]  # the drive's target refers to it
    response = ok(staff.delete(f"/api/v1/items/{rice.pk}/"), (409,))
    assert response.json()["code"] == "protected" and Item.objects.filter(pk=rice.pk).exists()
    household = enrolled.household
    response = ok(staff.delete(f"/api/v1/households/{household.pk}/"), (409,))
    assert response.json()["code"] == "household_in_use"
    # the household service refuses it with its own message (302 back); either way no 500
    ok(staff.post(reverse("people:household_delete", args=[household.pk])), (302, 409))
    assert type(household).objects.filter(pk=household.pk).exists()


def test_protected_error_maps_to_409_in_the_api_handler():
    from django.db.models import ProtectedError

    from backend.common.errors import api_exception_handler

    item = Item(pk=1, name="Ryż")
    response = api_exception_handler(ProtectedError("x", {item}), {})
    assert response.status_code == 409 and response.data["code"] == "protected"
    assert "artykuły" in response.data["message"] or "items" in response.data["message"]


@pytest.mark.parametrize(("content", "encoding"), [
    ("nazwisko;imie\nKowal\x00ski;Jan\n", "utf-8"),
    ("gospodarstwo;imie;nazwisko\nA;Jan;Kowalski\n", "utf-16"),
    ("gospodarstwo;imie;nazwisko\nA;Jan;" + "x" * (130 * 1024) + "\n", "utf-8"),
    ("\x00\x00\x00", "utf-8"),
])
def test_odd_csv_uploads_get_a_message(staff, site, content, encoding):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = ok(staff.post(reverse("people:import_upload"), {
        "site": site.pk,
        "file": SimpleUploadedFile("lista.csv", content.encode(encoding), "text/csv")}),
        (200, 302, 400))
    if response.status_code == 302:  # parsed: the preview opens and names the problem
        ok(staff.get(response["Location"]), (200,))


def test_parsing_helpers():
    from decimal import Decimal

    from django.http import Http404

    from backend.common.parsing import finite_decimal, get_object_or_404, int_or_none

    assert [int_or_none(v) for v in ("12", " 7 ", "abc", "", None, "1.5", "-3", "0", "٣",
                                     str(2**64), 5, True)] == \
        [12, 7, None, None, None, None, None, None, None, None, 5, None]
    assert finite_decimal("1 234,5") == Decimal("1234.5")
    for bad in ("NaN", "inf", "x"):
        with pytest.raises(ValueError):
            finite_decimal(bad)
    with pytest.raises(Http404):
        get_object_or_404(Item, pk="abc")
    import datetime as dt

    from backend.common.parsing import date_or_none

    assert [date_or_none(v) for v in ("2026-12-06", "2026-13-45", "abc", "", None, "\x00")] \
        == [dt.date(2026, 12, 6), None, None, None, None, None]


def test_no_view_reads_an_id_or_a_date_from_the_request_unchecked():
    """The pattern behind the 500s above: request data straight into .filter(pk=…) or into
    parse_date (which raises on 2026-13-45). Use common.parsing (int_or_none, date_or_none,
    get_object_or_404)."""
    import re
    from pathlib import Path

    raw = r"(self\.)?(request\.(GET|POST)|data)\.get\("
    pattern = re.compile(rf"parse_date\({raw}|\.filter\([^()]*pk={raw}")
    root = Path(__file__).resolve().parents[2] / "backend"
    offenders = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
                 if "migrations" not in path.parts
                 for n, line in enumerate(path.read_text().splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []


def test_id_filters_refuse_what_is_not_an_id(staff):
    """Schemathesis found ?batch=7.05e16 on the SMS list overflowing SQLite (a 500)."""
    for query in ({"batch": "7.054198102437317e+16"}, {"person": "1e30"}, {"batch": "-1"},
                  {"person": "abc"}):
        response = ok(staff.get("/api/v1/sms/messages/", query), (400,))
        assert set(query) & set(response.json())
    assert ok(staff.get("/api/v1/households/", {"min_members": "1e30"}), (400,))
    assert ok(staff.get("/api/v1/sms/messages/", {"batch": "12"}), (200,))


def test_a_protected_error_in_a_page_is_a_409_page(rf, users):
    from django.db.models import ProtectedError

    from backend.common.errors import ProtectedErrorMiddleware

    request = rf.post("/x/")
    request.user = users["coordinator"]
    response = ProtectedErrorMiddleware(lambda r: None).process_exception(
        request, ProtectedError("x", {Item(pk=1, name="Ryż")}))
    assert response.status_code == 409 and "usunąć" in response.content.decode()


@pytest.mark.parametrize("odd", ["abc", "1e30", "NaN", "\x00", "2026-13-45"])
def test_odd_query_values_on_every_other_page(staff, site, settings, coordinator, odd):
    """Found by crawling every page a coordinator reaches on the demo data with odd query
    values (h9c): an id or a well-formed but impossible date straight into the ORM."""
    import datetime as dt

    from backend.camps import services as camps
    from backend.events import services as events
    from backend.events.models import Session

    event = events.create_event(coordinator, name="Mikołajki", kind="mikolajki", site=site,
                                date=dt.date(2026, 12, 6))
    events.add_session(coordinator, event, Session(name="Rano", start=dt.time(10),
                                                   end=dt.time(12), capacity=10))
    camp = camps.create_camp(coordinator, name="Kolonie", year=2027, site=site)
    settings.SMS_BACKEND, settings.SMS_SANDBOX = "console", True
    for url, data in (
            (f"/events/{event.pk}/register/", {"household": odd}),
            (f"/events/{event.pk}/invite/", {"session": odd}),
            (f"/camps/{camp.pk}/apply/", {"household": odd}),
            ("/exchange/runs/", {"date": odd}),
            ("/drives/deliveries/mine/", {"date": odd}),
            ("/volunteers/hours/", {"date_from": odd, "date_to": odd})):
        ok(staff.get(url, data), (200,))
    ok(staff.post(reverse("notifications:simulate_reply"),
                  {"phone": "601 234 567", "body": "TAK", "message": odd}), (302,))


def test_an_id_too_large_for_the_database_is_a_400(staff, site):
    """On SQLite a choice of 99999999999999999999 (a site, an event's site) overflowed the
    database driver (OverflowError, a 500) while the form was checked; PostgreSQL answers
    these lookups itself. Found by posting every form with odd values (h9c)."""
    huge = "9" * 20
    page = ok(staff.post("/drives/new/", {"name": "Zbiórka", "kind": "food", "sites": [huge],
                                          "distribution_start": "2026-12-01"}), (200, 400))
    assert page.status_code in (200, 400)
    ok(staff.post("/households/new/", {"site": huge, "city": "Łódź"}), (200, 400))
    api = ok(staff.post("/api/v1/drives/", {"name": "Z", "kind": "food", "sites": [int(huge)]},
                        content_type="application/json"), (400,))
    assert api.status_code == 400
