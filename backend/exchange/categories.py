"""Equipment categories: one tree (parent links) of purpose "equipment"; a coordinator's
merge of two categories that mean the same ("AGD" and "Sprzęt AGD"): offers, requests,
catalogue items and subcategories move to the kept one; audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.collation import polish
from backend.inventory.models import Category, Item
from backend.inventory.selectors import category_descendants

from .models import EquipmentRequest, Offer
from .services import ExchangeError


def equipment():
    """What the exchange forms offer: equipment only (never food, fuel or hygiene)."""
    return Category.objects.filter(purpose=Category.Purpose.EQUIPMENT).select_related(
        "parent").order_by(polish("name"), "id")


@transaction.atomic
def merge(actor, source: Category, into: Category) -> dict[str, int]:
    """Move everything of `source` to `into`, then delete `source`."""
    if source.pk == into.pk:
        raise ExchangeError(_("Choose two different categories."), "same_category")
    if into.pk in category_descendants(source):
        raise ExchangeError(_("A category cannot be merged into its own subcategory."),
                            "category_cycle")
    source, into = (Category.objects.select_for_update().get(pk=pk)
                    for pk in (source.pk, into.pk))
    moved = {
        "offers": Offer.objects.filter(category=source).update(category=into),
        "requests": EquipmentRequest.objects.filter(category=source).update(category=into),
        "items": Item.objects.filter(category=source).update(category=into),
        "subcategories": Category.objects.filter(parent=source).update(parent=into),
    }
    if source.purpose == Category.Purpose.EQUIPMENT and into.purpose != source.purpose:
        into.purpose = source.purpose
        into.save(update_fields=["purpose"])
    audit.record(actor, "update", into, {"merged": [source.name, into.name],
                                         **{k: [None, v] for k, v in moved.items()}})
    audit.record(actor, "delete", source, {"merged_into": [None, into.pk]})
    source.delete()
    return moved
