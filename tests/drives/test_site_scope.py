"""A social worker bound to a site sees only that site's households in a drive's enrolment
list, its printed/CSV distribution list and the enrolment, allocation and hand-over API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.drives import services
from backend.drives.models import Drive


@pytest.fixture
def two_sites_enrolled(drive, store, site, other_site, coordinator, make_household):
    from backend.inventory import services as stock

    stock.create_lot(None, store["rice"], store["shelf"], 50)
    mine = make_household("Kowalska", "Anna", phone="+48601000001")
    theirs = make_household("Zawadzka", "Ewa", phone="+48601000002", site_obj=other_site)
    services.enrol_households(coordinator, drive, [mine, theirs])
    services.advance(coordinator, drive)
    services.commit(coordinator, drive)
    return Drive.objects.get(pk=drive.pk)


@pytest.fixture
def worker(make_user, site):
    return make_user(roles.SOCIAL_WORKER, "pracownik", sites=[site])


@pytest.mark.django_db
def test_enrolment_page_and_lists_show_only_her_sites(client, two_sites_enrolled, worker,
                                                      coordinator):
    drive = two_sites_enrolled
    for user, expected in ((worker, {"Kowalska"}), (coordinator, {"Kowalska", "Zawadzka"})):
        client.force_login(user)
        page = client.get(reverse("drives:enrolments", args=[drive.pk])).content.decode()
        csv = client.get(reverse("drives:list_pdf", args=[drive.pk]), {"format": "csv"})
        text = csv.content.decode("utf-8-sig")
        for name in ("Kowalska", "Zawadzka"):
            assert (name in page) == (name in expected), (user, name)
            assert (name in text) == (name in expected), (user, name)


@pytest.mark.django_db
def test_api_lists_only_her_sites(two_sites_enrolled, worker, coordinator):
    api = APIClient()
    for user, count in ((worker, 1), (coordinator, 2)):
        api.force_authenticate(user)
        assert api.get("/api/v1/enrolments/").json()["count"] == count
    assert api.get("/api/v1/allocations/").json()["count"] == 2  # coordinator: all
