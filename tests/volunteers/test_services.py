"""The rules of taking a place on a shift, enforced in the service (stable refusal codes)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.accounts import roles
from backend.accounts.models import AuditEntry
from backend.notifications.models import OutboxMessage
from backend.volunteers import login_links, selectors, services
from backend.volunteers.models import ShiftSignup, VolunteerProfile
from backend.volunteers.rules import VolunteerError

from .conftest import vet

pytestmark = pytest.mark.django_db


def token_of(body: str) -> str:
    return body.rsplit("/login/", 1)[1].strip("/")


def code_of(func, *args, **kwargs) -> str:
    with pytest.raises(VolunteerError) as err:
        func(*args, **kwargs)
    return err.value.code


def test_minor_needs_a_guardians_consent():
    data = {"first_name": "Ola", "last_name": "K", "phone": "601555111",
            "birth_date": timezone.localdate().replace(year=timezone.localdate().year - 16)}
    assert code_of(services.apply, dict(data)) == "guardian_consent"
    profile = services.apply({**data, "guardian_name": "Anna K", "guardian_consent": True})
    assert profile.is_minor and profile.guardian_consent_at is not None
    assert profile.phone == "+48601555111"


def test_accept_creates_a_volunteer_login_and_sends_a_one_time_link(applicant, coordinator):
    profile = services.accept(coordinator, applicant)
    user = profile.user
    assert profile.status == VolunteerProfile.Status.ACCEPTED
    assert list(user.groups.values_list("name", flat=True)) == [roles.VOLUNTEER]
    assert not user.has_usable_password()
    sms = OutboxMessage.objects.get(purpose="volunteer_welcome")
    assert sms.phone == "+48601555900" and "/volunteers/login/" in sms.body
    assert sms.encoding == "GSM-7" and sms.segments == 1
    assert login_links.user_for(token_of(sms.body)[:-1] + "x") is None  # tampered
    token = token_of(sms.body)
    assert login_links.user_for(token) == user
    get_user_model().objects.filter(pk=user.pk).update(last_login=timezone.now())
    assert login_links.user_for(token) is None  # used once: spent
    assert services.accept(coordinator, profile).user == user  # idempotent
    assert OutboxMessage.objects.filter(purpose="volunteer_welcome").count() == 1
    assert AuditEntry.objects.filter(object_id=str(profile.pk),
                                     content_type__model="volunteerprofile").exists()


def test_with_children_shift_refuses_the_unvetted_on_signup_and_assignment(
        make_volunteer, make_shift, coordinator):
    shift = make_shift(with_children=True)
    role = shift.roles.get()
    volunteer = make_volunteer()
    assert code_of(services.sign_up, volunteer, role) == "not_cleared"
    assert code_of(services.assign, coordinator, volunteer, role) == "not_cleared"
    assert not ShiftSignup.objects.exists()
    vet(volunteer)
    assert services.sign_up(volunteer, role).status == ShiftSignup.Status.CONFIRMED


def test_a_check_that_expires_before_the_shift_does_not_clear(make_volunteer, make_shift,
                                                              settings):
    settings.VOLUNTEER_VETTING_VALID_MONTHS = 1
    volunteer = make_volunteer()
    vet(volunteer, days_ago=20)  # valid 10 more days
    near, far = make_shift(with_children=True, days=5), make_shift(with_children=True, days=40)
    assert volunteer.is_cleared_for_children(near.date)
    assert not volunteer.is_cleared_for_children(far.date)
    services.sign_up(volunteer, near.roles.get())
    assert code_of(services.sign_up, volunteer, far.roles.get()) == "not_cleared"


def test_an_entry_in_the_register_never_clears(make_volunteer, make_shift):
    volunteer = make_volunteer()
    vet(volunteer, result="entry")
    assert not volunteer.is_cleared_for_children()


def test_expiring_vetting_flags_upcoming_shifts_and_removes_nothing(make_volunteer, make_shift):
    volunteer = make_volunteer(vetted=True)
    shift = make_shift(with_children=True, days=5)
    signup = services.sign_up(volunteer, shift.roles.get())
    assert selectors.vetting_flags() == []
    volunteer.checks.update(valid_until=timezone.localdate() + dt.timedelta(days=2))
    flagged = selectors.vetting_flags()
    assert [s.pk for s in flagged] == [signup.pk]
    assert ShiftSignup.objects.get(pk=signup.pk).status == ShiftSignup.Status.CONFIRMED


def test_beneficiary_data_needs_agreement_and_confidentiality(make_volunteer, make_shift):
    shift = make_shift(touches_beneficiary_data=True)
    volunteer = make_volunteer(documents=False)
    assert code_of(services.sign_up, volunteer, shift.roles.get()) == "documents_missing"
    today = timezone.localdate()
    services.sign_documents(None, volunteer, agreement_signed_on=today,
                            data_authorisation_signed_on=today)
    assert code_of(services.sign_up, volunteer, shift.roles.get()) == "documents_missing"
    services.sign_documents(None, volunteer, confidentiality_signed_on=today)
    assert services.sign_up(volunteer, shift.roles.get())


def test_missing_skill(make_volunteer, make_shift):
    shift = make_shift(roles=[{"name": "Kierowca", "minimum": 1, "maximum": 2,
                               "required_skills": ["licence:C"]}])
    role = shift.roles.get()
    with pytest.raises(VolunteerError) as err:
        services.sign_up(make_volunteer(licence_categories=["B"]), role)
    assert err.value.code == "missing_skill" and err.value.extra["missing"] == "licence:C"
    assert services.sign_up(make_volunteer(licence_categories=["B", "C"]), role)


def test_full_role(make_volunteer, make_shift):
    role = make_shift(roles=[{"name": "Pakowanie", "minimum": 1, "maximum": 2,
                              "required_skills": []}]).roles.get()
    services.sign_up(make_volunteer(), role)
    services.sign_up(make_volunteer(), role)
    assert code_of(services.sign_up, make_volunteer(), role) == "full"


def test_overlap_including_a_night_shift(make_volunteer, make_shift):
    volunteer = make_volunteer()
    night = make_shift(days=3, start=dt.time(22), end=dt.time(2))
    morning = make_shift(days=4, start=dt.time(1), end=dt.time(5))
    later = make_shift(days=4, start=dt.time(2), end=dt.time(6))
    services.sign_up(volunteer, night.roles.get())
    assert code_of(services.sign_up, volunteer, morning.roles.get()) == "overlap"
    assert services.sign_up(volunteer, later.roles.get())  # starts when the night one ends


def test_sign_up_twice_is_one_sign_up(make_volunteer, make_shift):
    volunteer, role = make_volunteer(), make_shift().roles.get()
    assert services.sign_up(volunteer, role).pk == services.sign_up(volunteer, role).pk
    assert ShiftSignup.objects.count() == 1


def test_cutoffs_for_signup_and_cancel(make_volunteer, make_shift, coordinator, settings):
    settings.VOLUNTEER_CANCEL_CUTOFF_HOURS = 24
    volunteer = make_volunteer()
    soon = make_shift(days=0, start=(timezone.localtime() + dt.timedelta(hours=1)).time()
                      .replace(second=0, microsecond=0),
                      end=(timezone.localtime() + dt.timedelta(hours=3)).time()
                      .replace(second=0, microsecond=0))
    if soon.ends_at <= soon.starts_at:  # pragma: no cover - around midnight
        pytest.skip("clock near midnight")
    assert code_of(services.sign_up, volunteer, soon.roles.get()) == "past_cutoff"
    signup = services.assign(coordinator, volunteer, soon.roles.get())  # until it ends
    assert code_of(services.cancel, volunteer.user, signup) == "past_cutoff"
    assert services.cancel(coordinator, signup, by_coordinator=True).status == "cancelled"
    later = make_shift(days=5)
    signup = services.sign_up(volunteer, later.roles.get())
    assert services.cancel(volunteer.user, signup).status == "cancelled"


def test_applicant_cannot_take_shifts(applicant, make_shift):
    assert code_of(services.sign_up, applicant, make_shift().roles.get()) == "not_accepted"


def test_weekly_warehouse_shifts(make_shift):
    shifts = make_shift(weeks=4)
    assert len(shifts) == 4 and len({s.series for s in shifts}) == 1
    assert [(b.date - a.date).days for a, b in zip(shifts, shifts[1:], strict=False)] == [7] * 3
    assert all(s.roles.count() == 1 for s in shifts)


def test_open_shifts_fit_the_volunteer(make_volunteer, make_shift):
    volunteer = make_volunteer(licence_categories=["B"])
    plain = make_shift(title="Pakowanie")
    make_shift(title="Dzieci", with_children=True)
    make_shift(title="Ciężarówka", roles=[{"name": "Kierowca C", "minimum": 1, "maximum": 1,
                                            "required_skills": ["licence:C"]}])
    assert [o.shift.title for o in selectors.open_for(volunteer)] == ["Pakowanie"]
    services.sign_up(volunteer, plain.roles.get())
    assert selectors.open_for(volunteer) == []


def test_add_months():
    assert services.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert services.add_months(dt.date(2026, 11, 15), 12) == dt.date(2027, 11, 15)


def test_open_shifts_hide_overlapping_ones_in_few_queries(make_volunteer, make_shift,
                                                          django_assert_max_num_queries):
    volunteer = make_volunteer()
    night = make_shift(days=3, start=dt.time(22), end=dt.time(2))
    make_shift(days=4, start=dt.time(1), end=dt.time(5), title="Nachodzi")
    for n in range(10):
        make_shift(days=10 + n, title=f"Wolny {n}")
    services.sign_up(volunteer, night.roles.get())
    profile = selectors.profile_for(volunteer.user)
    with django_assert_max_num_queries(4):
        titles = [o.shift.title for o in selectors.open_for(profile)]
    assert "Nachodzi" not in titles and len(titles) == 10
