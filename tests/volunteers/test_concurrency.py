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
