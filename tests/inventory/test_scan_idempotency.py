"""A retried scan never acts twice: 20 identical requests (one nonce) sent at once through
the API and the scan page give one movement, and every answer is the first one (PostgreSQL,
threads with their own connections)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.inventory import selectors
from backend.inventory.models import Balance, Movement, ScanLog
from tests.races import needs_postgres, race, same_client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
N = 20


@pytest.fixture
def warehouse_user(make_user):
    return make_user(roles.WAREHOUSE_VOLUNTEER, "magazynier")


def test_api_scan_action_retried_at_once_issues_once(warehouse_user, lot, tree):
    needs_postgres()
    body = {"action": "issue", "lot": lot.pk, "location": tree["a1"].pk, "quantity": "1",
            "nonce": "tap-1"}

    def post():
        api = APIClient()
        api.force_authenticate(warehouse_user)
        response = api.post("/api/v1/scan/action/", body, format="json")
        return response.status_code, response.json()["ok"], response.json()["message"]

    answers = race([post] * N)
    issued = Movement.objects.filter(lot=lot, kind=Movement.Kind.ISSUE).count()
    assert issued == 1, f"{issued} issues from {N} identical requests"
    assert Balance.objects.get(lot=lot, location=tree["a1"]).quantity == 4
    assert len(set(answers)) == 1 and answers[0][:2] == (200, True), answers
    assert ScanLog.objects.filter(nonce="tap-1").count() == 1
    assert selectors.stock_check() == []


def test_api_scan_move_retried_at_once_moves_once(warehouse_user, lot, tree):
    needs_postgres()
    body = {"action": "move", "lot": lot.pk, "location": tree["a1"].pk,
            "target": tree["b3"].pk, "quantity": "2", "nonce": "move-1"}

    def post():
        api = APIClient()
        api.force_authenticate(warehouse_user)
        response = api.post("/api/v1/scan/action/", body, format="json")
        return response.status_code, response.json()["message"]

    answers = race([post] * N)
    assert Movement.objects.filter(lot=lot, kind=Movement.Kind.MOVE).count() == 1
    assert Balance.objects.get(lot=lot, location=tree["b3"]).quantity == 2
    assert len(set(answers)) == 1 and answers[0][0] == 200, answers


def test_scan_page_action_retried_at_once_issues_once(client, warehouse_user, lot, tree):
    needs_postgres()
    client.force_login(warehouse_user)
    data = {"action": "issue", "lot": lot.pk, "location": tree["a1"].pk, "quantity": "1",
            "nonce": "tap-2"}

    def post():
        response = same_client(Client, client).post(reverse("inventory:scan_action"), data)
        return response.status_code, response["HX-Trigger"]

    answers = race([post] * N)
    issued = Movement.objects.filter(lot=lot, kind=Movement.Kind.ISSUE).count()
    assert issued == 1, f"{issued} issues from {N} identical requests"
    assert set(answers) == {(200, "scan-ok")}, answers
    assert ScanLog.objects.filter(nonce="tap-2").count() == 1


def test_scan_page_move_by_shelf_retried_at_once_moves_once(client, warehouse_user, lot, tree):
    needs_postgres()
    client.force_login(warehouse_user)
    shelf = selectors.active_tag(tree["b3"])
    data = {"code": shelf.short_code, "pending_lot": lot.pk, "pending_from": tree["a1"].pk,
            "nonce": "shelf-1"}

    def post():
        response = same_client(Client, client).post(reverse("inventory:scan_resolve"), data)
        return response.status_code, response["HX-Trigger"]

    answers = race([post] * N)
    assert Movement.objects.filter(lot=lot, kind=Movement.Kind.MOVE).count() == 1
    assert Balance.objects.get(lot=lot, location=tree["b3"]).quantity == 5
    assert set(answers) == {(200, "scan-ok")}, answers
