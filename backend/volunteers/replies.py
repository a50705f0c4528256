"""The TAK answer to a help request (called inside the inbound message's transaction)."""

from backend.notifications import services as sms

from . import reminders, services
from .models import ShiftRole, ShiftSignup, VolunteerProfile
from .rules import VolunteerError

WHY = {"full": "brak wolnych miejsc", "overlap": "masz inny dyzur w tym czasie",
       "not_cleared": "potrzebne aktualne sprawdzenie RSPTS i KRK",
       "missing_skill": "ta rola wymaga innych umiejetnosci",
       "documents_missing": "najpierw podpisz porozumienie i oswiadczenie",
       "past_cutoff": "zapisy sa juz zamkniete"}


def answer_help(phone: str, role: ShiftRole) -> ShiftSignup | None:
    profile = VolunteerProfile.objects.filter(
        phone=phone, status=VolunteerProfile.Status.ACCEPTED).first()
    if profile is None:
        return None
    shift = role.shift
    try:
        signup = services.sign_up(profile, role, source=ShiftSignup.Source.SMS)
    except VolunteerError as err:
        text = reminders.fit(f"Wspolnie: dziekujemy! Niestety nie mozemy Cie zapisac "
                             f"({WHY.get(err.code, err.code)}): {shift.title} {shift.date:%d.%m}.")
        sms.enqueue(purpose="volunteer_help_refused", phone=phone, body=text, obj=role)
        return None
    text = reminders.fit(f"Wspolnie: dziekujemy! Zapisano Cie: {role.name}, {shift.title} "
                         f"{shift.date:%d.%m} {reminders._hours(shift)}.")
    sms.enqueue(purpose="volunteer_help_ok", phone=phone, body=text, obj=role)
    return signup
