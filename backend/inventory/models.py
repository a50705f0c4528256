"""Stock: catalogue, locations, lots (bulk or individual units), QR tags, the ledger.

Models hold data and invariants (CHECK constraints); every change of stock goes
through backend.inventory.services (DESIGN §3).
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.collation import polish

QTY = {"max_digits": 14, "decimal_places": 3}


class Category(models.Model):
    """One tree per purpose (a plain parent link, no tree library): goods for drives
    (food, fuel, hygiene…) and equipment for the exchange (AGD › Lodówki…)."""

    class Purpose(models.TextChoices):
        GOODS = "goods", _("goods (food, fuel, hygiene…)")
        EQUIPMENT = "equipment", _("equipment (exchange)")

    name = models.CharField(_("name"), max_length=120, unique=True)
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices,
                               default=Purpose.GOODS, db_index=True)
    parent = models.ForeignKey("self", verbose_name=_("parent category"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = [polish("name"), "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else \
            self.name


class Item(models.Model):
    class Unit(models.TextChoices):
        PCS = "szt", _("pcs")
        KG = "kg", _("kg")
        L = "l", _("l")
        T = "t", _("t")
        M3 = "m3", _("m³")
        PACK = "opak", _("pack.")

    name = models.CharField(_("name"), max_length=160, unique=True)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="items")
    unit = models.CharField(_("unit"), max_length=4, choices=Unit.choices, default=Unit.PCS)
    perishable = models.BooleanField(_("perishable"), default=False)
    individual = models.BooleanField(
        _("individual units"), default=False,
        help_text=_("Each piece is tracked on its own (a fridge, a wheelchair)"))
    min_stock = models.DecimalField(_("minimum stock"), default=Decimal("0"), **QTY)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = [polish("name"), "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.name


class ItemBarcode(models.Model):
    """A manufacturer's EAN linked once to a catalogue item."""

    code = models.CharField(_("EAN code"), max_length=32, unique=True)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="barcodes")

    class Meta:
        verbose_name = _("EAN code")
        verbose_name_plural = _("EAN codes")

    def __str__(self) -> str:
        return self.code


class Location(models.Model):
    """A plain parent-link tree: site → warehouse → zone → shelf (no tree library)."""

    class Kind(models.TextChoices):
        WAREHOUSE = "warehouse", _("warehouse")
        ZONE = "zone", _("zone")
        SHELF = "shelf", _("shelf")
        CONTAINER = "container", _("box or pallet")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="locations")
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=80)
    path = models.CharField(_("path"), max_length=300, editable=False, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [models.UniqueConstraint(fields=["site", "parent", "name"],
                                               name="location_unique_name")]

    def __str__(self) -> str:
        return self.path or self.name

    def get_absolute_url(self) -> str:
        return reverse("inventory:location_detail", args=[self.pk])

    def build_path(self) -> str:
        parts, node = [], self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return " / ".join([self.site.name, *reversed(parts)])


class Lot(models.Model):
    """A bulk lot (quantity of one item) or an individual unit (quantity 1)."""

    class Kind(models.TextChoices):
        BULK = "bulk", _("lot")
        UNIT = "unit", _("individual unit")

    class Condition(models.TextChoices):
        NEW = "new", _("new")
        GOOD = "good", _("good")
        FAIR = "fair", _("fair")
        POOR = "poor", _("needs repair")

    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.BULK)
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="lots")
    received_quantity = models.DecimalField(_("received quantity"), **QTY)
    expiry = models.DateField(_("expiry date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    condition = models.CharField(_("condition"), max_length=4, choices=Condition.choices,
                                 blank=True)
    serial = models.CharField(_("serial number"), max_length=80, blank=True)
    dimensions = models.CharField(_("dimensions"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        indexes = [models.Index(fields=["item", "expiry"])]

    def __str__(self) -> str:
        return f"{self.item} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("inventory:lot_detail", args=[self.pk])


class QRTag(models.Model):
    """An unguessable token (65 bits) and a short code, resolving to a lot or a location."""

    token = models.CharField(max_length=16, unique=True)
    short_code = models.CharField(_("short code"), max_length=12, unique=True)
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE,
                            related_name="tags")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="tags")
    retired = models.BooleanField(_("retired"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("QR tag")
        verbose_name_plural = _("QR tags")
        constraints = [models.CheckConstraint(
            condition=Q(lot__isnull=False, location__isnull=True)
            | Q(lot__isnull=True, location__isnull=False), name="qrtag_one_target")]

    def __str__(self) -> str:
        return self.short_code

    @property
    def url(self) -> str:
        return f"{settings.BASE_URL}/q/{self.token}"


class Balance(models.Model):
    """Quantity of one lot at one location; changed only under a row lock by services."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="balances")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="balances")
    quantity = models.DecimalField(_("quantity"), default=Decimal("0"), **QTY)
    reserved = models.DecimalField(_("reserved"), default=Decimal("0"), **QTY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("balance")
        verbose_name_plural = _("balances")
        constraints = [
            models.UniqueConstraint(fields=["lot", "location"], name="balance_lot_location"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="balance_quantity_gte_0"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="balance_reserved_gte_0"),
            models.CheckConstraint(condition=Q(reserved__lte=F("quantity")),
                                   name="balance_reserved_lte_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.lot} @ {self.location}: {self.quantity}"

    @property
    def available(self) -> Decimal:
        return self.quantity - self.reserved


class Movement(models.Model):
    """One append-only ledger row. Quantity is always positive; direction is from/to.

    On-hand at a location = Σ(to = location) − Σ(from = location) over every kind
    except reserve/release; reserved = Σ reserve − Σ release (both at from_location).
    """

    class Kind(models.TextChoices):
        RECEIVE = "receive", _("receipt")
        MOVE = "move", _("move")
        RESERVE = "reserve", _("reservation")
        RELEASE = "release", _("release")
        ISSUE = "issue", _("issue")
        ADJUST = "adjust", _("adjustment")
        WRITE_OFF = "write_off", _("write-off")
        RETURN = "return", _("return")

    RESERVATION_KINDS = (Kind.RESERVE, Kind.RELEASE)

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    lot = models.ForeignKey(Lot, verbose_name=_("lot"), on_delete=models.PROTECT,
                            related_name="movements")
    quantity = models.DecimalField(_("quantity"), **QTY)
    from_location = models.ForeignKey(Location, verbose_name=_("from"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    to_location = models.ForeignKey(Location, verbose_name=_("to"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # The business object this belongs to (a donation, an allocation, a stock-take).
    ref_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    ref_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        permissions = [
            ("receive_stock", _("Can receive stock")),
            ("move_stock", _("Can move stock")),
            ("issue_stock", _("Can issue stock")),
            ("count_stock", _("Can count stock (stock-take)")),
            ("adjust_stock", _("Can adjust and write off stock")),
            ("reserve_stock", _("Can reserve and release stock")),
        ]
        # Reports read a period of the ledger from the index alone on PostgreSQL (the
        # covering columns; other databases get a plain index on `at`).
        indexes = [models.Index(fields=["lot", "id"]), models.Index(fields=["ref_type", "ref_id"]),
                   models.Index(fields=["at"], name="movement_at_covering",
                                include=["kind", "lot", "quantity", "ref_type",
                                         "from_location", "to_location"])]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0),
                                              name="movement_quantity_gt_0")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity} {self.lot}"


class ScanLog(models.Model):
    """Every scan, failed ones too (support); the client nonce makes a retry harmless."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    device_time = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    raw = models.CharField(max_length=300)
    action = models.CharField(max_length=20, default="resolve")
    result = models.CharField(max_length=40)
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    nonce = models.CharField(max_length=64, blank=True)
    response = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        constraints = [models.UniqueConstraint(fields=["actor", "nonce"],
                                               condition=~Q(nonce=""), name="scan_nonce_once")]

    def __str__(self) -> str:
        return f"{self.raw} {self.result}"


class StockTake(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("counting")
        DONE = "done", _("confirmed")

    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.PROTECT,
                                 related_name="stock_takes")
    status = models.CharField(_("status"), max_length=4, choices=Status.choices,
                              default=Status.OPEN)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("stock-take")
        verbose_name_plural = _("stock-takes")

    def __str__(self) -> str:
        return f"{self.location} {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class StockTakeLine(models.Model):
    stock_take = models.ForeignKey(StockTake, on_delete=models.CASCADE, related_name="lines")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="+")
    counted = models.DecimalField(_("counted"), **QTY)
    # On hand when counted: confirm adjusts by counted − expected, so movements
    # made after the count (work goes on meanwhile) are not undone.
    expected = models.DecimalField(_("expected"), **QTY)
    counted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    counted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stock_take", "lot"],
                                               name="stocktake_line_once")]

    def __str__(self) -> str:
        return f"{self.lot_id}: {self.counted}"


class LotPhoto(models.Model):
    """A photo of a unit: resized, EXIF (GPS, device) stripped by services.add_photo."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="units/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name
