"""Shared fixtures: one user per role, sites, households."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from backend.accounts import roles
from backend.accounts.models import Site
from backend.people import services
from backend.people.validators import make_pesel

ROLE_NAMES = list(roles.ROLE_LABELS)


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_settings(request, settings, tmp_path):
    settings.LANGUAGE_CODE = "pl"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "sms"]}}
    # The cache is a database table (shared by every worker, like in production): start each
    # test that uses the database with it empty (a transactional test's flush leaves it).
    if {"db", "transactional_db", "live_server"} & set(request.fixturenames) \
            or request.node.get_closest_marker("django_db"):
        from django.core.cache import cache

        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            cache.clear()


@pytest.fixture
def site(db):
    return Site.objects.create(name="Filia Bałuty", kind=Site.Kind.FIELD_OFFICE,
                               street="ul. Limanowskiego 166", postal_code="91-027", city="Łódź")


@pytest.fixture
def other_site(db):
    return Site.objects.create(name="Filia Widzew", kind=Site.Kind.FIELD_OFFICE,
                               street="al. Piłsudskiego 100", postal_code="92-326", city="Łódź")


@pytest.fixture
def make_user(db):
    roles.sync_roles()

    def make(role: str, username: str | None = None, sites=()):
        user = get_user_model().objects.create_user(
            username=username or role, password="secret-pass-123", first_name=role.title())
        user.groups.add(Group.objects.get(name=role))
        if sites:
            user.sites.set(sites)
        return user

    return make


@pytest.fixture
def users(make_user):
    return {role: make_user(role) for role in ROLE_NAMES}


@pytest.fixture
def coordinator(make_user):
    return make_user(roles.COORDINATOR, "koordynator")


@pytest.fixture
def volunteer(make_user):
    return make_user(roles.VOLUNTEER, "wolontariusz")


@pytest.fixture
def client_for(client, users):
    def login(role: str):
        client.force_login(users[role])
        return client

    return login


@pytest.fixture
def make_household(site):
    counter = {"n": 0}

    def make(last_name="Żółkiewski", first_name="Stanisław", *, actor=None, members=(),
             city="Łódź", street="ul. Zgierska", building="12", apartment="4", pesel=None,
             phone="+48601234567", site_obj=None, **extra):
        counter["n"] += 1
        head = {"first_name": first_name, "last_name": last_name,
                "birth_date": None if pesel else dt.date(1950, 3, 1 + counter["n"] % 27),
                "pesel": pesel if pesel is not None else "", "relation": "head",
                "phone": phone, "sms_consent": bool(phone), "sms_consent_source": "paper"
                if phone else "", "is_disabled": False, "preferred_language": "pl"}
        data = {"site": site_obj or site, "street": street, "building": building,
                "apartment": apartment, "postal_code": "91-100", "city": city, **extra}
        return services.create_household(actor, data, [head, *members])

    return make


@pytest.fixture
def pesel():
    return lambda birth, serial=1234: make_pesel(birth, serial)
