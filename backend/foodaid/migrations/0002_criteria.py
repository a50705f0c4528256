"""The social-assistance income criteria in force (rozporządzenia RM): statutory, so seeded."""

from decimal import Decimal

from django.db import migrations

CRITERIA = [("2018-10-01", "701", "528"), ("2022-01-01", "776", "600"),
            ("2025-01-01", "1010", "823")]


def seed(apps, schema_editor):
    Criterion = apps.get_model("foodaid", "Criterion")
    for day, single, per_person in CRITERIA:
        Criterion.objects.get_or_create(effective_from=day, defaults={
            "single": Decimal(single), "per_person": Decimal(per_person)})


class Migration(migrations.Migration):
    dependencies = [("foodaid", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
