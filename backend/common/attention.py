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
from django.utils.translation import ngettext_lazy

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
        if count:  # "1 oferta", "3 oferty", "5 ofert": the language's plural for the count
            lines.append(Line(key, str(label % {"n": int(count)}), int(count), url))

    last_day = None
    if user.has_perm("drives.change_drive"):
        counts, urls, last_day = _drives(today)
        drives = reverse("drives:list")
        add("drives_due", ngettext_lazy("drive waiting for a stage change",
            "drives waiting for a stage change", "n"), counts["due"], urls["due"])
        add("unanswered", ngettext_lazy("SMS notice without a TAK/NIE answer",
            "SMS notices without a TAK/NIE answer", "n"), counts["unanswered"], drives)
        add("no_shows", ngettext_lazy("household that did not come, with goods still reserved",
            "households that did not come, with goods still reserved", "n"),
            counts["no_shows"], drives)
    if user.has_perm("inventory.view_balance") and user.has_perm("drives.view_drive"):
        from backend.inventory.models import Balance

        if last_day is None:
            from backend.drives.models import Drive

            last_day = Drive.objects.exclude(status=Drive.Status.CLOSED).aggregate(
                last=Max("distribution_end"))["last"]
        if last_day is not None:
            add("expiring", ngettext_lazy("reserved lot that expires before its distribution ends",
            "reserved lots that expire before their distribution ends", "n"),
                Balance.objects.filter(reserved__gt=0, lot__expiry__lt=last_day)
                .values("lot").distinct().count(), reverse("inventory:expiring"))
    if user.has_perm("exchange.change_offer"):
        from backend.exchange.models import Offer

        add("offers_new", ngettext_lazy("offer waiting for verification",
            "offers waiting for verification", "n"),
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
        add("sms_failed", ngettext_lazy("SMS not delivered in the last 7 days",
            "SMS not delivered in the last 7 days", "n"), sms["failed"], batches)
        if dispatch.next_window_start(timezone.now()) is not None:
            add("sms_quiet", ngettext_lazy("SMS waiting for the end of quiet hours",
            "SMS waiting for the end of quiet hours", "n"), sms["queued"], batches)
        add("sms_unknown", ngettext_lazy("SMS with an unknown outcome to settle",
            "SMS with an unknown outcome to settle", "n"), sms["unknown"],
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
        add("camps_registry", ngettext_lazy(
            "camp session not yet in the ministry's register of stays",
            "camp sessions not yet in the ministry's register of stays", "n"),
            unregistered.count(), reverse("camps:list"))
    if user.has_perm("people.add_household"):
        from backend.people.models import ImportBatch

        pending = list(ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW)
                       .values_list("pk", flat=True)[:2])
        add("imports", ngettext_lazy("household import waiting for confirmation",
            "household imports waiting for confirmation", "n"),
            ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW).count() if pending
            else 0, reverse("people:import_preview", args=[pending[0]]) if len(pending) == 1
            else reverse("people:import_upload"))
    return lines
