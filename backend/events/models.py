"""Holiday events (Dzień Dziecka, Mikołajki, Wigilia) on the distribution engine.

An Event owns one Distribution; its Sessions are the capacity rows that the engine's
person-level participants count against (docs/decisions/0033). Gifts come by age band,
from stock (reserved per child) or from pledges of anonymised wishes.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.accounts.models import Site
from backend.distribution.models import Distribution, Participant
from backend.inventory.models import Item, Lot
from backend.people.models import Household, HouseholdFlag, Person


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Event(models.Model):
    class Kind(models.TextChoices):
        CHILDRENS_DAY = "childrens_day", _("Children's Day")
        MIKOLAJKI = "mikolajki", _("Mikołajki")
        WIGILIA = "wigilia", _("Christmas Eve supper")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        REGISTRATION = "registration", _("registration open")
        CLOSED = "closed", _("registration closed")
        HELD = "held", _("held")
        ARCHIVED = "archived", _("archived")

    FLOW = [Status.PLANNED, Status.REGISTRATION, Status.CLOSED, Status.HELD, Status.ARCHIVED]

    distribution = models.OneToOneField(Distribution, on_delete=models.PROTECT,
                                        related_name="event", editable=False)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices,
                            default=Kind.MIKOLAJKI)
    name = models.CharField(_("name"), max_length=160)
    date = models.DateField(_("date"))
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="+")
    place = models.CharField(_("place"), max_length=200, blank=True,
                             help_text=_("Hall, room or address if not the site's"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED, db_index=True)
    for_children = models.BooleanField(_("children"), default=True)
    child_min_age = models.PositiveSmallIntegerField(_("children from age"), default=0)
    child_max_age = models.PositiveSmallIntegerField(_("children up to age"), default=14)
    for_adults = models.BooleanField(_("adults"), default=False)
    for_seniors_alone = models.BooleanField(_("seniors living alone"), default=False)
    flags = models.ManyToManyField(HouseholdFlag, verbose_name=_("households flagged"),
                                   blank=True, related_name="+")
    registration_opens = models.DateTimeField(_("registration from"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration until"), null=True, blank=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to answer an offered place"), default=24)
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                          verbose_name=_("coordinators"), blank=True,
                                          related_name="+")
    gift_location = models.ForeignKey("inventory.Location", verbose_name=_("gift store"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+",
                                      help_text=_("Where pledged gifts are received"))
    description = models.TextField(_("description"), blank=True)
    # Wigilia's take-away packages travel through a delivery drive (events/takeaway.py).
    takeaway_drive = models.OneToOneField("drives.Drive", verbose_name=_("take-away deliveries"),
                                          null=True, blank=True, editable=False,
                                          on_delete=models.PROTECT, related_name="event")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("manage_pledges", _("Can receive pledged gifts"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    @property
    def address(self) -> str:
        return self.place or f"{self.site.name}, {self.site.street}"


class Session(models.Model):
    """A capacity row (a time of Mikołajki, a Wigilia sitting): the engine locks it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("name"), max_length=80)
    start = models.TimeField(_("start time"))
    end = models.TimeField(_("end time"))
    capacity = models.PositiveIntegerField(_("capacity"))
    tables = models.PositiveSmallIntegerField(_("tables"), default=0)
    seats_per_table = models.PositiveSmallIntegerField(_("seats per table"), default=0)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                              name="eventsession_end_after_start")]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%H:%M}–{self.end:%H:%M}"


class GiftBand(models.Model):
    """Gift kind for an age band (sex-neutral by default), from stock or from pledges."""

    class Source(models.TextChoices):
        STOCK = "stock", _("from stock")
        PLEDGE = "pledge", _("from pledges")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bands")
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"))
    gift = models.CharField(_("gift"), max_length=120)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices,
                              default=Source.PLEDGE)
    item = models.ForeignKey(Item, verbose_name=_("item"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["min_age", "id"]
        verbose_name = _("gift band")
        verbose_name_plural = _("gift bands")
        constraints = [models.CheckConstraint(condition=Q(max_age__gte=models.F("min_age")),
                                              name="giftband_ages")]

    def __str__(self) -> str:
        return f"{self.min_age}–{self.max_age}: {self.gift}"

    @property
    def label(self) -> str:
        return f"{self.min_age}–{self.max_age}"


class Invitation(models.Model):
    """An SMS invitation to a household; TAK / TAK n / NIE answer it (receivers.py)."""

    class Status(models.TextChoices):
        SENT = "sent", pgettext_lazy("invitation", "sent")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "accepted")
        DECLINED = "declined", pgettext_lazy("invitation", "declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="invitations")
    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Person, verbose_name=_("contact person"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    persons = models.JSONField(_("invited persons"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["event", "household"],
                                               name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.event} → {self.household_id}"


class Pledge(models.Model):
    """A donor's promise (school, company, parish) to bring gifts for some wishes."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    wants_receipt = models.BooleanField(_("wants a receipt"), default=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pledges")
    donor = models.ForeignKey("people.Donor", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    thanked_at = models.DateTimeField(_("thanked"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return self.name


class Wish(models.Model):
    """An anonymised wish of one child ("dziewczynka, 7 lat: zestaw plastyczny")."""

    class Status(models.TextChoices):
        OPEN = "open", _("not pledged")
        PLEDGED = "pledged", _("pledged")
        RECEIVED = "received", pgettext_lazy("gift", "received")
        HANDED_OVER = "handed_over", _("handed over")
        CANCELLED = "cancelled", pgettext_lazy("wish", "cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="wishes")
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="wish")
    label = models.CharField(_("who"), max_length=60)  # "dziewczynka, 7 lat": no name
    gift = models.CharField(_("gift"), max_length=120)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.OPEN, db_index=True)
    pledge = models.ForeignKey(Pledge, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="wishes")
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")

    def __str__(self) -> str:
        return f"{self.label}: {self.gift}"

    @property
    def is_pledged(self) -> bool:
        return self.status == self.Status.PLEDGED

    @property
    def number(self) -> str:
        return f"{self.event_id}-{self.pk}"
