"""Sites (head office, field offices, warehouses, pickup points): every write audited.

Their address and phone are what SMS notices and printed documents show, so a change
is recorded like any other change to data people rely on.
"""

from typing import Any

from django.db import transaction

from . import audit
from .models import AuditEntry, Site

SITE_FIELDS = ["name", "kind", "street", "postal_code", "city", "phone", "opening_hours",
               "is_active"]


def _apply(site: Site, data: dict[str, Any]) -> None:
    for field in SITE_FIELDS:
        if field in data:
            setattr(site, field, data[field])


@transaction.atomic
def create_site(actor, data: dict[str, Any]) -> Site:
    site = Site()
    _apply(site, data)
    site.full_clean()
    site.save()
    audit.record(actor, AuditEntry.Action.CREATE, site, audit.snapshot(site, SITE_FIELDS))
    return site


@transaction.atomic
def update_site(actor, site: Site, data: dict[str, Any]) -> Site:
    site = Site.objects.select_for_update().get(pk=site.pk)
    before = audit.snapshot(site, SITE_FIELDS)
    _apply(site, data)
    site.full_clean()
    site.save()
    changes = audit.diff(before, audit.snapshot(site, SITE_FIELDS))
    if changes:
        audit.record(actor, AuditEntry.Action.UPDATE, site, changes)
    return site
