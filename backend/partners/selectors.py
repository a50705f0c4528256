"""What a partner's log-in may read: the enrolments at its pickup point, cut down to the
access the centre shares with it (none / first name and pickup code / full record)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.distribution.models import Enrolment

from .models import Access, Partner


def partner_of(user) -> Partner | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Partner.objects.filter(users=user).select_related("point").first()


@dataclass
class PointRow:
    enrolment_id: int
    drive: str
    pickup_code: str
    first_name: str
    status: str
    full_name: str = ""
    address: str = ""
    phone: str = ""
    persons: int | None = None


def point_rows(partner: Partner) -> list[PointRow]:
    """One row per enrolment booked at the partner's point, with only the shared fields:
    the query itself never reads the address or the phone unless the access is FULL."""
    if partner.point_id is None or partner.access == Access.NONE:
        return []
    qs = Enrolment.objects.filter(slot__site_id=partner.point_id).exclude(
        status=Enrolment.Status.WITHDRAWN).select_related("distribution").order_by(
        "slot__date", "pickup_code")
    if partner.access == Access.CODE:
        return [PointRow(e["pk"], e["distribution__name"], e["pickup_code"],
                         e["contact__first_name"] or "", Enrolment.Status(e["status"]).label)
                for e in qs.values("pk", "distribution__name", "pickup_code",
                                   "contact__first_name", "status")]
    rows = []
    for e in qs.select_related("contact", "household"):
        h = e.household
        rows.append(PointRow(
            e.pk, e.distribution.name, e.pickup_code, e.first_name, e.get_status_display(),
            full_name=f"{e.contact.first_name} {e.contact.last_name}" if e.contact_id else "",
            address=f"{h.street} {h.building}{'/' + h.apartment if h.apartment else ''}, "
                    f"{h.city}", phone=e.contact.phone if e.contact_id else "",
            persons=e.persons))
    return rows
