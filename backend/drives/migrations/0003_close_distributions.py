"""Drives closed before Distribution.closed_at existed: close their distributions, so the
engine (which now guards itself) refuses writes to them too."""

from django.db import migrations
from django.db.models import Subquery
from django.utils import timezone


def close(apps, schema_editor):
    Drive = apps.get_model("drives", "Drive")
    Distribution = apps.get_model("distribution", "Distribution")
    closed = Drive.objects.filter(status="closed").values("distribution_id")
    Distribution.objects.filter(pk__in=Subquery(closed), closed_at__isnull=True).update(
        closed_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("drives", "0002_delivery_runs"),
        ("distribution", "0004_closed_at"),
    ]

    operations = [migrations.RunPython(close, migrations.RunPython.noop)]
