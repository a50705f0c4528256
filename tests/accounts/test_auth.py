import re

import pytest
from django.core import mail
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import Site


@pytest.mark.django_db
def test_login_logout_and_roles_are_groups(client, make_user):
    make_user(roles.COORDINATOR, "kasia")
    response = client.post(reverse("accounts:login"),
                           {"username": "kasia", "password": "secret-pass-123"})
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "Koordynator" in home or "Coordinator" in home
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_failed_logins_are_throttled(client, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user(roles.COORDINATOR, "kasia")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "kasia", "password": "wrong"})
    locked = client.post(reverse("accounts:login"),
                         {"username": "kasia", "password": "secret-pass-123"})
    assert locked.status_code == 429  # the right password is refused while locked
    assert "15" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email_and_change(client, make_user):
    user = make_user(roles.VOLUNTEER, "ola")
    user.email = "ola@example.org"
    user.save()
    client.post(reverse("accounts:password_reset"), {"email": "ola@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": "Nowe-Haslo-2026!", "new_password2": "Nowe-Haslo-2026!"})
    assert response.status_code == 302
    assert client.login(username="ola", password="Nowe-Haslo-2026!")
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "Nowe-Haslo-2026!", "new_password1": "Jeszcze-Inne-77",
        "new_password2": "Jeszcze-Inne-77"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_every_role_exists_with_explicit_permissions(make_user):
    from django.contrib.auth.models import Group

    roles.sync_roles()
    names = set(Group.objects.values_list("name", flat=True))
    assert names == set(roles.ROLE_LABELS)
    volunteer = Group.objects.get(name=roles.VOLUNTEER)
    assert not volunteer.permissions.filter(content_type__app_label="people").exists()
    sw = set(Group.objects.get(name=roles.SOCIAL_WORKER).permissions.values_list("codename",
                                                                                 flat=True))
    assert {"view_household", "view_sensitive_data"} <= sw and "delete_household" not in sw


@pytest.mark.django_db
def test_users_are_assigned_to_sites(make_user):
    office = Site.objects.create(name="Filia 1", kind="field_office", street="x 1",
                                 postal_code="90-001", city="Łódź")
    user = make_user(roles.SOCIAL_WORKER, "sw", sites=[office])
    assert list(user.sites.all()) == [office]
