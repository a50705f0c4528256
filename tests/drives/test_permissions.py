"""Drive pages and API x roles; volunteers never see addresses or phones."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services
from backend.inventory import services as stock
from tests.drives.conftest import distributing
from tests.factories import DriveFactory, ItemFactory, TargetFactory
from tests.matrix import ALL, STAFF, A, C, P, S, V, W, api, assert_api_matrix, assert_ui_matrix, ui

UI = [
    ui("list", lambda o: reverse("drives:list"), ALL),
    ui("create", lambda o: reverse("drives:create"), STAFF),
    ui("detail", lambda o: reverse("drives:detail", args=[o["drive"].pk]), ALL),
    ui("edit", lambda o: reverse("drives:edit", args=[o["drive"].pk]), STAFF),
    ui("target_edit", lambda o: reverse("drives:target_edit", args=[
        o["drive"].pk, o["drive"].targets.first().pk]), STAFF),
    ui("enrol", lambda o: reverse("drives:enrol", args=[o["drive"].pk]), {A, C, S}),
    ui("enrolments", lambda o: reverse("drives:enrolments", args=[o["drive"].pk]), {A, C, S}),
    ui("allocate", lambda o: reverse("drives:allocate", args=[o["drive"].pk]), STAFF),
    ui("handover", lambda o: reverse("drives:handover", args=[o["drive"].pk]),
       {A, C, W, V, P}),
    ui("list_pdf", lambda o: reverse("drives:list_pdf", args=[o["drive"].pk]), {A, C, S}),
    ui("report", lambda o: reverse("drives:report", args=[o["drive"].pk]), ALL),
    # writes: a fresh drive and target per role
    ui("edit_post", lambda o: reverse("drives:edit", args=[o["drive"].pk]), STAFF,
       method="post", body=lambda o: {"name": "Poprawiona", "kind": "food",
                                      "method": "proportional"}),
    ui("target_delete", lambda o: reverse("drives:target_delete", args=[
        o["target"].drive_id, o["target"].pk]), STAFF, method="post"),
]
API = [
    api("drives", lambda o: "/api/v1/drives/", ALL),
    api("targets", lambda o: "/api/v1/drive-targets/", STAFF),
    api("enrolments", lambda o: "/api/v1/enrolments/", {A, C, S}),
    api("allocations", lambda o: "/api/v1/allocations/", STAFF),
    api("slots", lambda o: "/api/v1/pickup-slots/", STAFF),
    api("handovers", lambda o: "/api/v1/handovers/", STAFF),
    api("drive_create", lambda o: "/api/v1/drives/", STAFF, method="post",
        body=lambda o: {"name": "Opał API", "kind": "fuel"}),
    api("drive_patch", lambda o: f"/api/v1/drives/{o['drive'].pk}/", STAFF, method="patch",
        body=lambda o: {"distribution_end": "2026-12-24"}),
    api("target_create", lambda o: "/api/v1/drive-targets/", STAFF, method="post",
        body=lambda o: {"drive": o["drive"].pk, "item": ItemFactory().pk, "quantity": "5"}),
    api("target_patch", lambda o: f"/api/v1/drive-targets/{o['target'].pk}/", STAFF,
        method="patch", body=lambda o: {"quantity": "7"}),
    api("target_delete", lambda o: f"/api/v1/drive-targets/{o['target'].pk}/", STAFF,
        method="delete"),
]


def fresh():
    return {"drive": DriveFactory(), "target": TargetFactory()}


@pytest.fixture
def ready(drive, store, site, households, coordinator):
    services.enrol_households(coordinator, drive, households(2))
    stock.create_lot(None, store["rice"], store["shelf"], 50)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    return distributing(drive, coordinator)


@pytest.mark.django_db
def test_ui_matrix(users, ready):
    assert_ui_matrix(users, UI, {"drive": ready}, fresh=fresh)


@pytest.mark.django_db
def test_api_matrix(users, ready):
    assert_api_matrix(users, API, {"drive": ready}, fresh=fresh)


@pytest.mark.django_db
def test_public_progress_needs_no_login_and_shows_no_people(client, ready):
    assert client.get(reverse("drives:public_progress", args=[ready.pk])).status_code == 404
    ready.public_progress = True
    ready.save()
    page = client.get(reverse("drives:public_progress", args=[ready.pk])).content.decode()
    assert "Ryż" in page and "Nowak" not in page and "Jan" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", [V, W])
def test_volunteer_handover_shows_only_first_name(users, client, ready, role):
    enrolment = Enrolment.objects.filter(distribution=ready.distribution).first()
    household = enrolment.household
    client.force_login(users[role])
    page = client.post(reverse("drives:handover_lookup", args=[ready.pk]),
                       {"code": enrolment.pickup_code}).content.decode()
    assert "Jan" in page and "Ryż" in page
    for secret in (household.street, enrolment.contact.last_name, enrolment.contact.phone,
                   household.city):
        assert secret not in page
    api = APIClient()
    api.force_authenticate(users[role])
    data = api.get("/api/v1/handovers/lookup/", {"drive": ready.pk,
                                                 "code": enrolment.pickup_code}).json()
    assert data["first_name"] == "Jan"
    assert household.street not in str(data) and enrolment.contact.phone not in str(data)
    assert api.get("/api/v1/enrolments/").status_code == 403
    bare = api.post("/api/v1/handovers/", {"enrolment": enrolment.pk, "nonce": "x0"},
                    format="json")
    assert bare.status_code == 409 and bare.json()["code"] == "code_required"
    other = Enrolment.objects.filter(distribution=ready.distribution).exclude(
        pk=enrolment.pk).first()
    wrong = api.post("/api/v1/handovers/", {"enrolment": enrolment.pk, "nonce": "x0",
                                            "code": other.pickup_code}, format="json")
    assert wrong.status_code == 409 and wrong.json()["code"] == "code_mismatch"
    done = api.post("/api/v1/handovers/", {"enrolment": enrolment.pk, "nonce": "x1",
                                           "code": enrolment.pickup_code}, format="json")
    assert done.status_code == 200 and done.json()["code"] == "ok"
    again = api.post("/api/v1/handovers/", {"enrolment": enrolment.pk, "nonce": "x2",
                                            "code": enrolment.pickup_code}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_handed_over"


@pytest.mark.django_db
def test_coordinator_pages_work(client, coordinator, ready):
    client.force_login(coordinator)
    detail = client.get(reverse("drives:detail", args=[ready.pk]))
    assert "Ryż" in detail.content.decode()
    assert client.get(reverse("drives:enrolments", args=[ready.pk])).status_code == 200
    assert client.get(reverse("drives:list"), {"export": "csv"}).status_code == 200
    report = client.get(reverse("drives:report", args=[ready.pk]), {"format": "csv"})
    assert "Households" in report.content.decode() or "Gospodarstwa" in report.content.decode()
    created = client.post(reverse("drives:create"), {"name": "Opał 2027", "kind": "fuel",
                                                     "method": "proportional"})
    assert created.status_code == 302


@pytest.mark.django_db
def test_api_creates_drives_and_targets_through_services(users, store):
    api = APIClient()
    api.force_authenticate(users[V])
    assert api.post("/api/v1/drives/", {"name": "X", "kind": "food"}).status_code == 403
    api.force_authenticate(users[C])
    made = api.post("/api/v1/drives/", {"name": "Opał API", "kind": "fuel"}, format="json")
    assert made.status_code == 201, made.content
    drive_id = made.json()["id"]
    target = api.post("/api/v1/drive-targets/", {"drive": drive_id, "item": store["coal"].pk,
                                                  "quantity": "10", "policy": "heating",
                                                  "heating_amounts": {"coal": 2}},
                      format="json")
    assert target.status_code == 201, target.content
    listed = api.get("/api/v1/drive-targets/", {"drive": drive_id}).json()
    assert listed["count"] == 1 if isinstance(listed, dict) else len(listed) == 1


@pytest.mark.django_db
def test_fuel_delivery_toggle(client, coordinator, store, site, households):
    from backend.drives.models import Target

    drive = services.create_drive(coordinator, name="Opał", kind="fuel", sites=[site])
    services.save_target(coordinator, drive, Target(item=store["coal"], quantity=5))
    services.enrol_households(coordinator, drive, households(1))
    enrolment = Enrolment.objects.get(distribution=drive.distribution)
    client.force_login(coordinator)
    assert "Dowieź do domu" in client.get(
        reverse("drives:enrolments", args=[drive.pk])).content.decode()
    client.post(reverse("drives:delivery", args=[drive.pk, enrolment.pk]), {"delivery": "1"})
    enrolment.refresh_from_db()
    assert enrolment.delivery


@pytest.mark.django_db
def test_confirm_without_the_code_is_refused(users, client, ready):
    """The confirm URL names an enrolment; the household must still be named by its code."""
    enrolment = Enrolment.objects.filter(distribution=ready.distribution).first()
    client.force_login(users[V])
    url = reverse("drives:handover_confirm", args=[ready.pk, enrolment.pk])
    bare = client.post(url, {"nonce": "c1"}).content.decode()
    assert 'data-code="code_required"' in bare
    other = Enrolment.objects.filter(distribution=ready.distribution).exclude(
        pk=enrolment.pk).first()
    assert 'data-code="code_mismatch"' in client.post(
        url, {"nonce": "c1", "code": other.pickup_code}).content.decode()
    assert not enrolment.handovers.exists()
    assert 'data-code="ok"' in client.post(
        url, {"nonce": "c1", "code": enrolment.pickup_code}).content.decode()


@pytest.mark.django_db
def test_only_a_coordinator_records_a_home_delivery_without_the_code(users, ready):
    enrolment = Enrolment.objects.filter(distribution=ready.distribution).first()
    engine.set_delivery(users[C], enrolment, True)
    body = {"enrolment": enrolment.pk, "nonce": "d1", "delivered": True}
    api = APIClient()
    api.force_authenticate(users[V])
    assert api.post("/api/v1/handovers/", body, format="json").json()["code"] == \
        "code_required"
    api.force_authenticate(users[C])
    done = api.post("/api/v1/handovers/", body, format="json")
    assert done.status_code == 200 and done.json()["code"] == "ok"
    assert enrolment.handovers.get().delivered
