"""Used-equipment exchange: offers, requests, matches, transport tasks.

Models hold data and invariants; every status change goes through services
(audited, with the history shown on the offer and the request).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.inventory.models import Category, Item, Location, Lot
from backend.people.models import Household


class Urgency(models.IntegerChoices):
    LOW = 1, _("low")
    NORMAL = 2, _("normal")
    HIGH = 3, _("high")
    CRITICAL = 4, _("critical")


class Offer(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("offer status", "new")
        VERIFIED = "verified", pgettext_lazy("offer status", "verified")
        AVAILABLE = "available", pgettext_lazy("offer status", "available")
        RESERVED = "reserved", pgettext_lazy("offer status", "reserved")
        COLLECTED = "collected", pgettext_lazy("offer status", "collected to the warehouse")
        DELIVERED = "delivered", pgettext_lazy("offer status", "delivered")
        HANDED_OVER = "handed_over", pgettext_lazy("offer status", "handed over")
        WITHDRAWN = "withdrawn", pgettext_lazy("offer status", "withdrawn")
        EXPIRED = "expired", pgettext_lazy("offer status", "expired")

    class Source(models.TextChoices):
        STAFF = "staff", _("entered by staff")
        PUBLIC = "public", _("public form")

    MATCHABLE = (Status.VERIFIED, Status.AVAILABLE)
    OPEN = (Status.NEW, Status.VERIFIED, Status.AVAILABLE)
    EDITABLE = (*OPEN, Status.RESERVED)  # services: edit and withdraw only these

    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.NEW, db_index=True)
    source = models.CharField(_("source"), max_length=6, choices=Source.choices,
                              default=Source.STAFF)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    item = models.ForeignKey(Item, verbose_name=_("item"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("what it is"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    width_cm = models.PositiveIntegerField(_("width (cm)"), null=True, blank=True)
    height_cm = models.PositiveIntegerField(_("height (cm)"), null=True, blank=True)
    depth_cm = models.PositiveIntegerField(_("depth (cm)"), null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=4, choices=Lot.Condition.choices,
                                 default=Lot.Condition.GOOD)
    donor_name = models.CharField(_("donor's name"), max_length=120)
    donor_phone = models.CharField(_("donor's phone"), max_length=16)
    donor_email = models.EmailField(_("donor's e-mail"), blank=True)
    pickup_address = models.CharField(_("pick-up address"), max_length=250)
    availability = models.CharField(_("when it can be collected"), max_length=250, blank=True)
    collect_by = models.DateField(_("must be collected by"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent to data processing"), null=True, blank=True)
    lot = models.OneToOneField(Lot, verbose_name=_("stock unit"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="exchange_offer")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("equipment offer")
        verbose_name_plural = _("equipment offers")
        permissions = [("manage_exchange", _("Can verify, match and plan the equipment exchange"))]

    def __str__(self) -> str:
        return f"{self.title} (#{self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("exchange:offer_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """May still be changed or withdrawn (the services check the same tuple)."""
        return self.status in self.EDITABLE

    @property
    def is_new(self) -> bool:
        return self.status == self.Status.NEW

    @property
    def is_delivered(self) -> bool:
        return self.status == self.Status.DELIVERED

    @property
    def dimensions(self) -> str:
        values = [self.width_cm, self.height_cm, self.depth_cm]
        if not any(values):
            return ""
        return " × ".join(str(v) if v else "?" for v in values) + " cm"


class OfferPhoto(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="exchange/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name


class EquipmentRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("request status", "waiting")
        MATCHED = "matched", pgettext_lazy("request status", "matched")
        FULFILLED = "fulfilled", pgettext_lazy("request status", "fulfilled")
        CANCELLED = "cancelled", pgettext_lazy("request status", "cancelled")

    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="equipment_requests")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    needs = models.CharField(_("what is needed"), max_length=200)
    max_width_cm = models.PositiveIntegerField(_("max. width (cm)"), null=True, blank=True)
    max_height_cm = models.PositiveIntegerField(_("max. height (cm)"), null=True, blank=True)
    max_depth_cm = models.PositiveIntegerField(_("max. depth (cm)"), null=True, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=Urgency.choices,
                                               default=Urgency.NORMAL)
    justification = models.TextField(_("justification"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.WAITING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("social worker"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("waiting since"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    reconfirm_requested_at = models.DateTimeField(_("re-confirmation asked"), null=True,
                                                  blank=True)

    class Meta:
        ordering = ["-urgency", "created_at", "id"]
        verbose_name = _("equipment request")
        verbose_name_plural = _("equipment requests")
        indexes = [models.Index(fields=["category", "status", "urgency", "created_at"])]

    def __str__(self) -> str:
        return f"{self.needs} (#{self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("exchange:request_detail", args=[self.pk])

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("match status", "awaiting the household's answer")
        ACCEPTED = "accepted", pgettext_lazy("match status", "accepted")
        DECLINED = "declined", pgettext_lazy("match status", "declined")
        EXPIRED = "expired", pgettext_lazy("match status", "no answer")
        CANCELLED = "cancelled", pgettext_lazy("match status", "cancelled")
        COMPLETED = "completed", pgettext_lazy("match status", "handed over")

    ACTIVE = (Status.PROPOSED, Status.ACCEPTED)

    offer = models.ForeignKey(Offer, verbose_name=_("offer"), on_delete=models.PROTECT,
                              related_name="matches")
    request = models.ForeignKey(EquipmentRequest, verbose_name=_("request"),
                                on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PROPOSED, db_index=True)
    reply_by = models.DateTimeField(_("answer by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        # Belt and braces beside the row lock: one live match per offer.
        constraints = [models.UniqueConstraint(
            fields=["offer"], condition=Q(status__in=["proposed", "accepted"]),
            name="exchange_one_live_match_per_offer")]

    def __str__(self) -> str:
        return f"{self.offer.title} → #{self.request_id}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:offer_detail", args=[self.offer_id])

    @property
    def is_proposed(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class TransportTask(models.Model):
    class Kind(models.TextChoices):
        DONOR_TO_WAREHOUSE = "to_warehouse", _("donor → warehouse")
        WAREHOUSE_TO_HOUSEHOLD = "from_warehouse", _("warehouse → household")
        DONOR_TO_HOUSEHOLD = "direct", _("donor → household")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("transport status", "planned")
        PICKED_UP = "picked_up", pgettext_lazy("transport status", "picked up")
        DONE = "done", pgettext_lazy("transport status", "delivered")
        CANCELLED = "cancelled", pgettext_lazy("transport status", "cancelled")

    match = models.ForeignKey(Match, verbose_name=_("match"), on_delete=models.PROTECT,
                              related_name="tasks")
    kind = models.CharField(_("route"), max_length=14, choices=Kind.choices)
    driver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("driver"),
                               on_delete=models.PROTECT, related_name="exchange_tasks")
    date = models.DateField(_("date"), db_index=True)
    warehouse = models.ForeignKey(Location, verbose_name=_("warehouse"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)
    notes = models.CharField(_("notes for the driver"), max_length=250, blank=True)
    picked_up_at = models.DateTimeField(_("picked up"), null=True, blank=True)
    done_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("transport task")
        verbose_name_plural = _("transport tasks")
        permissions = [("view_all_transport", _("Can see every driver's transport tasks"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_under_way(self) -> bool:
        """Planned or picked up: the driver still scans it."""
        return self.status in (self.Status.PLANNED, self.Status.PICKED_UP)

    @property
    def offer(self) -> Offer:
        return self.match.offer
