"""People: the household list and a search over generated households."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.bench import measure
from backend.common.text import fold

from .demo import CHILDREN, FEMALE, MALE, STREETS, SURNAMES
from .models import Household, Person

SUITE = "people"


def add_arguments(parser) -> None:
    parser.add_argument("--households", type=int, default=50_000)


def seed(count: int) -> None:
    """Bulk rows (no per-row audit: this is load, not user work)."""
    rng = random.Random(7)
    site, _ = Site.objects.get_or_create(name="Bench", defaults={
        "kind": Site.Kind.FIELD_OFFICE, "street": "x", "postal_code": "90-001", "city": "Łódź"})
    batch = 2000
    for start in range(0, count, batch):
        households = []
        for i in range(start, min(count, start + batch)):
            male, _female = SURNAMES[i % len(SURNAMES)]
            street = rng.choice(STREETS)
            head = f"{male}{'' if i < len(SURNAMES) else i}"
            households.append(Household(
                site=site, street=street, building=str(i % 200 + 1), city="Łódź",
                postal_code="90-001", display_name=f"{head} {rng.choice(MALE)}",
                member_count=1 + i % 4,
                search_text=fold(f"{street} {i % 200 + 1} łódź {head}")))
        Household.objects.bulk_create(households)
        persons = []
        for household in Household.objects.filter(pk__gte=households[0].pk).order_by("pk")[
                :len(households)].only("pk", "display_name", "member_count"):
            last = household.display_name.split(" ")[0]
            for m in range(household.member_count):
                first = rng.choice((MALE, FEMALE, CHILDREN)[m % 3])
                persons.append(Person(household_id=household.pk, first_name=first,
                                      last_name=last, birth_date=dt.date(1950 + m * 20, 1, 1),
                                      relation="head" if m == 0 else "other",
                                      search_text=fold(f"{first} {last}")))
        Person.objects.bulk_create(persons)


def run(options, emit) -> None:
    count = options["households"]
    if not Household.objects.filter(site__name="Bench").exists():
        seed(count)
    roles.sync_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = Client()
    client.force_login(user)
    url = reverse("people:household_list")
    for name, params in (("people.household_list", {}), ("people.search", {"q": "zolkiewski"})):
        figures = {}
        for per_page in (25, 100):
            query = {**params, "per_page": per_page, "page": 2}

            def request(query=query):
                response = client.get(url, query)
                assert response.status_code == 200, response.status_code

            figures[per_page] = measure(request, options["repeat"])
        emit({"benchmark": name, "households": count, "repeat": options["repeat"],
              "median_ms": {str(k): v["median_ms"] for k, v in figures.items()},
              "p95_ms": {str(k): v["p95_ms"] for k, v in figures.items()},
              "queries": {str(k): v["queries"] for k, v in figures.items()}})
