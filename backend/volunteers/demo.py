"""Demo volunteers and shifts: the demo user `wolontariusz` with a profile (documents signed,
not vetted: refused a Mikołajki shift until a check is recorded), a vetted volunteer, an
applicant waiting for acceptance; weekly warehouse shifts, a drive shift, a Mikołajki shift
with children. Idempotent."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.accounts.models import Site

from . import services
from .models import Programme, Shift, VolunteerProfile

MIKOLAJKI = "Mikołajki – animacje dla dzieci"


def _profile(actor, data, accept=True, documents=True):
    username = data.pop("_username", "")
    profile = VolunteerProfile.objects.filter(phone=data["phone"]).first()
    if profile is None:
        profile = services.apply(data, actor=actor)
    if accept and profile.status != VolunteerProfile.Status.ACCEPTED:
        user = get_user_model().objects.filter(username=username).first()
        if user is not None:
            services.update_profile(actor, profile, {"user": user})
        services.accept(actor, profile, send_link=False)
    if documents:
        today = timezone.localdate()
        services.sign_documents(actor, profile, agreement_signed_on=today,
                                data_authorisation_signed_on=today,
                                confidentiality_signed_on=today)
    return profile


def load(stdout=None) -> dict[str, int]:
    if Shift.objects.filter(title=MIKOLAJKI).exists():
        return {"volunteers": VolunteerProfile.objects.count(), "shifts": Shift.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    today = timezone.localdate()
    _profile(actor, {"first_name": "Wiktoria", "last_name": "Wójcik", "phone": "+48601555101",
                     "email": "wiktoria@example.org", "birth_date": dt.date(1996, 4, 2),
                     "licence_categories": ["B"], "can_lift": True, "languages": ["en"],
                     "preferred_areas": ["warehouse", "event"], "_username": "wolontariusz",
                     "availability": "soboty, popołudnia w tygodniu"})
    vetted = _profile(actor, {"first_name": "Marek", "last_name": "Zieliński",
                              "phone": "+48601555102", "birth_date": dt.date(1980, 9, 15),
                              "licence_categories": ["B", "C"], "can_lift": True,
                              "first_aid": True, "preferred_areas": ["drive", "camp"]})
    services.record_check(actor, vetted, {
        "rspts_checked_on": today - dt.timedelta(days=20), "rspts_result": "no_entry",
        "document": "krk", "document_date": today - dt.timedelta(days=25),
        "document_clean": True})
    _profile(actor, {"first_name": "Ola", "last_name": "Kamińska", "phone": "+48601555103",
                     "birth_date": dt.date(today.year - 16, 1, 10), "guardian_name":
                     "Anna Kamińska", "guardian_consent": True, "languages": ["uk"],
                     "preferred_areas": ["event"]}, accept=False, documents=False)
    warehouse = Site.objects.filter(kind=Site.Kind.WAREHOUSE).first()
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    services.create_shift(actor, kind=Programme.WAREHOUSE, title="Magazyn – sortowanie darów",
                          date=saturday, start_time=dt.time(9), end_time=dt.time(13),
                          site=warehouse, weeks=4, roles=[
                              {"name": "Kierowca", "minimum": 1, "maximum": 2,
                               "required_skills": ["licence:B"]},
                              {"name": "Pakowanie", "minimum": 2, "maximum": 4,
                               "required_skills": []}])
    from backend.drives.models import Drive

    drive = Drive.objects.order_by("id").first()
    if drive is not None:
        services.create_shift(actor, kind=Programme.DRIVE, drive=drive,
                              title="Wydawanie opału", date=saturday + dt.timedelta(days=1),
                              start_time=dt.time(10), end_time=dt.time(14),
                              touches_beneficiary_data=True, site=warehouse, roles=[
                                  {"name": "Wydawanie", "minimum": 2, "maximum": 3,
                                   "required_skills": []}])
    services.create_shift(actor, kind=Programme.EVENT, title=MIKOLAJKI,
                          date=dt.date(today.year, 12, 6) if today < dt.date(
                              today.year, 12, 6) else today + dt.timedelta(days=10),
                          start_time=dt.time(15), end_time=dt.time(19), with_children=True,
                          place="Świetlica, ul. Wólczańska 40", roles=[
                              {"name": "Animator", "minimum": 2, "maximum": 4,
                               "required_skills": []}])
    services.create_shift(actor, kind=Programme.WAREHOUSE, title="Nocny rozładunek TIR-a",
                          date=today + dt.timedelta(days=3), start_time=dt.time(22),
                          end_time=dt.time(2), site=warehouse, roles=[
                              {"name": "Rozładunek", "minimum": 2, "maximum": 4,
                               "required_skills": ["lifting"]}])
    return {"volunteers": VolunteerProfile.objects.count(), "shifts": Shift.objects.count()}
