"""HandOver.household: the enrolment's household copied onto each hand-over (reports find
the households reached in a period from this table alone, docs/decisions/0145)."""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE distribution_handover SET household_id = (
    SELECT household_id FROM distribution_enrolment
    WHERE distribution_enrolment.id = distribution_handover.enrolment_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("distribution", "0005_merge_0004_closed_at_0004_handover_conflict"),
        ("people", "0005_language_choice_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="handover",
            name="household",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="people.household"),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="handover",
            name="household",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="people.household"),
        ),
        migrations.AddIndex(
            model_name="handover",
            index=models.Index(fields=["at", "household"], name="handover_at_household"),
        ),
    ]
