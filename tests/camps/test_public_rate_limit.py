"""The parents' public application form goes through the shared rate limiter
(backend.common.ratelimit): the 6th post from one address in the hour is refused, in
Polish, and saves nothing."""

import pytest
from django.urls import reverse

from backend.camps.models import Application, HealthCard

pytestmark = pytest.mark.django_db


def test_sixth_application_from_one_address_is_refused_and_nothing_saved(client, camp,
                                                                        session):
    url = reverse("camps:public_apply", args=[camp.pk])

    def post(i, **extra):
        return client.post(url, {
            "parent_name": f"Anna Nowak {i}", "parent_phone": f"602 000 00{i}",
            "child_first_name": f"Ola{i}", "child_birth_date": "2018-03-01",
            "preferences": [session.pk], "consent_data": "on"}, **extra)

    for i in range(5):
        assert post(i).status_code == 200
    assert Application.objects.count() == 5

    refused = post(6)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Z Twojego połączenia wysłano zbyt wiele zgłoszeń" in text
    assert Application.objects.count() == 5 and HealthCard.objects.count() == 5
    assert not Application.objects.filter(child_first_name="Ola6").exists()

    # Another address is not affected.
    assert post(7, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert Application.objects.count() == 6
