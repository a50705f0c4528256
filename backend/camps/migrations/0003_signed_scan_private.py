"""Signed health-card scans move out of MEDIA_ROOT (served to anyone by /media/) into
PRIVATE_MEDIA_ROOT; files already uploaded are moved there under the same name."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import backend.camps.models
import backend.common.storage


def move_scans(apps, schema_editor):
    HealthCard = apps.get_model("camps", "HealthCard")
    public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    for name in HealthCard.objects.exclude(signed_scan="").values_list("signed_scan", flat=True):
        source, target = public / name, private / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):

    dependencies = [
        ("camps", "0002_funding_and_days"),
    ]

    operations = [
        migrations.AlterField(
            model_name="healthcard",
            name="signed_scan",
            field=models.FileField(blank=True, storage=backend.common.storage.private_storage,
                                   upload_to=backend.camps.models.signed_scan_path,
                                   verbose_name="signed card (scan)"),
        ),
        migrations.RunPython(move_scans, migrations.RunPython.noop),
    ]
