"""Error pages speak Polish, sit in the site layout and offer a way back (issue 12)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.views.defaults import server_error


@pytest.fixture
def prod(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.django_db
def test_404_is_polish_in_the_layout_with_a_way_back(client, prod):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Nie znaleziono strony" in html
    assert 'class="topbar"' in html  # the site layout
    assert f'href="{reverse("home")}"' in html and "Wróć na stronę główną" in html


@pytest.mark.django_db
def test_403_is_polish_in_the_layout_for_a_role_without_access(client_for, prod):
    client = client_for("volunteer")
    response = client.get(reverse("notifications:batch_list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Nie masz dostępu do tej strony" in html
    assert "Forbidden" not in html
    assert "Wróć na stronę główną" in html
    assert 'class="user-menu' in html or "user-menu" in html  # the layout knows who is logged in


def test_500_renders_without_touching_the_database(rf, prod):
    # No django_db mark: pytest-django refuses any database access, so rendering proves it.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Coś poszło nie tak po naszej stronie" in html
    assert "Wróć na stronę główną" in html and 'class="topbar"' in html


@pytest.mark.django_db
def test_csrf_failure_is_polish_and_explains_what_to_do(prod):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formularz wygasł" in html and "odśwież stronę" in html
    assert "CSRF verification failed" not in html
