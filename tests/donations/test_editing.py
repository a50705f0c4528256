"""Donation intake takes as many lines as came ("dodaj wiersz", with and without JavaScript);
the donor, date and notes can be corrected afterwards, audited (issue 12 §1)."""

import datetime as dt

import pytest
from django.urls import reverse

from backend.donations.models import Donation
from tests.audit import assert_audited
from tests.factories import DonationFactory, DonorFactory, ItemFactory, LocationFactory

pytestmark = pytest.mark.django_db


def lines_post(location, n, total=None, **extra):
    data = {"donor_kind": "anonymous", "date": "2026-11-25", "site": location.site_id,
            "lines-TOTAL_FORMS": str(total or n), "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "1", "lines-MAX_NUM_FORMS": "200"}
    for i in range(n):
        data.update({f"lines-{i}-item": ItemFactory().pk, f"lines-{i}-quantity": "3",
                     f"lines-{i}-location": location.pk})
    data.update(extra)
    return data


def test_six_lines_and_a_removed_one(client, coordinator):
    location = LocationFactory()
    client.force_login(coordinator)
    form = client.get(reverse("donations:create")).content.decode()
    assert 'name="lines-TOTAL_FORMS" value="3"' in form
    assert "data-formset-template" in form and "lines-__prefix__-item" in form
    response = client.post(reverse("donations:create"),
                           lines_post(location, 7, **{"lines-6-DELETE": "on"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Donation.objects.get().lines.count() == 6


def test_add_row_without_javascript_keeps_what_was_typed(client, coordinator):
    location = LocationFactory()
    client.force_login(coordinator)
    data = lines_post(location, 5, add_row="lines")
    page = client.post(reverse("donations:create"), data)
    html = page.content.decode()
    assert page.status_code == 200 and 'name="lines-TOTAL_FORMS" value="6"' in html
    assert 'name="lines-5-quantity"' in html and 'name="lines-4-quantity" value="3"' in html
    assert "errorlist" not in html  # nothing is saved or judged yet
    assert not Donation.objects.exists()


def test_the_header_is_corrected_and_audited(client, coordinator):
    donation = DonationFactory(lines=2)
    donor = DonorFactory(name="Piekarnia Łódzka")
    client.force_login(coordinator)
    assert 'data-action="edit-donation"' in client.get(
        donation.get_absolute_url()).content.decode()
    response = client.post(reverse("donations:edit", args=[donation.pk]), {
        "donor": donor.pk, "date": "2026-11-21", "notes": "Paleta 2"})
    assert response.status_code == 302
    donation.refresh_from_db()
    assert (donation.donor, donation.date, donation.notes) == (donor, dt.date(2026, 11, 21),
                                                               "Paleta 2")
    assert_audited(donation, "update", actor=coordinator, fields=("donor", "date", "notes"))
    detail = client.get(donation.get_absolute_url()).content.decode()
    assert "Darczyńca: — → Piekarnia Łódzka" in detail


def test_warehouse_volunteer_receives_but_does_not_edit(client, users):
    from backend.accounts import roles

    donation = DonationFactory()
    client.force_login(users[roles.WAREHOUSE_VOLUNTEER])
    assert client.get(reverse("donations:edit", args=[donation.pk])).status_code == 403
    assert 'data-action="edit-donation"' not in client.get(
        donation.get_absolute_url()).content.decode()
