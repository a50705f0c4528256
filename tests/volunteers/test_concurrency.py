"""Ten volunteers tap "Sign up" at once for a role with three places: exactly three get in.
The same with locking switched off shows the race the lock prevents (pretix's way)."""

import threading

import pytest
from django.db import connection, connections

from backend.volunteers import services
from backend.volunteers.models import ShiftRole, ShiftSignup, VolunteerProfile
from backend.volunteers.rules import VolunteerError


def _race(profiles, role, func=None):
    func = func or services.sign_up
    barrier = threading.Barrier(len(profiles))
    results: list[str] = []
    lock = threading.Lock()

    def worker(profile_pk):
        try:
            barrier.wait()
            func(VolunteerProfile.objects.get(pk=profile_pk), ShiftRole.objects.get(pk=role.pk))
            outcome = "ok"
        except VolunteerError as err:
            outcome = err.code
        except Exception as err:  # noqa: BLE001 - reported in the assertion
            outcome = type(err).__name__
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(p.pk,)) for p in profiles]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _need_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_volunteers_three_places(make_volunteer, make_shift):
    _need_postgres()
    role = make_shift(roles=[{"name": "Pakowanie", "minimum": 2, "maximum": 3,
                              "required_skills": []}]).roles.get()
    profiles = [make_volunteer() for _ in range(10)]
    results = _race(profiles, role)
    assert sorted(results) == ["full"] * 7 + ["ok"] * 3
    assert ShiftSignup.objects.filter(role=role).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_volunteer_tapping_twice_at_once_gets_one_place(make_volunteer, make_shift):
    _need_postgres()
    role = make_shift().roles.get()
    profile = make_volunteer()
    results = _race([profile] * 4, role)
    assert results == ["ok"] * 4
    assert ShiftSignup.objects.filter(role=role).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_role_lock_the_race_overfills(make_volunteer, make_shift, monkeypatch):
    """Shows the race is real: the same code without select_for_update overfills."""
    _need_postgres()
    import time

    from django.db import transaction

    from backend.volunteers import rules

    role = make_shift(roles=[{"name": "Pakowanie", "minimum": 1, "maximum": 3,
                              "required_skills": []}]).roles.get()
    profiles = [make_volunteer() for _ in range(10)]

    def unlocked(profile, role):
        with transaction.atomic():
            taken = rules.live_signups().filter(role=role).count()
            time.sleep(0.2)  # widen the window every request has in real life
            if taken >= role.maximum:
                raise rules.ShiftFull("full")
            ShiftSignup.objects.create(shift_id=role.shift_id, role=role, volunteer=profile)

    _race(profiles, role, unlocked)
    assert ShiftSignup.objects.filter(role=role).count() > 3


def _threads(count, work):
    barrier = threading.Barrier(count)
    results: list[str] = []
    lock = threading.Lock()

    def worker(n):
        try:
            barrier.wait()
            outcome = work(n)
        except VolunteerError as err:
            outcome = err.code
        except Exception as err:  # noqa: BLE001 - reported in the assertion
            outcome = type(err).__name__
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_scans_at_once_check_in_once(make_volunteer, make_shift):
    _need_postgres()
    from backend.volunteers import attendance
    from backend.volunteers.models import Shift

    profile = make_volunteer()
    shift = make_shift()
    services.sign_up(profile, shift.roles.get())
    at = shift.starts_at

    def scan(_n):
        return attendance.scan(VolunteerProfile.objects.get(pk=profile.pk),
                               Shift.objects.get(pk=shift.pk), now=at)[1]

    results = _threads(4, scan)
    assert sorted(results) == ["already_checked_in"] * 3 + ["checked_in"]
    signup = ShiftSignup.objects.get(volunteer=profile)
    assert signup.checked_in_at == at and signup.checked_out_at is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_tak_replies_at_once_for_the_last_place(make_volunteer, make_shift):
    _need_postgres()
    from backend.notifications import services as sms
    from backend.notifications.models import OutboxMessage
    from backend.volunteers import reminders

    shift = make_shift(roles=[{"name": "Pakowanie", "minimum": 1, "maximum": 1,
                               "required_skills": []}])
    profiles = [make_volunteer() for _ in range(5)]
    reminders.ask_for_help(shift)
    OutboxMessage.objects.filter(purpose="volunteer_help").update(status="sent")

    def reply(n):
        sms.receive_inbound(phone=profiles[n].phone, body="TAK", provider_message_id=f"SM{n}")
        return "ok"

    assert _threads(5, reply) == ["ok"] * 5
    assert ShiftSignup.objects.filter(shift=shift).count() == 1
    assert OutboxMessage.objects.filter(purpose="volunteer_help_ok").count() == 1
    assert OutboxMessage.objects.filter(purpose="volunteer_help_refused").count() == 4
