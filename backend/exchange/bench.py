"""Exchange: suggestions on the offer page, the waiting list, the public demand page,
over many waiting requests (`manage.py bench exchange --requests 20000`)."""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.bench import measure
from backend.inventory.models import Category
from backend.people.models import Household

from .models import EquipmentRequest, Offer

SUITE = "exchange"
CATEGORIES = ["Meble", "Sprzęt AGD", "Wózki dziecięce", "Sprzęt rehabilitacyjny", "Rowery"]


def add_arguments(parser) -> None:
    parser.add_argument("--requests", type=int, default=20_000)


def seed(count: int) -> Offer:
    """Bulk rows (no per-row audit: this is load, not user work)."""
    rng = random.Random(11)
    site, _ = Site.objects.get_or_create(name="Bench exchange", defaults={
        "kind": Site.Kind.FIELD_OFFICE, "street": "x", "postal_code": "90-001", "city": "Łódź"})
    categories = [Category.objects.get_or_create(name=name)[0] for name in CATEGORIES]
    households = Household.objects.bulk_create(
        Household(site=site, city="Łódź", street="ul. Benchowa", building=str(i),
                  display_name=f"Bench {i}") for i in range(max(1, count // 4)))
    batch = []
    for i in range(count):
        batch.append(EquipmentRequest(
            household=households[i % len(households)], category=categories[i % len(categories)],
            needs="Szafa", urgency=rng.randint(1, 4), justification="bench",
            max_width_cm=rng.choice([None, 80, 120, 200])))
        if len(batch) == 2000:
            EquipmentRequest.objects.bulk_create(batch)
            batch = []
    EquipmentRequest.objects.bulk_create(batch)
    return Offer.objects.create(category=categories[0], title="Bench szafa", width_cm=100,
                                status=Offer.Status.AVAILABLE, donor_name="Bench",
                                donor_phone="+48603000003", pickup_address="x")


def run(options, emit) -> None:
    count = options["requests"]
    offer = Offer.objects.filter(title="Bench szafa").first() or seed(count)
    roles.sync_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-exchange")
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = Client()
    client.force_login(user)
    pages = [("exchange.offer_suggestions", offer.get_absolute_url(), {}),
             ("exchange.waiting_list", reverse("exchange:request_list"),
              {"category": offer.category_id, "status": "waiting", "per_page": 100}),
             ("exchange.demand", reverse("exchange:demand"), {})]
    for name, url, params in pages:
        def request(url=url, params=params):
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        figures = measure(request, options["repeat"])
        emit({"benchmark": name, "requests": count, "repeat": options["repeat"], **figures})
