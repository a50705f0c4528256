"""SMS to volunteers through the outbox: the reminder the day before, and "Brakuje 2 osób …
odpowiedz TAK" for under-staffed roles. Texts are the coordinator-editable templates
`volunteer_reminder` and `volunteer_help` (notifications/defaults.py): GSM-7, one SMS of
160 characters, idempotent by the outbox's dedupe key."""

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone

from backend.notifications import encoding
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage
from backend.notifications.texts import site_phone

from . import rules, selectors
from .models import Shift, ShiftRole, ShiftSignup

WEEKDAYS = ["w poniedzialek", "we wtorek", "w srode", "w czwartek", "w piatek", "w sobote",
            "w niedziele"]
LIMIT = 160


def _hours(shift: Shift) -> str:
    def short(t: dt.time) -> str:
        return f"{t.hour}" if t.minute == 0 else f"{t.hour}:{t.minute:02d}"
    return f"{short(shift.start_time)}-{short(shift.end_time)}"


def _queued(purpose: str) -> int:
    return OutboxMessage.objects.filter(purpose=purpose).count()


def fit(text: str) -> str:
    """At most one SMS (a template edited too long is cut, never sent as two)."""
    info = encoding.analyse(text)
    limit = LIMIT if info.encoding == encoding.GSM7 else 70
    return text if len(text) <= limit else text[:limit - 1] + "."


def reminder_text(signup: ShiftSignup) -> str:
    """The place is what gives way when the text would not fit one SMS."""
    shift = signup.shift
    context = {"day": formats.date_format(shift.date, "d.m"), "hours": _hours(shift),
               "role": signup.role.name, **site_phone(shift.site if shift.site_id else None)}
    template = sms.template_text("volunteer_reminder")
    where = encoding.transliterate(shift.place or (shift.site.name if shift.site_id else ""))
    text = sms.notice_text("volunteer_reminder", {**context, "place": where}, template=template)
    if len(text) > LIMIT and where:
        where = where[:max(0, len(where) - (len(text) - LIMIT))].rstrip(" ,")
        text = sms.notice_text("volunteer_reminder", {**context, "place": where},
                               template=template)
    return fit(text)


def help_text(role: ShiftRole, missing: int) -> str:
    shift = role.shift
    people = "osoby" if missing == 1 else "osob"  # "brakuje" takes the genitive
    return fit(sms.notice_text("volunteer_help", {
        "missing": missing, "people": people, "weekday": WEEKDAYS[shift.date.weekday()],
        "day": formats.date_format(shift.date, "d.m"), "hours": _hours(shift),
        "role": role.name}))


def send_day_before(today: dt.date | None = None) -> int:
    """Reminders for tomorrow's shifts (the worker's scheduler, daily; safe to run again)."""
    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    before = _queued("volunteer_reminder")
    signups = (rules.live_signups().filter(status=ShiftSignup.Status.CONFIRMED,
                                           shift__date=tomorrow, volunteer__sms_consent=True)
               .select_related("shift", "shift__site", "role", "volunteer"))
    for signup in signups:
        with transaction.atomic():
            sms.enqueue(purpose="volunteer_reminder", phone=signup.volunteer.phone,
                        body=reminder_text(signup), obj=signup,
                        expires_at=signup.shift.starts_at)
    return _queued("volunteer_reminder") - before


def help_plan(shift: Shift) -> list[tuple[ShiftRole, int, list]]:
    """What asking for help would send: (role, people missing, volunteers to ask)."""
    plan = []
    for role in selectors.roles_with_counts().filter(shift=shift).select_related("shift"):
        missing = selectors.missing_people(role)
        if missing:
            plan.append((role, missing, selectors.suitable_for_help(role)))
    return plan


@transaction.atomic
def ask_for_help(shift: Shift) -> int:
    """SMS each suitable volunteer of each under-staffed role; TAK signs them up
    (receivers.py). Asking twice sends nothing twice (dedupe per role and phone).
    Returns how many new messages were queued."""
    before = _queued("volunteer_help")
    for role, missing, volunteers in help_plan(shift):
        text = help_text(role, missing)
        for profile in volunteers:
            sms.enqueue(purpose="volunteer_help", phone=profile.phone, body=text, obj=role,
                        expects_reply=True, expires_at=rules.signup_cutoff(shift))
    return _queued("volunteer_help") - before
