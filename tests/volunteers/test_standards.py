"""Child-protection standards: a coordinator adopts versions (audited), every volunteer
reads the current one and confirms once; the page is read-only for everyone else."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import AuditEntry
from backend.volunteers import standards
from backend.volunteers.models import ProtectionStandards, StandardsAcknowledgement

pytestmark = pytest.mark.django_db
URL = reverse("volunteers:standards")
FORM = {"adopted_on": "2026-11-02", "next_review_on": "2028-11-02",
        "responsible": "Ewa Nowak, pedagog", "text": "1. Zasady bezpiecznych relacji."}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_coordinator_adopts_versions_audited_and_the_first_form_holds_the_outline(coordinator):
    client = _client(coordinator)
    page = client.get(URL).content.decode()
    assert 'id="no-standards"' in page and "art." not in page  # empty state
    assert "2. " in page  # the outline the act requires is the starting text
    assert client.post(URL, FORM).status_code == 302
    assert client.post(URL, {**FORM, "adopted_on": "2027-11-02",
                             "next_review_on": "2029-11-02", "text": "Wersja 2"}
                       ).status_code == 302
    assert list(ProtectionStandards.objects.values_list("version", flat=True)) == [2, 1]
    assert standards.current().text == "Wersja 2"
    adopted = AuditEntry.objects.filter(
        action="create", actor=coordinator,
        content_type=ContentType.objects.get_for_model(ProtectionStandards))
    assert sorted(e.changes["version"][1] for e in adopted) == [1, 2]


def test_review_before_adoption_is_refused_with_a_message(coordinator):
    response = _client(coordinator).post(URL, {**FORM, "next_review_on": "2026-11-01"})
    assert response.status_code == 400
    assert not ProtectionStandards.objects.exists()
    assert "po dacie przyjęcia" in response.content.decode()


def test_volunteer_reads_confirms_once_and_cannot_adopt(make_volunteer, coordinator):
    current = standards.adopt(coordinator, adopted_on=dt.date(2026, 11, 2),
                              next_review_on=dt.date(2028, 11, 2), responsible="E. Nowak",
                              text="Zasady bezpiecznych relacji")
    profile = make_volunteer()
    client = _client(profile.user)
    mine = client.get(reverse("volunteers:my_shifts")).content.decode()
    assert 'id="standards-unread"' in mine
    page = client.get(URL).content.decode()
    assert "Zasady bezpiecznych relacji" in page and 'id="acknowledge"' in page
    assert 'id="adopt"' not in page
    for _ in range(2):  # a double tap records one confirmation
        assert client.post(URL, {"action": "acknowledge"}).status_code == 302
    assert StandardsAcknowledgement.objects.filter(volunteer=profile, standards=current
                                                   ).count() == 1
    assert 'id="acknowledged"' in client.get(URL).content.decode()
    assert 'id="standards-unread"' not in client.get(
        reverse("volunteers:my_shifts")).content.decode()
    assert client.post(URL, FORM).status_code == 403
    assert ProtectionStandards.objects.count() == 1
    # a new version asks again
    standards.adopt(coordinator, adopted_on=dt.date(2027, 1, 2),
                    next_review_on=dt.date(2029, 1, 2), responsible="E. Nowak", text="v2")
    assert standards.unread(profile) is not None
    assert profile.first_name in _client(coordinator).get(URL).content.decode()


def test_other_staff_read_but_do_not_adopt(make_user, coordinator):
    standards.adopt(coordinator, adopted_on=dt.date(2026, 11, 2),
                    next_review_on=dt.date(2028, 11, 2), responsible="E. Nowak", text="Treść")
    worker = make_user(roles.SOCIAL_WORKER)
    client = _client(worker)
    page = client.get(URL).content.decode()
    assert "Treść" in page and 'id="adopt"' not in page and 'id="acknowledge"' not in page
    assert client.post(URL, FORM).status_code == 403
    assert client.post(URL, {"action": "acknowledge"}).status_code == 403
    assert Client().get(URL).status_code == 302  # log-in first


def test_overdue_review_is_flagged_to_the_coordinator(coordinator):
    standards.adopt(coordinator, adopted_on=dt.date(2020, 1, 2),
                    next_review_on=dt.date(2022, 1, 2), responsible="E. Nowak", text="Stare")
    assert standards.review_overdue()
    assert "Termin przeglądu minął" in _client(coordinator).get(URL).content.decode()
