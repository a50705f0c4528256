"""Seed the events' and volunteers' SMS texts (they were hard-coded, with Polish letters
that made each message UCS-2) for databases migrated before they joined the defaults."""

from django.db import migrations


def seed(apps, schema_editor):
    from backend.notifications.defaults import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_seed_default_texts")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
