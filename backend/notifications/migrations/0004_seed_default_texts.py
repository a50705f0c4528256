"""Seed every default SMS text by code (backend/notifications/defaults.py) in Polish,
Ukrainian and English. Existing templates (a coordinator's edits) are kept."""

from django.db import migrations


def seed(apps, schema_editor):
    from backend.notifications.defaults import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_reply_reason_template_languages")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
