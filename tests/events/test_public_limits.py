"""The public pledge form's limit counts each visitor on the shared limiter (issue 9 §3):
behind the proxy by the address the proxy saw, not the proxy's own."""

import pytest
from django.urls import reverse

from backend.events.models import Pledge, Wish
from tests.events.test_privacy_matrix import objects  # noqa: F401

pytestmark = pytest.mark.django_db


def test_pledges_are_limited_per_visitor_behind_the_proxy(client, objects, settings):  # noqa: F811
    settings.PROXY_COUNT = 1
    settings.EVENTS_PUBLIC_PLEDGES_PER_HOUR = 1
    url = reverse("events:public_pledge", args=[objects["e"]])
    wishes = list(Wish.objects.values_list("pk", flat=True))
    assert wishes

    def pledge(ip, wish):
        return client.post(url, {"wish": [wish], "name": "Szkoła", "email": "s@example.org"},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ip)

    def reopen():
        Pledge.objects.all().delete()
        Wish.objects.update(status=Wish.Status.OPEN, pledge=None)

    assert pledge("203.0.113.7", wishes[0]).status_code == 200
    reopen()  # only the limit can refuse the next one
    refused = pledge("203.0.113.7", wishes[0])
    assert refused.status_code == 422 and "Zbyt wiele deklaracji" in refused.content.decode()
    assert not Pledge.objects.exists()
    # another family behind the same proxy is not refused for the first one's pledge
    assert pledge("198.51.100.20", wishes[0]).status_code == 200
