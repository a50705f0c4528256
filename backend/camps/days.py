"""Day activities (Wakacje z MOPS-em): a programme of days per day-camp session, per-day
sign-up with its own capacity (the day row is locked: never overbooked), attendance
marked on a phone (a repeat tap changes nothing) and a summary per child."""

import datetime as dt
from collections import Counter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution.models import Participant

from .models import Application, CampDay, CampSession, DaySignup

P = Participant.Status


class DayError(ServiceError):
    pass


class DayFull(DayError):
    pass


@transaction.atomic
def add_day(actor, session: CampSession, *, date: dt.date, title: str, capacity: int,
            activities: str = "") -> CampDay:
    if not session.start <= date <= session.end:
        raise DayError(_("The day is outside the session's dates."), "outside_session")
    if CampDay.objects.filter(session=session, date=date).exists():
        raise DayError(_("This day is already in the programme."), "day_exists")
    day = CampDay.objects.create(session=session, date=date, title=title[:160],
                                 capacity=capacity, activities=activities)
    audit.record(actor, "create", day, {"capacity": [None, capacity]})
    return day


def eligible(session: CampSession):
    """Children placed in the session (qualified or already checked in)."""
    return Application.objects.filter(
        camp_id=session.camp_id, participant__group=session.pk,
        participant__status__in=[P.REGISTERED, P.CHECKED_IN]).select_related("child")


def sign_up(actor, day: CampDay, application: Application) -> DaySignup:
    """Lock the day, count, add: two sign-ups for the last place never both get in."""
    with transaction.atomic():
        day = CampDay.objects.select_for_update().get(pk=day.pk)
        if not eligible(day.session).filter(pk=application.pk).exists():
            raise DayError(_("The child has no place in this session."), "not_in_session")
        existing = DaySignup.objects.filter(day=day, application=application).first()
        if existing is not None:
            return existing
        if DaySignup.objects.filter(day=day).count() >= day.capacity:
            raise DayFull(_("No free places on this day."), "day_full")
        try:
            with transaction.atomic():
                signup = DaySignup.objects.create(day=day, application=application)
        except IntegrityError:  # pragma: no cover - the day lock serialises sign-ups
            return DaySignup.objects.get(day=day, application=application)
        audit.record(actor, "create", signup, root=application.household)
    return signup


@transaction.atomic
def cancel_sign_up(actor, signup: DaySignup) -> None:
    if signup.attended_at is not None:
        raise DayError(_("The child was present; the sign-up stays."), "attended")
    audit.record(actor, "delete", signup, root=signup.application.household)
    signup.delete()


def mark_present(actor, signup: DaySignup) -> bool:
    """True when this tap marked the child; False when already present (a retry or a
    second phone): the first time stays."""
    with transaction.atomic():
        changed = DaySignup.objects.filter(pk=signup.pk, attended_at__isnull=True).update(
            attended_at=timezone.now())
        if changed:
            audit.record(actor, "update", signup, {"attended_at": [None, "present"]},
                         root=signup.application.household)
    signup.refresh_from_db(fields=["attended_at"])
    return bool(changed)


def programme(session: CampSession) -> list[CampDay]:
    days = list(session.days.all())
    signed = Counter(DaySignup.objects.filter(day__session=session)
                     .values_list("day_id", flat=True))
    present = Counter(DaySignup.objects.filter(day__session=session, attended_at__isnull=False)
                      .values_list("day_id", flat=True))
    for day in days:
        day.signed, day.present = signed[day.pk], present[day.pk]
        day.free = max(day.capacity - day.signed, 0)
    return days


def summary(session: CampSession) -> list[dict]:
    """Per child: days signed up and days attended, in first-name order."""
    rows = []
    signups = DaySignup.objects.filter(day__session=session)
    signed = Counter(signups.values_list("application_id", flat=True))
    attended = Counter(signups.filter(attended_at__isnull=False)
                       .values_list("application_id", flat=True))
    for application in eligible(session):
        rows.append({"application": application, "name": application.first_name,
                     "signed": signed[application.pk], "attended": attended[application.pk]})
    return sorted(rows, key=lambda r: (r["name"], r["application"].pk))
