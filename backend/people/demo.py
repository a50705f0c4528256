"""Realistic demo data for one city (Łódź). Idempotent: natural keys, get_or_create."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from backend.accounts import roles
from backend.accounts.models import Site

from . import services
from .models import Donor, Household, HouseholdFlag, Person
from .validators import make_pesel

DEMO_PASSWORD = "wspolnie-demo"
DEMO_USERS = [
    ("admin", "Anna", "Administratorska", roles.ADMINISTRATOR),
    ("koordynator", "Katarzyna", "Kowalska", roles.COORDINATOR),
    ("pracownik", "Paweł", "Nowak", roles.SOCIAL_WORKER),
    ("magazynier", "Marek", "Wiśniewski", roles.WAREHOUSE_VOLUNTEER),
    ("wolontariusz", "Wiktoria", "Wójcik", roles.VOLUNTEER),
    ("podglad", "Piotr", "Lewandowski", roles.VIEWER),
]
SITES = [
    ("MOPS Łódź – siedziba", Site.Kind.HEAD_OFFICE, "ul. Piotrkowska 100", "90-004",
     "pn.–pt. 7:30–15:30"),
    ("Filia Bałuty", Site.Kind.FIELD_OFFICE, "ul. Limanowskiego 166", "91-027", "pn.–pt. 8–16"),
    ("Filia Widzew", Site.Kind.FIELD_OFFICE, "al. Piłsudskiego 100", "92-326", "pn.–pt. 8–16"),
    ("Filia Górna", Site.Kind.FIELD_OFFICE, "ul. Rzgowska 34", "93-172", "pn.–pt. 8–16"),
    ("Magazyn Zgierska", Site.Kind.WAREHOUSE, "ul. Zgierska 221", "91-495",
     "pn.–pt. 7–15, sob. 8–12"),
    ("Punkt wydawania Retkinia", Site.Kind.PICKUP_POINT, "ul. Armii Krajowej 32", "94-046",
     "wt., czw. 10–17"),
]
FLAGS = [("homeless", "w kryzysie bezdomności"), ("single-parent", "rodzic samotnie wychowujący"),
         ("large-family", "rodzina wielodzietna"), ("refugee", "uchodźcy z Ukrainy")]
SURNAMES = [("Żółkiewski", "Żółkiewska"), ("Kowalczyk", "Kowalczyk"), ("Zieliński", "Zielińska"),
            ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
            ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
            ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"),
            ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"), ("Król", "Król"),
            ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"), ("Wróbel", "Wróbel"),
            ("Nowakowski", "Nowakowska"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"),
            ("Stępień", "Stępień"), ("Malinowski", "Malinowska"), ("Jaworski", "Jaworska"),
            ("Adamczyk", "Adamczyk"), ("Dudek", "Dudek"), ("Nowicki", "Nowicka"),
            ("Pająk", "Pająk"), ("Ślusarczyk", "Ślusarczyk"), ("Łukasik", "Łukasik"),
            ("Górski", "Górska"), ("Rutkowski", "Rutkowska")]
MALE = ["Jan", "Stanisław", "Andrzej", "Józef", "Tadeusz", "Jerzy", "Zbigniew", "Krzysztof",
        "Henryk", "Ryszard", "Kazimierz", "Marek", "Tomasz", "Łukasz", "Michał"]
FEMALE = ["Maria", "Krystyna", "Anna", "Barbara", "Teresa", "Elżbieta", "Janina", "Zofia",
          "Jadwiga", "Danuta", "Halina", "Irena", "Agnieszka", "Małgorzata", "Żaneta"]
CHILDREN = ["Zuzanna", "Julia", "Lena", "Antoni", "Jakub", "Szymon", "Hanna", "Filip", "Maja",
            "Oliwia", "Igor", "Wojciech"]
STREETS = ["ul. Piotrkowska", "ul. Zgierska", "ul. Limanowskiego", "ul. Łagiewnicka",
           "ul. Rzgowska", "ul. Pomorska", "ul. Kilińskiego", "ul. Wólczańska",
           "al. Włókniarzy", "ul. Żeromskiego", "ul. Próchnika", "ul. Gdańska"]
HEATING = ["coal", "coal", "wood", "pellet", "gas", "district", "district", "electric"]
DONORS = [
    ("Piekarnia „Złoty Kłos” sp. z o.o.", "organisation", "7251801126", "Jolanta Mróz"),
    ("Hurtownia Węgla „Czarne Złoto”", "organisation", "7272445205", "Zenon Węglarz"),
    ("Parafia św. Stanisława Kostki", "organisation", "7251869386", "ks. Tomasz"),
    ("Bank Żywności w Łodzi", "organisation", "7292463412", "Ewa Szczęsna"),
    ("Krystyna Bąk", "person", "", ""),
    ("Jerzy Świątek", "person", "", ""),
]


def _phone(index: int, landline: bool) -> str:
    if landline:
        return f"+4842{6300000 + index:07d}"  # Łódź fixed line (42)
    return f"+48{600000000 + index * 7919 % 99999999 + 1000000:09d}"[:12]


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    roles.sync_roles()
    User = get_user_model()
    sites = {}
    for name, kind, street, postal, hours in SITES:
        sites[name], _ = Site.objects.get_or_create(
            name=name, defaults={"kind": kind, "street": street, "postal_code": postal,
                                 "city": "Łódź", "opening_hours": hours,
                                 "phone": "+48426384000"})
    users = {}
    for username, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last,
                                         "email": f"{username}@example.org",
                                         "is_staff": role == roles.ADMINISTRATOR,
                                         "is_superuser": role == roles.ADMINISTRATOR})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.set([Group.objects.get(name=role)])
        users[role] = user
    users[roles.SOCIAL_WORKER].sites.set([sites["Filia Bałuty"], sites["Filia Widzew"]])
    users[roles.WAREHOUSE_VOLUNTEER].sites.set([sites["Magazyn Zgierska"]])
    users[roles.VOLUNTEER].sites.set([sites["Punkt wydawania Retkinia"]])
    for code, name in FLAGS:
        HouseholdFlag.objects.get_or_create(code=code, defaults={"name": name})
    for name, kind, nip, contact in DONORS:
        if not Donor.objects.filter(name=name).exists():
            services.create_donor(users[roles.COORDINATOR], {
                "kind": kind, "name": name, "nip": nip, "contact_person": contact,
                "contact_consent": True, "email": "", "phone": "", "address": "Łódź",
                "notes": ""})
    created = 0
    if not Household.objects.filter(referral_number__startswith="DEMO/").exists():
        created = _households(users, sites)
    return {"households": Household.objects.count(), "created": created,
            "persons": Person.objects.count()}


def _households(users, sites) -> int:
    rng = random.Random(2026)
    field_offices = [s for s in sites.values() if s.kind == Site.Kind.FIELD_OFFICE]
    actor = users[roles.COORDINATOR]
    flags = {f.code: f for f in HouseholdFlag.objects.all()}
    serial = 0
    for index, (male, female) in enumerate(SURNAMES):
        serial += 1
        site = field_offices[index % len(field_offices)]
        shape = index % 5  # 0 senior alone, 1 couple+kids, 2 single parent, 3 couple, 4 large
        head_female = shape in (0, 2) and index % 2 == 0
        head_first = rng.choice(FEMALE if head_female else MALE)
        head_age = 72 + index % 15 if shape == 0 else 30 + index % 25
        members = [_member(head_first, female if head_female else male, head_age, "head",
                           index, serial, landline=index == 7)]
        if shape in (1, 3, 4):
            serial += 1
            members.append(_member(rng.choice(FEMALE), female, head_age - 2, "spouse", index + 40,
                                   serial, phone=False))
        kids = {1: 2, 2: 1, 4: 4}.get(shape, 0)
        for k in range(kids):
            serial += 1
            members.append(_member(rng.choice(CHILDREN), male if k % 2 else female,
                                   2 + (index + k * 3) % 15, "child", 0, serial, phone=False))
        household = services.create_household(actor, {
            "site": site, "street": rng.choice(STREETS), "building": str(1 + index * 7 % 120),
            "apartment": str(1 + index % 40) if index % 3 else "", "city": "Łódź",
            "postal_code": f"9{index % 4}-{100 + index * 13 % 800:03d}",
            "heating_type": HEATING[index % len(HEATING)],
            "referral_number": f"DEMO/{2026}/{index + 1:03d}",
            "referral_date": dt.date(2026, 1 + index % 10, 1 + index % 27),
            "social_worker": users[roles.SOCIAL_WORKER],
            "monthly_income": 900 + index * 137 % 2500, "notes": "",
        }, members)
        if shape == 2:
            household.flags.add(flags["single-parent"])
        if shape == 4:
            household.flags.add(flags["large-family"])
    return len(SURNAMES)


def _member(first, last, age, relation, index, serial, phone=True, landline=False):
    today = dt.date(2026, 11, 1)
    birth = dt.date(today.year - age, 1 + serial % 12, 1 + serial % 28)
    has_phone = phone
    return {
        "first_name": first, "last_name": last, "birth_date": birth,
        "pesel": make_pesel(birth, 1000 + serial * 37) if serial % 4 else "",
        "relation": relation, "is_disabled": serial % 11 == 0,
        "phone": _phone(index, landline) if has_phone else "",
        "sms_consent": has_phone, "sms_consent_source": "paper" if has_phone else "",
        "preferred_language": "pl",
    }
