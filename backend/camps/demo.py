"""Demo: a kolonie (two turnusy at the sea and in the mountains, about 30 applications,
20 places, the rest on the waiting list after a recorded qualification) and a Wakacje z
MOPS-em week (a day camp). Idempotent. Withdrawals, offers and TAK replies (SMS sandbox)
and the bus check-in are left for the user to try."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.accounts.models import Site
from backend.people.models import Donor, Person, age_on

from . import days, funding, qualification, services
from .models import Camp, CampSession

KOLONIE = "Kolonie letnie"
PUBLIC = [("Agnieszka Zielińska", "Kacper"), ("Marek Szymański", "Nikola"),
          ("Ewelina Dąbrowska", "Oskar"), ("Tomasz Wójcik", "Amelia"),
          ("Monika Kamińska", "Wiktor")]
WAKACJE = "Wakacje z MOPS-em"


def _session(actor, camp, name, start, days, **fields) -> CampSession:
    departure = timezone.make_aware(dt.datetime.combine(start, dt.time(7, 30)))
    back = timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=days),
                                                   dt.time(17, 30)))
    return services.add_session(actor, camp, CampSession(
        name=name, start=start, end=start + dt.timedelta(days=days), departure_at=departure,
        return_at=back, **fields))


def load(stdout=None) -> dict[str, int]:
    if Camp.objects.filter(name__startswith=KOLONIE).exists():
        return {"camps": Camp.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    site = Site.objects.filter(kind=Site.Kind.HEAD_OFFICE).first() or Site.objects.first()
    if site is None:
        return {"camps": 0}
    today = dt.date.today()
    year = today.year + (1 if today.month > 7 else 0)
    camp = services.create_camp(actor, name=f"{KOLONIE} {year}", year=year, site=site,
                                coordinators=[actor] if actor else [])
    money = {"cost_per_child": Decimal("1850"), "funding_centre": Decimal("900"),
             "funding_gmina": Decimal("600"), "funding_sponsor": Decimal("200"),
             "parents_contribution": Decimal("150")}
    sea = _session(actor, camp, "Turnus I — Łeba", dt.date(year, 7, 1), 10,
                   kind=CampSession.Kind.OVERNIGHT, organiser="Fundacja Słoneczne Lato",
                   place="Ośrodek „Bryza”, ul. Nadmorska 5, Łeba", min_age=7, max_age=12,
                   capacity=10, places_girls=5, places_boys=5,
                   registry_number=f"WYP/{year}/10234", meeting_point="Parking przy MOPS, "
                   "ul. Piotrkowska 100", **money)
    hills = _session(actor, camp, "Turnus II — Zakopane", dt.date(year, 7, 15), 10,
                     kind=CampSession.Kind.OVERNIGHT, organiser="Fundacja Słoneczne Lato",
                     place="Pensjonat „Halny”, ul. Kościeliska 12, Zakopane", min_age=10,
                     max_age=15, capacity=10, meeting_point="Dworzec Łódź Fabryczna",
                     **money)
    children = [p for p in Person.objects.filter(relation="child").select_related(
        "household").order_by("pk") if 7 <= (age_on(p.birth_date, sea.start) or 0) <= 15]
    for index, child in enumerate(children[:30]):
        age = age_on(child.birth_date, sea.start)
        order = [sea, hills] if age <= 12 and index % 3 else [hills, sea]
        if age < 10:
            order = [sea]
        elif age > 12:
            order = [hills]
        # The seaside rooms are split 5/5: a child without a PESEL is told by its name.
        sex = services.sex_of(child) or ("F" if child.first_name.endswith("a") else "M")
        application = services.file_application(
            actor, camp, child=child, preferences=[s.pk for s in order], sex=sex,
            reason_difficult=index % 3 == 0, reason_disability=child.is_disabled,
            first_time=index % 2 == 0, siblings_together=index % 7 == 0, consent_data=True,
            consent_photos=index % 4 != 0)
        if index % 3 == 1:
            services.set_documents(actor, application, card_signed=True, medical_note=True,
                                   contribution_paid=index % 2 == 1)
    qualification.qualify(actor, camp, seed=f"demo-{year}")
    for index, (parent, child) in enumerate(PUBLIC):  # parents' forms, still to verify
        services.submit_public(camp, preferences=[sea.pk], parent_name=parent,
                               parent_phone=f"+4860377{index:04d}", child_first_name=child,
                               child_birth_date=dt.date(year - 9 - index % 3, 3, 1 + index),
                               first_time=True, consent_data=True)

    week = services.create_camp(actor, name=f"{WAKACJE} {year}", year=year, site=site,
                                coordinators=[actor] if actor else [])
    day = _session(actor, week, "Tydzień 1 — zajęcia w świetlicy", dt.date(year, 7, 7), 4,
                   kind=CampSession.Kind.DAY, organiser="MOPS",
                   place="Świetlica, ul. Zgierska 20", min_age=6, max_age=12, capacity=15,
                   cost_per_child=Decimal("120"), funding_gmina=Decimal("120"),
                   meeting_point="Świetlica, ul. Zgierska 20")
    young = [p for p in Person.objects.filter(relation="child").order_by("-pk")
             if 6 <= (age_on(p.birth_date, day.start) or 0) <= 12][:12]
    for index, child in enumerate(young):
        services.file_application(actor, week, child=child, preferences=[day.pk],
                                  first_time=index % 2 == 0, consent_data=True,
                                  consent_photos=True)
    _days_and_sponsor(actor, sea, week, day, year)
    return {"camps": Camp.objects.count()}


PROGRAMME = [("Gry i zabawy na podwórku", "Podchody, piłka, kreda"),
             ("Wyjście do zoo", "Zbiórka 9:00, powrót 14:00, suchy prowiant"),
             ("Basen", "Strój kąpielowy, ręcznik, czepek"),
             ("Warsztaty plastyczne", "Malowanie koszulek")]


def _days_and_sponsor(actor, sea, week, day, year) -> None:
    """The Wakacje week: qualified, four days (the zoo with fewer places), sign-ups;
    a sponsor of the seaside session (the first demo donor)."""
    qualification.qualify(actor, week, seed=f"demo-week-{year}")
    kids = list(days.eligible(day))
    for offset, (title, activities) in enumerate(PROGRAMME):
        row = days.add_day(actor, day, date=day.start + dt.timedelta(days=offset),
                           title=title, activities=activities,
                           capacity=8 if offset == 1 else day.capacity)
        for application in kids[: row.capacity - 1]:
            days.sign_up(actor, row, application)
    donor = Donor.objects.order_by("pk").first()
    if donor is not None:
        funding.add_sponsorship(actor, sea, donor, amount=Decimal("2000"), places=1,
                                purpose="plecaki i śpiwory")
