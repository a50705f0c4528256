"""The social-assistance income criteria in force (rozporządzenia RM): statutory, so seeded."""

from django.db import migrations

from backend.foodaid.criteria import seed as seed_criteria


def seed(apps, schema_editor):
    seed_criteria(apps.get_model("foodaid", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("foodaid", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
