"""Equipment categories for the exchange, and "Sprzęt AGD"-like duplicates merged into
"AGD" (the demo and early data had both, so a fridge request never met the fridge)."""

from django.db import migrations

from backend.common.text import fold

PREFIXES = ("sprzet ", "urzadzenia ")  # "Sprzęt AGD" means "AGD"
EQUIPMENT = {"agd", "rtv", "meble", "sprzet rehabilitacyjny", "wozki dzieciece",
             "sprzet ortopedyczny"}


def forwards(apps, schema_editor):
    Category = apps.get_model("inventory", "Category")
    Item = apps.get_model("inventory", "Item")
    Offer = apps.get_model("exchange", "Offer")
    Request = apps.get_model("exchange", "EquipmentRequest")
    used = set(Offer.objects.values_list("category_id", flat=True))
    used |= set(Request.objects.values_list("category_id", flat=True))
    used |= set(Item.objects.filter(individual=True).values_list("category_id", flat=True))
    by_key = {fold(c.name): c for c in Category.objects.all()}
    used |= {c.pk for key, c in by_key.items() if key in EQUIPMENT}
    Category.objects.filter(pk__in=used).update(purpose="equipment")
    for key, duplicate in sorted(by_key.items()):
        for prefix in PREFIXES:
            kept = by_key.get(key.removeprefix(prefix)) if key.startswith(prefix) else None
            if kept is None or kept.pk == duplicate.pk:
                continue
            Offer.objects.filter(category=duplicate).update(category=kept)
            Request.objects.filter(category=duplicate).update(category=kept)
            Item.objects.filter(category=duplicate).update(category=kept)
            Category.objects.filter(parent=duplicate).update(parent=kept)
            Category.objects.filter(pk=kept.pk).update(purpose="equipment")
            duplicate.delete()
            break


class Migration(migrations.Migration):

    dependencies = [
        ("exchange", "0001_initial"),
        ("inventory", "0002_category_tree"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
