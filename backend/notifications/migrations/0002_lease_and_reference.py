import uuid

from django.db import migrations, models


def give_references(apps, schema_editor):
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    for pk in OutboxMessage.objects.filter(reference__isnull=True).values_list("pk", flat=True):
        OutboxMessage.objects.filter(pk=pk).update(reference=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="lease_owner",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="lease_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="reference",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outboxmessage",
            name="reference",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.CreateModel(
            name="PendingStatus",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("reference", models.UUIDField(blank=True, db_index=True, null=True)),
                ("provider_message_id", models.CharField(db_index=True, max_length=64)),
                ("status", models.CharField(max_length=20)),
                ("error_code", models.CharField(blank=True, max_length=20)),
                ("received_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"ordering": ["received_at", "id"]},
        ),
    ]
