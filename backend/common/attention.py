""""Co wymaga uwagi": what is waiting for someone to act, per role, for the start page.

One selector for every app so the start page stays a constant number of queries (one per
model, each a single conditional aggregate), whatever the amount of data. A line is shown
only to a user with the permission of the place where it is acted on, and only when its
count is not zero.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REGISTRY_WARNING_DAYS = 7


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    count: int
    url: str


def _drives(today) -> tuple[dict[str, int], dict[str, str], object]:
    from backend.distribution.models import Allocation, Enrolment
    from backend.drives.models import Drive

    S = Drive.Status
    open_drives = list(Drive.objects.exclude(status=S.CLOSED).values(
        "pk", "status", "collection_start", "distribution_start", "distribution_end"))
    due = [d for d in open_drives if (
        (d["status"] == S.PLANNED and d["collection_start"] and d["collection_start"] <= today)
        or (d["status"] == S.COLLECTING and d["distribution_start"]
            and d["distribution_start"] <= today)
        or (d["status"] == S.DISTRIBUTING and d["distribution_end"]
            and d["distribution_end"] < today))]
    E = Enrolment.Status
    counts = Enrolment.objects.filter(distribution__drive__status__in=[
        S.COLLECTING, S.DISTRIBUTING]).aggregate(
        unanswered=Count("pk", filter=Q(status=E.ENROLLED, notice_version__gt=0)),
        no_shows=Count("pk", distinct=True, filter=(
            Q(status__in=[E.ENROLLED, E.CONFIRMED, E.NO_SHOW], slot__date__lt=today)
            | Q(status=E.NO_SHOW)) & Q(allocations__status=Allocation.Status.RESERVED)))
    last_day = max((d["distribution_end"] for d in open_drives if d["distribution_end"]),
                   default=None)
    urls = {"due": reverse("drives:detail", args=[due[0]["pk"]]) if len(due) == 1
            else reverse("drives:list")}
    return {"due": len(due), **counts}, urls, last_day


def lines_for(user) -> list[Line]:
    """The non-zero lines this user may act on, in the order of the working day."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    lines: list[Line] = []

    def add(key, label, count, url):
        if count:
            lines.append(Line(key, str(label), int(count), url))

    last_day = None
    if user.has_perm("drives.change_drive"):
        counts, urls, last_day = _drives(today)
        drives = reverse("drives:list")
        add("drives_due", _("drives waiting for a stage change"), counts["due"], urls["due"])
        add("unanswered", _("SMS notices without a TAK/NIE answer"), counts["unanswered"], drives)
        add("no_shows", _("households that did not come, with goods still reserved"),
            counts["no_shows"], drives)
    if user.has_perm("inventory.view_balance") and user.has_perm("drives.view_drive"):
        from backend.inventory.models import Balance

        if last_day is None:
            from backend.drives.models import Drive

            last_day = Drive.objects.exclude(status=Drive.Status.CLOSED).aggregate(
                last=Max("distribution_end"))["last"]
        if last_day is not None:
            add("expiring", _("reserved lots that expire before their distribution ends"),
                Balance.objects.filter(reserved__gt=0, lot__expiry__lt=last_day)
                .values("lot").distinct().count(), reverse("inventory:expiring"))
    if user.has_perm("exchange.change_offer"):
        from backend.exchange.models import Offer

        add("offers_new", _("offers waiting for verification"),
            Offer.objects.filter(status=Offer.Status.NEW).count(),
            reverse("exchange:offer_list") + "?status=new")
    if user.has_perm("notifications.send_sms"):
        from backend.notifications import dispatch
        from backend.notifications.models import OutboxMessage

        M = OutboxMessage.Status
        sms = OutboxMessage.objects.aggregate(
            failed=Count("pk", filter=Q(status__in=[M.FAILED, M.UNDELIVERED],
                                        status_changed_at__date__gte=today
                                        - dt.timedelta(days=7))),
            queued=Count("pk", filter=Q(status=M.QUEUED)),
            unknown=Count("pk", filter=Q(status=M.UNKNOWN)))
        batches = reverse("notifications:batch_list")
        add("sms_failed", _("SMS not delivered in the last 7 days"), sms["failed"], batches)
        if dispatch.next_window_start(timezone.now()) is not None:
            add("sms_quiet", _("SMS waiting for the end of quiet hours"), sms["queued"], batches)
        add("sms_unknown", _("SMS with an unknown outcome to settle"), sms["unknown"],
            reverse("notifications:unknown"))
    if user.has_perm("camps.change_campsession"):
        from backend.camps.models import CampSession

        # The organiser registers a stay in the ministry's database 21 days before (14 for
        # day camps): a week ahead of that deadline a session without its number shows up.
        K = CampSession.Kind
        warn = dt.timedelta(days=REGISTRY_WARNING_DAYS)
        unregistered = CampSession.objects.filter(registry_number="", start__gt=today).filter(
            Q(kind=K.OVERNIGHT, start__lte=today + dt.timedelta(days=21) + warn)
            | (~Q(kind=K.OVERNIGHT) & Q(start__lte=today + dt.timedelta(days=14) + warn)))
        add("camps_registry", _("camp sessions not yet in the ministry's register of stays"),
            unregistered.count(), reverse("camps:list"))
    if user.has_perm("people.add_household"):
        from backend.people.models import ImportBatch

        pending = list(ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW)
                       .values_list("pk", flat=True)[:2])
        add("imports", _("household imports waiting for confirmation"),
            ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW).count() if pending
            else 0, reverse("people:import_preview", args=[pending[0]]) if len(pending) == 1
            else reverse("people:import_upload"))
    return lines
