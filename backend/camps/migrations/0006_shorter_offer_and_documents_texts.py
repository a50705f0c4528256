"""The Polish waiting-list offer and missing-documents texts in one GSM-7 segment: rows
still holding the old default get the new one (a coordinator's edit is kept)."""

from django.db import migrations

OLD_NEW = {
    "camp_offer": (
        "{sender}: zwolnilo sie miejsce na {camp} ({dates}) dla: {names}. "
        "Odpowiedz TAK do {deadline}, inaczej przekazemy je dalej.",
        "{sender}: wolne miejsce na {camp} ({dates}) dla: {names}. "
        "Odpowiedz TAK do {deadline}, inaczej przekazemy je dalej."),
    "camp_documents": (
        "{sender}: przed wyjazdem na {camp} brakuje: {missing} ({names}). "
        "Prosimy o dostarczenie. Tel. {centre_phone}",
        "{sender}: na {camp} brakuje jeszcze: {missing} ({names}). "
        "Prosimy dostarczyc. Tel. {centre_phone}"),
}


def shorten(apps, schema_editor):
    SmsTemplate = apps.get_model("notifications", "SmsTemplate")
    for code, (old, new) in OLD_NEW.items():
        SmsTemplate.objects.filter(code=code, language="pl", body=old).update(body=new)


def restore(apps, schema_editor):
    SmsTemplate = apps.get_model("notifications", "SmsTemplate")
    for code, (old, new) in OLD_NEW.items():
        SmsTemplate.objects.filter(code=code, language="pl", body=new).update(body=old)


class Migration(migrations.Migration):
    dependencies = [
        ("camps", "0005_merge_0003_signed_scan_private_0004_return_boarding"),
        ("notifications", "0006_template_without_polish_letters_by_default"),
    ]

    operations = [migrations.RunPython(shorten, restore)]
