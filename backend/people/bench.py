"""People: the household list and a search over generated households; with
`--import-rows N`, the CSV import of N rows (check, then import) through its tasks."""

import datetime as dt
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.bench import measure
from backend.common.text import fold

from .demo import CHILDREN, FEMALE, MALE, STREETS, SURNAMES
from .models import Household, ImportBatch, Person
from .validators import make_pesel

SUITE = "people"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                         "QUEUES": ["default", "sms"]}}


def add_arguments(parser) -> None:
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--import-rows", type=int, default=0,
                        help="time the CSV import of this many rows instead of the lists")


def import_csv(rows: int) -> str:
    """A realistic upload: households of 1-4 persons, PESEL, mobile numbers, addresses;
    one line in 1,000 irregular (a separator too many) and reported by its number."""
    rng = random.Random(11)
    lines = ["gospodarstwo;imie;nazwisko;data_urodzenia;pesel;pokrewienstwo;telefon;zgoda_sms;"
             "ulica;nr_domu;nr_mieszkania;kod_pocztowy;miejscowosc;ogrzewanie"]
    household = 0
    while len(lines) <= rows:
        household += 1
        male, female = SURNAMES[household % len(SURNAMES)]
        street, building = rng.choice(STREETS), household % 300 + 1
        for member in range(rng.choice((1, 1, 2, 3, 4))):
            # (birth date, serial) unique per line: no PESEL twice in the file
            birth = dt.date(1940, 1, 1) + dt.timedelta(days=len(lines) % 20_000)
            pesel = make_pesel(birth, len(lines) // 20_000 + rng.randrange(3) * 10)
            first = rng.choice((MALE, FEMALE)[member % 2])
            phone = f"60{len(lines):07d}" if member == 0 else ""
            cells = [f"G{household}", first, (male, female)[member % 2],
                     birth.strftime("%d.%m.%Y"), pesel, "głowa" if member == 0 else "inna",
                     phone, "tak" if phone else "", street, str(building), str(member + 1),
                     "90-001", "Łódź", "węgiel"]
            if len(lines) % 1000 == 500:
                cells.insert(9, "m. 2")  # irregular line
            lines.append(";".join(cells))
            if len(lines) > rows:
                break
    return "\n".join(lines) + "\n"


def run_import(rows: int, emit) -> None:
    roles.sync_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-importer")
    site, _ = Site.objects.get_or_create(name="Bench", defaults={
        "kind": Site.Kind.FIELD_OFFICE, "street": "x", "postal_code": "90-001", "city": "Łódź"})
    content = import_csv(rows)
    from . import imports

    with override_settings(TASKS=IMMEDIATE):
        start, cpu = time.perf_counter(), time.process_time()
        batch = imports.create_batch(user, file_name="bench.csv", content=content, site=site)
        checked = time.perf_counter()
        imports.start_import(user, batch)
        done, cpu = time.perf_counter(), time.process_time() - cpu
    batch = ImportBatch.objects.get(pk=batch.pk)
    emit({"benchmark": "people.import", "rows": rows, "bytes": len(content.encode()),
          "status": batch.status, "valid_rows": batch.valid_rows,
          "error_rows": batch.error_rows, "households": batch.imported_households,
          "persons": batch.imported_persons, "check_s": round(checked - start, 1),
          "import_s": round(done - checked, 1), "total_s": round(done - start, 1),
          "cpu_s": round(cpu, 1)})


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
    if options["import_rows"]:
        run_import(options["import_rows"], emit)
        return
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
