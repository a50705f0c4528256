"""Site scope: the one rule for who sees which site's rows (issue #16 item 1).

A user assigned to a head office, to no site at all, or a superuser sees every site; a
user assigned only to field offices, warehouses or pickup points sees the rows of those
sites. Role permissions still decide *what* a user may open; this decides *where*.
Selectors of every list, detail, export and API call `restrict` with the paths from the
row to a site (several paths are OR-ed: an enrolment belongs to the household's office
and to the pickup point of its slot).
"""

from django.db.models import Q, QuerySet

from .models import Site

_CACHE = "_site_scope_ids"


def site_ids(user) -> frozenset[int] | None:
    """The sites a user is bound to, or None for every site. Cached on the user object
    (one query per request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    if user.is_superuser:
        return None
    if not hasattr(user, _CACHE):
        rows = list(user.sites.values_list("pk", "kind"))
        ids = None if not rows or any(k == Site.Kind.HEAD_OFFICE for _, k in rows) \
            else frozenset(pk for pk, _ in rows)
        setattr(user, _CACHE, ids)
    return getattr(user, _CACHE)


def is_site_bound(user) -> bool:
    return site_ids(user) is not None


def site_q(user, *paths: str, include_unsited: bool = False) -> Q | None:
    """The filter for `paths` (each ends at a Site, e.g. "household__site"), or None when
    the user sees all. include_unsited: a row with no site (a centre-wide drive or shift)
    is shown to everyone."""
    ids = site_ids(user)
    if ids is None:
        return None
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{path}__in": ids})
        if include_unsited:
            condition |= Q(**{f"{path}__isnull": True})
    return condition


def restrict(queryset: QuerySet, user, *paths: str, include_unsited: bool = False,
             many: bool = False) -> QuerySet:
    """`queryset` limited to the user's sites. many: a path crosses a many-to-many
    (drive sites), so rows are taken once through a subquery instead of DISTINCT."""
    condition = site_q(user, *paths, include_unsited=include_unsited)
    if condition is None:
        return queryset
    if many:
        return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))
    return queryset.filter(condition)


# Where each scoped model's rows meet a site: (paths, options). One table, so a reader
# sees the whole rule at once; lists, details, exports and the API all go through it.
SCOPED: dict[str, tuple[tuple[str, ...], dict]] = {
    "people.household": (("site",), {}),
    "people.person": (("household__site",), {}),
    "distribution.enrolment": (("household__site", "slot__site"), {}),
    "distribution.allocation": (("enrolment__household__site", "enrolment__slot__site"), {}),
    "distribution.handover": (("enrolment__household__site", "enrolment__slot__site"), {}),
    "distribution.pickupslot": (("site",), {}),
    "distribution.participant": (("household__site", "person__household__site"), {}),
    # A drive with no sites is the whole centre's: everyone sees it.
    "drives.drive": (("sites",), {"include_unsited": True, "many": True}),
    "events.event": (("site",), {}),
    # A parent's form has no household until verified: every office may verify it.
    "camps.application": (("household__site",), {"include_unsited": True}),
    "camps.healthcard": (("application__household__site",), {"include_unsited": True}),
    "camps.daysignup": (("application__household__site",), {"include_unsited": True}),
    "events.session": (("event__site",), {}),
    "inventory.location": (("site",), {}),
    "inventory.balance": (("location__site",), {}),
    "inventory.movement": (("from_location__site", "to_location__site"), {}),
    "notifications.outboxmessage": (("person__household__site",), {}),
    "volunteers.shift": (("site",), {"include_unsited": True}),
    "volunteers.shiftsignup": (("shift__site",), {"include_unsited": True}),
}


def visible(queryset: QuerySet, user) -> QuerySet:
    """`queryset` as the user may see it by site (models not in SCOPED: unchanged)."""
    entry = SCOPED.get(queryset.model._meta.label_lower)
    if entry is None:
        return queryset
    paths, options = entry
    return restrict(queryset, user, *paths, **options)


class ScopedQuerysetMixin:
    """For list views and DRF viewsets: get_queryset() limited by `visible`."""

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)
