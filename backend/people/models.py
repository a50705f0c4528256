import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.collation import polish
from backend.common.models import Language

CHILD_MAX_AGE = 17  # a child until the 18th birthday
SENIOR_MIN_AGE = 60  # senior per the Polish act on older persons (2015)


def age_on(birth_date: dt.date | None, day: dt.date | None = None) -> int | None:
    if birth_date is None:
        return None
    day = day or timezone.localdate()
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for 29 February): birth-date bounds for
    an age range."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class HouseholdFlag(models.Model):
    """Reporting flags a centre keeps (homeless, single parent, ...)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("household flag")
        verbose_name_plural = _("household flags")

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        ARCHIVED = "archived", _("archived")
        ANONYMISED = "anonymised", _("anonymised")

    class Heating(models.TextChoices):
        COAL = "coal", _("coal")
        WOOD = "wood", _("wood")
        PELLET = "pellet", _("pellet")
        GAS = "gas", _("gas")
        ELECTRIC = "electric", _("electric")
        DISTRICT = "district", _("district heating")
        OTHER = "other", _("other")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="households")
    street = models.CharField(_("street"), max_length=120, blank=True)
    building = models.CharField(_("building no."), max_length=12, blank=True)
    apartment = models.CharField(_("apartment no."), max_length=12, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.ACTIVE, db_index=True)
    heating_type = models.CharField(_("heating"), max_length=10, choices=Heating.choices,
                                    blank=True)
    referral_number = models.CharField(_("referral no."), max_length=40, blank=True)
    referral_date = models.DateField(_("referral date"), null=True, blank=True)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("social worker"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    monthly_income = models.DecimalField(_("monthly income (PLN)"), max_digits=9,
                                         decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    flags = models.ManyToManyField(HouseholdFlag, verbose_name=_("flags"), blank=True)
    # Folded (no diacritics, lower case) names, address, phones: diacritic-blind search.
    search_text = models.TextField(editable=False, default="")
    # Denormalised for lists: who to show and how many live here.
    display_name = models.CharField(_("household"), max_length=200, editable=False, default="")
    member_count = models.PositiveSmallIntegerField(_("members"), editable=False, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [polish("display_name"), "id"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        permissions = [
            ("view_sensitive_data", _("Can see PESEL, addresses, income and notes")),
            ("import_households", _("Can import households from CSV")),
            ("export_households", _("Can export households to CSV")),
            ("anonymise_household", _("Can anonymise a household")),
            ("view_all_households", _("Can see households of every site")),
            ("view_privacy_register", _("Can see the register of personal data")),
        ]
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self) -> str:
        return self.display_name or _("Household #%(id)s") % {"id": self.pk}

    @property
    def is_anonymised(self) -> bool:
        return self.status == self.Status.ANONYMISED

    @property
    def address(self) -> str:
        line = self.street
        if self.building:
            line = f"{line} {self.building}".strip()
        if self.apartment:
            line = f"{line}/{self.apartment}"
        place = f"{self.postal_code} {self.city}".strip()
        return ", ".join(part for part in (line, place) if part)


class Person(models.Model):
    class Relation(models.TextChoices):
        HEAD = "head", _("head of household")
        SPOUSE = "spouse", _("spouse / partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        GRANDCHILD = "grandchild", _("grandchild")
        OTHER = "other", _("other")

    class ConsentSource(models.TextChoices):
        PAPER = "paper", _("signed form")
        VERBAL = "verbal", _("verbal, noted by staff")
        SMS = "sms", _("by SMS")
        IMPORT = "import", _("import")

    Language = Language

    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.CASCADE, related_name="members")
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=80)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True)
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices,
                                default=Relation.HEAD)
    is_disabled = models.BooleanField(_("person with disability"), default=False)
    phone = models.CharField(_("phone"), max_length=16, blank=True, db_index=True)
    phone_is_mobile = models.BooleanField(_("mobile phone"), default=False, editable=False)
    sms_consent = models.BooleanField(_("consents to SMS"), default=False)
    sms_consent_at = models.DateTimeField(_("SMS consent given"), null=True, blank=True)
    sms_consent_source = models.CharField(_("SMS consent source"), max_length=10,
                                          choices=ConsentSource.choices, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=2,
                                          choices=Language.choices, default=Language.PL)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [polish("last_name"), polish("first_name"), "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(fields=["pesel"], condition=~models.Q(pesel=""),
                                    name="person_pesel_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int | None:
        return age_on(self.birth_date)

    @property
    def is_child(self) -> bool:
        return self.age is not None and self.age <= CHILD_MAX_AGE

    @property
    def is_senior(self) -> bool:
        return self.age is not None and self.age >= SENIOR_MIN_AGE


class Donor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("private person")
        ORGANISATION = "organisation", _("organisation / company")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200,
                            help_text=_("Full name of the person or the organisation"))
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    contact_consent = models.BooleanField(_("consents to be contacted"), default=False)
    contact_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [polish("name"), "id"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """An uploaded CSV: checked and imported in chunks by background tasks
    (backend.people.tasks), with progress kept here for the progress bar.

    The file itself (`content`) is deleted once the import is confirmed or cancelled,
    or after RETENTION_DAYS["import_files"] (backend.common.personal_data)."""

    class Status(models.TextChoices):
        PARSING = "parsing", _("checking the file")
        PREVIEW = "preview", _("awaiting confirmation")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        CANCELLED = "cancelled", _("cancelled")
        FAILED = "failed", _("failed")

    RUNNING = (Status.PARSING, Status.IMPORTING)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    content = models.TextField(blank=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PARSING)
    # {"fatal": "...", "header": [...], "unknown_columns": [...]}; rows are ImportRow.
    report = models.JSONField(default=dict)
    total_rows = models.PositiveIntegerField(default=0)
    checked_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    imported_households = models.PositiveIntegerField(default=0)
    imported_persons = models.PositiveIntegerField(default=0)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)
    file_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_parsing(self) -> bool:
        return self.status == self.Status.PARSING

    @property
    def is_preview(self) -> bool:
        return self.status == self.Status.PREVIEW

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def progress(self) -> int:
        """Per cent of the current step (checking or importing)."""
        if self.status == self.Status.PARSING:
            done, total = self.checked_rows, self.total_rows
        elif self.status == self.Status.IMPORTING:
            done, total = self.imported_rows, self.valid_rows
        else:
            return 100
        return min(100, int(done * 100 / total)) if total else 0


class ImportRow(models.Model):
    """One line of an uploaded CSV with its errors; linked to the household made from it.

    `raw` and `values` are personal data: cleared once imported (the household holds them
    now), kept for rows with errors until the file's retention ends."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("line"))
    raw = models.JSONField(_("cells as uploaded"), default=list)
    values = models.JSONField(_("values read"), default=dict)
    errors = models.JSONField(_("errors"), default=list)
    ok = models.BooleanField(default=False)
    household_ref = models.CharField(max_length=80, blank=True)
    household = models.ForeignKey(Household, verbose_name=_("household"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["batch_id", "line"]
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        constraints = [models.UniqueConstraint(fields=["batch", "line"],
                                               name="importrow_line_once")]
        indexes = [models.Index(fields=["batch", "ok", "line"])]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.line}"
