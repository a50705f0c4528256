"""Donation.drive_id (a plain integer, decision 0011) becomes a real foreign key.

The old column is renamed out of the way, the foreign key takes the name `drive_id`, the
numbers that name an existing drive are copied over (others were never a drive: dropped),
then the old column goes. Works the same on SQLite and PostgreSQL."""

import django.db.models.deletion
from django.db import migrations, models


def copy(apps, schema_editor):
    Donation = apps.get_model("donations", "Donation")
    Drive = apps.get_model("drives", "Drive")
    drives = set(Drive.objects.values_list("pk", flat=True))
    for row in Donation.objects.exclude(legacy_drive__isnull=True).only("pk", "legacy_drive"):
        if row.legacy_drive in drives:
            Donation.objects.filter(pk=row.pk).update(drive_id=row.legacy_drive)


def back(apps, schema_editor):
    Donation = apps.get_model("donations", "Donation")
    for row in Donation.objects.exclude(drive__isnull=True).only("pk", "drive_id"):
        Donation.objects.filter(pk=row.pk).update(legacy_drive=row.drive_id)


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0002_initial"),
        ("drives", "0003_close_distributions"),
    ]

    operations = [
        migrations.RenameField("donation", "drive_id", "legacy_drive"),
        migrations.AddField(
            model_name="donation",
            name="drive",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="donations", to="drives.drive", verbose_name="drive"),
        ),
        migrations.RunPython(copy, back),
        migrations.RemoveField("donation", "legacy_drive"),
    ]
