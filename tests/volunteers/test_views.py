"""Pages: the public form, the phone pages and the coordinator's, through the test client."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import AuditEntry
from backend.notifications.models import OutboxMessage
from backend.volunteers import services
from backend.volunteers.models import ShiftSignup, VolunteerProfile

from .conftest import vet

pytestmark = pytest.mark.django_db


def form(**extra):
    data = {"first_name": "Kasia", "last_name": "Lis", "phone": "601 555 777",
            "email": "kasia@example.org", "birth_date": "1999-03-04", "availability": "soboty",
            "licence_categories": ["B"], "languages": ["uk"], "preferred_areas": ["event"],
            "sms_consent": "on", "consent": "on", "website": ""}
    data.update(extra)
    return data


def test_public_sign_up_form(client):
    page = client.get(reverse("volunteers:apply"))
    assert page.status_code == 200 and "Zostań wolontariuszem" in page.content.decode()
    response = client.post(reverse("volunteers:apply"), form())
    assert response.status_code == 200 and b'id="thanks"' in response.content
    profile = VolunteerProfile.objects.get()
    assert (profile.phone, profile.status, profile.licence_categories) == (
        "+48601555777", "applied", ["B"])
    assert profile.user is None and profile.data_consent_at is not None


def test_public_form_is_limited_per_visitor_behind_the_proxy(client, settings):
    """Issue 9 §3: the shared limiter, by the address the proxy saw (not the proxy's own)."""
    settings.PROXY_COUNT, settings.VOLUNTEER_PUBLIC_APPLICATIONS_PER_HOUR = 1, 2
    codes = [client.post(reverse("volunteers:apply"), form(phone=f"601 555 77{i}"),
                         REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8"
                         ).status_code for i in range(3)]
    assert codes == [200, 200, 429] and VolunteerProfile.objects.count() == 2
    assert client.post(reverse("volunteers:apply"), form(phone="601 555 779"),
                       REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9"
                       ).status_code == 200


def test_public_form_honeypot_keeps_nothing(client):
    response = client.post(reverse("volunteers:apply"), form(website="http://spam"))
    assert response.status_code == 200 and not VolunteerProfile.objects.exists()


def test_public_form_minor_needs_guardian(client):
    birth = (timezone.localdate() - dt.timedelta(days=16 * 365)).isoformat()
    response = client.post(reverse("volunteers:apply"), form(birth_date=birth))
    assert response.status_code == 400 and not VolunteerProfile.objects.exists()
    assert "zgoda rodzica" in response.content.decode().lower()
    response = client.post(reverse("volunteers:apply"), form(
        birth_date=birth, guardian_name="Ewa Lis", guardian_consent="on"))
    assert response.status_code == 200
    assert VolunteerProfile.objects.get().guardian_consent_at is not None


def test_coordinator_accepts_and_the_link_logs_in(client, coordinator, applicant):
    client.force_login(coordinator)
    client.post(reverse("volunteers:profile_action", args=[applicant.pk, "accept"]))
    applicant.refresh_from_db()
    assert applicant.status == "accepted" and applicant.user.groups.filter(
        name="volunteer").exists()
    body = OutboxMessage.objects.get(purpose="volunteer_welcome").body
    path = body[body.index("/volunteers/login/"):]
    client.logout()
    assert client.get(path).status_code == 200  # a previewer's GET spends nothing
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse(
        "volunteers:my_shifts")
    assert client.get(reverse("volunteers:my_shifts")).status_code == 200
    client.logout()
    assert client.post(path).status_code == 410  # one time only


def test_unvetted_volunteer_is_refused_in_the_ui(client, make_volunteer, make_shift):
    volunteer = make_volunteer()
    shift = make_shift(with_children=True, title="Mikołajki")
    client.force_login(volunteer.user)
    page = client.get(reverse("volunteers:my_shifts")).content.decode()
    open_part, blocked_part = page.split('id="blocked-shifts"')
    assert "Mikołajki" not in open_part  # not offered, but shown with the reason
    assert "Mikołajki" in blocked_part and "RSPTS" in blocked_part
    response = client.post(reverse("volunteers:signup", args=[shift.roles.get().pk]),
                           follow=True)
    assert "ochrony dzieci" in response.content.decode() or "RSPTS" in response.content.decode()
    assert not ShiftSignup.objects.exists()
    vet(volunteer)
    page = client.get(reverse("volunteers:my_shifts")).content.decode()
    assert "Mikołajki" in page and 'id="blocked-shifts"' not in page
    client.post(reverse("volunteers:signup", args=[shift.roles.get().pk]))
    assert ShiftSignup.objects.get().volunteer == volunteer


def test_coordinator_assignment_of_unvetted_is_refused(client, coordinator, make_volunteer,
                                                       make_shift):
    volunteer = make_volunteer()
    shift = make_shift(with_children=True)
    client.force_login(coordinator)
    response = client.post(reverse("volunteers:assign", args=[shift.roles.get().pk]),
                           {"volunteer": volunteer.pk}, follow=True)
    assert response.status_code == 200 and not ShiftSignup.objects.exists()
    assert "RSPTS" in response.content.decode()


def test_volunteer_signs_up_and_cancels_in_one_tap(client, make_volunteer, make_shift):
    volunteer, shift = make_volunteer(), make_shift(days=5)
    client.force_login(volunteer.user)
    client.post(reverse("volunteers:signup", args=[shift.roles.get().pk]))
    signup = ShiftSignup.objects.get()
    client.post(reverse("volunteers:cancel", args=[signup.pk]))
    assert ShiftSignup.objects.get().status == "cancelled"


def test_other_volunteers_cannot_cancel_my_signup(client, make_volunteer, make_shift):
    me, other, shift = make_volunteer(), make_volunteer(), make_shift(days=5)
    signup = services.sign_up(me, shift.roles.get())
    client.force_login(other.user)
    assert client.post(reverse("volunteers:cancel", args=[signup.pk])).status_code == 404


def test_shift_board_and_detail(client, coordinator, make_volunteer, make_shift):
    under = make_shift(title="Za mało")
    full = make_shift(title="Pełna", roles=[{"name": "P", "minimum": 1, "maximum": 1,
                                            "required_skills": []}])
    services.sign_up(make_volunteer(), full.roles.get())
    client.force_login(coordinator)
    page = client.get(reverse("volunteers:shift_list")).content.decode()
    assert "staffing-under" in page and "staffing-full" in page
    detail = client.get(reverse("volunteers:shift_detail", args=[under.pk]))
    assert detail.status_code == 200
    assert client.get(reverse("volunteers:shift_qr", args=[under.pk])).status_code == 200


def test_create_weekly_shift_in_the_ui(client, coordinator):
    client.force_login(coordinator)
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    data = {"kind": "warehouse", "title": "Sortowanie", "date": day, "start_time": "09:00",
            "end_time": "13:00", "weeks": "3", "place": "Magazyn",
            "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "1",
            "form-MAX_NUM_FORMS": "1000", "form-0-name": "Kierowca", "form-0-minimum": "1",
            "form-0-maximum": "2", "form-0-required_skills": ["licence:B"],
            "form-1-name": "Pakowanie", "form-1-minimum": "2", "form-1-maximum": "4"}
    response = client.post(reverse("volunteers:shift_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from backend.volunteers.models import Shift

    assert Shift.objects.count() == 3
    assert list(Shift.objects.first().roles.values_list("name", "required_skills")) == [
        ("Kierowca", ["licence:B"]), ("Pakowanie", [])]


def test_vetting_entry_and_documents_in_the_ui(client, coordinator, make_volunteer):
    volunteer = make_volunteer(documents=False)
    client.force_login(coordinator)
    today = timezone.localdate().isoformat()
    client.post(reverse("volunteers:profile_action", args=[volunteer.pk, "check"]), {
        "rspts_checked_on": today, "rspts_result": "no_entry", "document": "krk",
        "document_date": today, "document_clean": "on"})
    client.post(reverse("volunteers:profile_action", args=[volunteer.pk, "documents"]), {
        "agreement_signed_on": today, "data_authorisation_signed_on": today,
        "confidentiality_signed_on": today})
    volunteer.refresh_from_db()
    assert volunteer.is_cleared_for_children() and volunteer.documents_signed
    page = client.get(reverse("volunteers:profile_detail", args=[volunteer.pk]))
    assert page.status_code == 200
    assert AuditEntry.objects.filter(root_id=str(volunteer.pk),
                                     content_type__model="childsafetycheck").exists()


def test_ask_for_help_shows_first_then_sends(client, coordinator, make_volunteer, make_shift):
    shift = make_shift(days=4)
    make_volunteer()
    client.force_login(coordinator)
    preview = client.get(reverse("volunteers:ask_help", args=[shift.pk]))
    assert "brakuje 2 osob" in preview.content.decode()
    assert not OutboxMessage.objects.filter(purpose="volunteer_help").exists()
    client.post(reverse("volunteers:ask_help", args=[shift.pk]))
    assert OutboxMessage.objects.filter(purpose="volunteer_help").count() == 1


@pytest.mark.parametrize("kind", ["agreement", "data", "confidentiality", "certificate"])
def test_documents_are_pdfs(client, coordinator, make_volunteer, kind):
    client.force_login(coordinator)
    response = client.get(reverse("volunteers:document", args=[make_volunteer().pk, kind]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_intervention_log_is_for_coordinators(client, coordinator, users):
    client.force_login(coordinator)
    client.post(reverse("volunteers:interventions"), {
        "occurred_at": "2026-11-20T15:00", "summary": "Zgłoszenie", "details": "Opis i kroki"})
    assert "Zgłoszenie" in client.get(reverse("volunteers:interventions")).content.decode()
    for role in ("social_worker", "volunteer", "warehouse_volunteer", "viewer"):
        client.force_login(users[role])
        assert client.get(reverse("volunteers:interventions")).status_code == 403


def test_hours_report_by_programme_and_volunteer(client, coordinator, make_volunteer,
                                                 make_shift):
    from backend.volunteers import attendance

    volunteer = make_volunteer(first_name="Halina")
    for kind, start, end in (("warehouse", dt.time(9), dt.time(13)),
                             ("event", dt.time(22), dt.time(1))):
        shift = make_shift(days=2, kind=kind, start=start, end=end)
        signup = services.assign(coordinator, volunteer, shift.roles.get())
        attendance.mark(coordinator, signup, checked_out_at=shift.ends_at)
    client.force_login(coordinator)
    end = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    page = client.get(reverse("volunteers:hours"), {"date_to": end}).content.decode()
    assert "magazyn" in page and "wydarzenie" in page
    assert "Halina" in page and "7,0" in page  # 4 h + 3 h across midnight


def test_volunteer_filters_by_skill_area_and_name(client, coordinator, make_volunteer):
    make_volunteer(first_name="Bartek", licence_categories=["BE"], preferred_areas=["camp"])
    make_volunteer(first_name="Celina", licence_categories=["B"], languages=["uk"],
                   can_lift=True)
    client.force_login(coordinator)

    def names(**params):
        page = client.get(reverse("volunteers:volunteer_list"), params).content.decode()
        return [n for n in ("Bartek", "Celina") if n in page]

    assert names(skill="licence:B") == ["Celina"]  # "BE" is not "B"
    assert names(skill="licence:BE") == ["Bartek"]
    assert names(skill="lang:uk") == ["Celina"]
    assert names(skill="lifting") == ["Celina"]
    assert names(area="camp") == ["Bartek"]
    assert names(q="cel") == ["Celina"]
    api = client.get("/api/v1/volunteers/", {"skill": "licence:B"}).json()
    assert [r["first_name"] for r in api["results"]] == ["Celina"]
