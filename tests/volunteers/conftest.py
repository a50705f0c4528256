import datetime as dt

import pytest
from django.utils import timezone

from backend.accounts import roles
from backend.volunteers import services
from backend.volunteers.models import Programme, VolunteerProfile


@pytest.fixture
def make_volunteer(db, make_user):
    """An accepted volunteer with a log-in; documents signed unless told otherwise."""
    roles.sync_roles()
    counter = {"n": 0}

    def make(first_name="Anna", *, documents=True, vetted=False, birth=dt.date(1990, 5, 1),
             **extra):
        counter["n"] += 1
        n = counter["n"]
        data = {"first_name": first_name, "last_name": f"Wolontariusz{n}",
                "phone": f"+486015550{n:02d}", "birth_date": birth, **extra}
        profile = services.apply(data)
        profile = services.accept(None, profile, send_link=False)
        if documents:
            today = timezone.localdate()
            profile = services.sign_documents(None, profile, agreement_signed_on=today,
                                              data_authorisation_signed_on=today,
                                              confidentiality_signed_on=today)
        if vetted:
            vet(profile)
        return profile

    return make


def vet(profile, days_ago=10, result="no_entry"):
    today = timezone.localdate()
    return services.record_check(None, profile, {
        "rspts_checked_on": today - dt.timedelta(days=days_ago), "rspts_result": result,
        "document": "krk", "document_date": today - dt.timedelta(days=days_ago),
        "document_clean": True})


@pytest.fixture
def make_shift(db):
    def make(*, days=3, start=dt.time(9), end=dt.time(13), roles=None, weeks=1, **fields):
        fields.setdefault("kind", Programme.WAREHOUSE)
        fields.setdefault("title", "Magazyn")
        shifts = services.create_shift(
            None, date=timezone.localdate() + dt.timedelta(days=days), start_time=start,
            end_time=end, weeks=weeks,
            roles=roles or [{"name": "Pakowanie", "minimum": 2, "maximum": 4,
                             "required_skills": []}], **fields)
        return shifts[0] if weeks == 1 else shifts

    return make


@pytest.fixture
def applicant(db):
    return services.apply({"first_name": "Jan", "last_name": "Nowy", "phone": "601 555 900",
                           "birth_date": dt.date(1985, 1, 1), "email": "jan@example.org"})


__all__ = ["VolunteerProfile", "vet"]
