"""Seed every default SMS text by code (backend/notifications/defaults.py) in Polish,
Ukrainian and English. Existing templates (a coordinator's edits) are kept."""

from django.db import migrations


def seed(apps, schema_editor):
    from backend.notifications.defaults import DEFAULTS

    SmsTemplate = apps.get_model("notifications", "SmsTemplate")
    for code, (name, transliterate, bodies) in DEFAULTS.items():
        for language, body in bodies.items():
            SmsTemplate.objects.get_or_create(
                code=code, language=language,
                defaults={"name": name, "body": body,
                          "transliterate": transliterate and language != "uk"})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_reply_reason_template_languages")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
