"""Races on PostgreSQL: 30 TAK replies at once for 10 places, two pledges of one wish,
two volunteers checking in the same child. Row locks need a real server; the first test
also shows the race without the lock (pretix: show the race, then show the lock stops it)."""

import threading

import pytest
from django.db import connection, connections

from backend.distribution import participants as engine
from backend.distribution.models import CheckIn, Participant
from backend.events import invitations, pledges, services
from backend.events.models import Pledge, Wish
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage
from backend.people.models import Household

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
P = Participant.Status


def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


def _run(workers):
    barrier = threading.Barrier(len(workers))
    results, lock = [], threading.Lock()

    def wrap(fn):
        try:
            barrier.wait()
            outcome = fn()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcome = getattr(exc, "code", type(exc).__name__)
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=wrap, args=(fn,)) for fn in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _invite(event, session, families, coordinator, n):
    homes = families(n)
    invitations.send(coordinator, event, session, Household.objects.all())
    for message in OutboxMessage.objects.filter(purpose="event_invitation"):
        sms.apply_status(message, "sent")
    return [h.members.get(relation="head").phone for h in homes]


def test_thirty_tak_replies_for_ten_places(event, session, families, coordinator):
    _needs_postgres()
    phones = _invite(event, session, families, coordinator, 30)
    results = _run([lambda phone=phone: sms.receive_inbound(phone=phone, body="TAK").outcome
                    for phone in phones])
    assert results == ["confirm"] * 30, results
    rows = Participant.objects.filter(distribution=event.distribution)
    assert rows.filter(status=P.REGISTERED).count() == 10
    waiting = list(rows.filter(status=P.WAITING).order_by("position"))
    assert len(waiting) == 20
    assert [p.position for p in waiting] == list(range(1, 21))
    # Reply order as the server took them: the waiting list follows the order of writes.
    assert [p.pk for p in waiting] == sorted(p.pk for p in waiting)
    assert max(rows.filter(status=P.REGISTERED).values_list("pk", flat=True)) < waiting[0].pk
    assert len(set(rows.exclude(code="").values_list("code", flat=True))) == 10


def test_without_the_lock_the_session_overbooks(event, session, families, coordinator,
                                                monkeypatch):
    """The same race with the row lock switched off: more than 10 get a place."""
    _needs_postgres()
    phones = _invite(event, session, families, coordinator, 30)
    original = engine.holders

    def slow_holders(distribution, group):
        import time

        count = original(distribution, group)
        time.sleep(0.05)  # widen the window between counting and writing
        return count

    monkeypatch.setattr(engine, "lock_rows", lambda rows: {r.pk: r for r in rows})
    monkeypatch.setattr(engine, "holders", slow_holders)
    _run([lambda phone=phone: sms.receive_inbound(phone=phone, body="TAK").outcome
          for phone in phones])
    registered = Participant.objects.filter(distribution=event.distribution,
                                            status=P.REGISTERED).count()
    assert registered > 10


def test_two_pledges_of_one_wish_one_wins(event, session, families, coordinator):
    _needs_postgres()
    home = families(1)[0]
    from backend.distribution.services import contact_for

    services.register_people(coordinator, event, session,
                             [m for m in home.members.all() if m.relation == "child"],
                             household=home, contact=contact_for(home))
    wish = Wish.objects.get()
    results = _run([lambda n=n: pledges.pledge(event, [wish.pk], name=f"Darczyńca {n}",
                                               email=f"d{n}@example.org") and "ok"
                    for n in range(2)])
    assert sorted(results) == ["ok", "wish_taken"]
    assert Pledge.objects.count() == 1
    assert Wish.objects.get().pledge == Pledge.objects.get()


def test_two_volunteers_check_in_the_same_child(event, session, families, coordinator,
                                                make_user):
    _needs_postgres()
    home = families(1)[0]
    from backend.distribution.services import contact_for

    child = services.register_people(coordinator, event, session,
                                     [m for m in home.members.all() if m.relation == "child"],
                                     household=home, contact=contact_for(home))[0]
    a, b = make_user("volunteer", "wolo-a"), make_user("volunteer", "wolo-b")
    results = _run([lambda u=u, n=n: services.check_in(
        u, event, Participant.objects.get(pk=child.pk), nonce=n).code
        for u, n in ((a, "nonce-a"), (b, "nonce-b"))])
    assert sorted(results) == ["already_checked_in", "ok"]
    assert CheckIn.objects.count() == 1


def test_one_check_in_retried_at_once_checks_in_once(event, session, families, coordinator,
                                                     make_user):
    """The door's phone retries its check-in (same nonce) 20 times at once: one check-in,
    every answer the first one (issue 9 §1: every nonce-carrying write)."""
    _needs_postgres()
    home = families(1)[0]
    from backend.distribution.services import contact_for

    child = services.register_people(coordinator, event, session,
                                     [m for m in home.members.all() if m.relation == "child"],
                                     household=home, contact=contact_for(home))[0]
    volunteer = make_user("volunteer", "wolo-retry")
    results = _run([lambda: services.check_in(
        volunteer, event, Participant.objects.get(pk=child.pk), nonce="door-tap").code] * 20)
    assert results == ["ok"] * 20
    assert CheckIn.objects.filter(participant=child).count() == 1
