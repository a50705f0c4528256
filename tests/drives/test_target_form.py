"""The target form asks one number per heating type, never JSON (issue 12)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from backend.drives.forms import TargetForm
from backend.drives.models import Target

pytestmark = pytest.mark.django_db


def test_heating_amounts_are_number_fields_saved_as_a_mapping(drive, store, client, coordinator):
    form = TargetForm()
    assert "heating_amounts" not in form.fields and "heating_coal" in form.fields
    assert "{" not in str(form)  # no JSON hint anywhere in the form
    client.force_login(coordinator)
    client.post(reverse("drives:action", args=[drive.pk, "target"]),
                {"item": store["coal"].pk, "quantity": "10", "policy": "heating",
                 "amount": "0", "minimum": "0", "heating_coal": "2", "heating_wood": "3,5"})
    target = Target.objects.get(drive=drive, item=store["coal"])
    assert {k: Decimal(str(v)) for k, v in target.heating_amounts.items()} == {
        "coal": Decimal("2"), "wood": Decimal("3.5")}
