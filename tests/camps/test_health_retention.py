"""Health data is removed after the retention period counted from the camp's end, once;
the application (counts for reports) stays."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from backend.camps.models import CampSession, HealthCard
from backend.common import personal_data as pd

from .conftest import apply

pytestmark = pytest.mark.django_db


def test_health_cleared_after_the_camp_once(camp, session, coordinator, children, settings):
    settings.RETENTION_DAYS = {"camp_health": 90}
    application = apply(coordinator, camp, children(1)[0], [session])
    card = HealthCard.objects.get(application=application)
    card.health_notes, card.medicines = "Astma", "Ventolin"
    card.signed_scan.save("karta.pdf", ContentFile(b"%PDF skan"))
    path = card.signed_scan.path
    assert pd.run_retention(dry_run=True) == {"camp_health": 0}  # the camp is ahead
    CampSession.objects.filter(pk=session.pk).update(
        start=dt.date.today() - dt.timedelta(days=120),
        end=dt.date.today() - dt.timedelta(days=110))
    assert pd.run_retention() == {"camp_health": 1}
    card.refresh_from_db()
    assert (card.health_notes, card.medicines, card.signed_scan.name) == ("", "", "")
    import os

    assert not os.path.exists(path)
    assert pd.run_retention() == {"camp_health": 0}
    application.refresh_from_db()
    assert application.child_id  # the application stays for the counts
