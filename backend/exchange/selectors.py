"""Reads of the equipment exchange: waiting lists, suggestions, histories, privacy."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from backend.accounts import audit
from backend.accounts.models import AuditEntry
from backend.common.collation import polish
from backend.inventory.models import Category
from backend.inventory.selectors import category_ancestors, category_descendants
from backend.people import selectors as people_selectors

from .models import EquipmentRequest, Match, Offer, TransportTask


def visible_requests(user) -> QuerySet:
    """Equipment requests of the households the user may see (the site rule)."""
    households = people_selectors.visible_households(user)
    return EquipmentRequest.objects.filter(household__in=households).select_related(
        "household", "category")


def _fits(prefix: str, offer: Offer) -> Q:
    """A request fits when each size limit it sets is at least the offer's size."""
    condition = Q()
    for axis in ("width", "height", "depth"):
        size = getattr(offer, f"{axis}_cm")
        if size:
            field = f"{prefix}max_{axis}_cm"
            condition &= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": size})
    return condition


def waiting_list(category: Category | None = None, *,
                 above: bool = False) -> QuerySet[EquipmentRequest]:
    """Per category: most urgent first, then the longest waiting. `above`: also requests
    for the categories above it (a request for "AGD" waits for a fridge in "AGD › Lodówki")."""
    qs = EquipmentRequest.objects.filter(status=EquipmentRequest.Status.WAITING)
    if category is not None:
        qs = qs.filter(category__in=category_ancestors(category)) if above else \
            qs.filter(category=category)
    return qs.select_related("category", "household").order_by("-urgency", "created_at", "id")


def suggested_requests(offer: Offer) -> QuerySet[EquipmentRequest]:
    """Requests of the offer's category that the item fits, in waiting-list order,
    without households that already declined (or did not answer) this offer."""
    refused = Match.objects.filter(offer=offer).exclude(status__in=Match.ACTIVE) \
        .values("request_id")
    return waiting_list(offer.category, above=True).filter(_fits("", offer)).exclude(
        pk__in=refused)


def suggested_offers(request: EquipmentRequest) -> QuerySet[Offer]:
    qs = Offer.objects.filter(status__in=Offer.MATCHABLE,
                              category__in=category_descendants(request.category))
    for axis in ("width", "height", "depth"):
        limit = getattr(request, f"max_{axis}_cm")
        if limit:
            field = f"{axis}_cm"
            qs = qs.filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": limit}))
    refused = Match.objects.filter(request=request).exclude(status__in=Match.ACTIVE) \
        .values("offer_id")
    return qs.exclude(pk__in=refused).prefetch_related("photos") \
        .order_by("collect_by", "created_at", "id")


def live_match(offer: Offer) -> Match | None:
    return offer.matches.filter(status__in=Match.ACTIVE).select_related(
        "request__household").first()


def visible_tasks(user) -> QuerySet[TransportTask]:
    """Coordinators see every task; a driver only their own (addresses, phones)."""
    qs = TransportTask.objects.select_related("match__offer", "match__request__household",
                                              "driver", "warehouse")
    if user.has_perm("exchange.view_all_transport"):
        return qs
    return qs.filter(driver=user)


def demand() -> list[dict]:
    """Categories in demand for the public page: names and counts only."""
    rows = (EquipmentRequest.objects.filter(status=EquipmentRequest.Status.WAITING)
            .values("category__name").annotate(waiting=Count("id"))
            .order_by("-waiting", polish("category__name")))
    return [{"category": r["category__name"], "waiting": r["waiting"]} for r in rows]


def history_rows(obj: Offer | EquipmentRequest) -> list[AuditEntry]:
    """history() with `rows` readable by people (labels, not codes)."""
    return audit.readable(history(obj))


def history(obj: Offer | EquipmentRequest) -> QuerySet[AuditEntry]:
    """The whole story of an offer or a request: its own entries, its matches' and
    their transport tasks'."""
    matches = list(obj.matches.values_list("id", flat=True))
    tasks = list(TransportTask.objects.filter(match_id__in=matches).values_list("id", flat=True))
    ct = ContentType.objects.get_for_model
    condition = Q(content_type=ct(type(obj)), object_id=str(obj.pk))
    if matches:
        condition |= Q(content_type=ct(Match), object_id__in=[str(m) for m in matches])
    if tasks:
        condition |= Q(content_type=ct(TransportTask), object_id__in=[str(t) for t in tasks])
    return AuditEntry.objects.filter(condition).select_related("actor", "content_type") \
        .order_by("at", "id")
