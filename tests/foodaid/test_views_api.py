"""Pages and API of FEPŻ referrals: the refusal shows the threshold, the override is a
coordinator's, the ration sheet warns at the cap, the role matrix and the site scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.foodaid import services
from backend.foodaid.models import Referral

from .conftest import referral_of

D = Decimal


def _form(household, subprogramme, **extra):
    data = {"household": household.pk, "number": "SK/5/2025", "issuing_centre": "MOPS Łódź",
            "subprogramme": subprogramme.pk, "person": household.members.first().pk,
            "issued_on": dt.date.today().isoformat(),
            "valid_until": subprogramme.ends_on.isoformat(), "reasons": ["poverty", "illness"],
            "females": 2, "males": 1, "children": 1, "seniors": 0,
            "target_groups": ["large_family"], "income_per_person": "1 500,00"}
    data.update(extra)
    return data


def test_form_refuses_too_high_income_with_the_threshold_and_a_coordinator_overrides(
        client, make_household, coordinator, programmes):
    household = make_household()
    client.force_login(coordinator)
    url = reverse("foodaid:referral_create")
    page = client.post(url, _form(household, programmes["new"], income_per_person="2 500,00"))
    assert page.status_code == 200
    assert "2\xa0180,95 zł" in page.content.decode()
    assert not Referral.objects.exists()
    done = client.post(url, _form(household, programmes["new"], income_per_person="2 500,00",
                                  override_reason="wysokie koszty leczenia"))
    referral = Referral.objects.get()
    assert done.status_code == 302 and not referral.eligible
    assert referral.reasons == ["poverty", "illness"] and referral.persons == 3


def test_detail_warns_at_the_cap(client, make_household, coordinator, programmes, articles):
    referral = services.create_referral(coordinator, referral_of(
        make_household(), programmes["new"], females=1, males=0))
    client.force_login(coordinator)
    client.post(reverse("foodaid:correction", args=[referral.pk]),
                {"article": articles["rice"].pk, "quantity": "4", "reason": "wydanie ręczne"})
    page = client.get(reverse("foodaid:referral_detail", args=[referral.pk])).content.decode()
    assert "1 kg powyżej limitu" in page


@pytest.mark.parametrize("role,status", [(roles.COORDINATOR, 200), (roles.SOCIAL_WORKER, 200),
                                         (roles.VOLUNTEER, 403),
                                         (roles.WAREHOUSE_VOLUNTEER, 403), (roles.VIEWER, 403)])
def test_role_matrix_for_referrals(client, make_user, role, status, make_household,
                                   coordinator, programmes):
    referral = services.create_referral(coordinator, referral_of(make_household(),
                                                                 programmes["new"]))
    client.force_login(make_user(role, f"u-{role}"))
    for url in (reverse("foodaid:list"), reverse("foodaid:referral_detail", args=[referral.pk]),
                "/api/v1/food-aid/referrals/",
                f"/api/v1/food-aid/referrals/{referral.pk}/ration/"):
        assert client.get(url).status_code == status, url


def test_field_office_worker_sees_only_her_households(make_user, make_household, coordinator,
                                                      programmes, site, other_site):
    mine = services.create_referral(coordinator, referral_of(make_household("A"),
                                                             programmes["new"], number="M/1"))
    services.create_referral(coordinator, referral_of(
        make_household("B", site_obj=other_site), programmes["new"], number="O/1"))
    worker = make_user(roles.SOCIAL_WORKER, "terenowa", sites=[site])
    api = APIClient()
    api.force_authenticate(worker)
    data = api.get("/api/v1/food-aid/referrals/").json()
    assert [r["id"] for r in data["results"]] == [mine.pk]


def test_api_create_refused_then_ration_and_below_share(make_household, coordinator,
                                                        programmes, articles):
    household = make_household()
    api = APIClient()
    api.force_authenticate(coordinator)
    body = {**_form(household, programmes["new"]), "income_per_person": "2500.00"}
    refused = api.post("/api/v1/food-aid/referrals/", body, format="json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "income_above_threshold"
    assert refused.json()["threshold"] == "2180.95"
    body["income_per_person"] = "1000.00"
    created = api.post("/api/v1/food-aid/referrals/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    lines = api.get(f"/api/v1/food-aid/referrals/{pk}/ration/").json()
    assert {(line["item"], line["cap"]) for line in lines} == {("Ryż biały", "9.000"),
                                                               ("Olej rzepakowy", "6.000")}
    below = api.get("/api/v1/food-aid/referrals/below-share/",
                    {"subprogramme": programmes["new"].pk}).json()
    assert [(r["id"], r["due"]) for r in below["results"]] == [(pk, "15.000")]
