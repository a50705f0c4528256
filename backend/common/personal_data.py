"""One registry of personal data (RODO): right of access, erasure, retention, the register.

Every app that stores data about recipients, their households or donors declares it in
`backend/<app>/privacy.py` (found like bench and demo modules) with::

    from backend.common.personal_data import Category, Retention, register

    register(Category(
        model=MyModel,
        rows=lambda subject: MyModel.objects.filter(household_id__in=subject.household_ids),
        fields=("phone", "notes"),                 # cleared by anonymise (or anonymiser=...)
        kept={"city": _("statistics by place")},   # stays, and says why (the register page)
        purpose=_("why we hold it"),
        retention=Retention("my_kind", expired=lambda cutoff: MyModel.objects.filter(...)),
    ))

THE RULE (tests/privacy/test_registry.py walks every model by introspection):
a model of a `backend.*` app must be registered, or named in NOT_PERSONAL with a reason, when
  (a) it has a ForeignKey / OneToOne / ManyToMany to one of SUBJECT_MODELS, or
  (b) one of its field names contains a word of PERSONAL_WORDS, or is one of FREE_TEXT.
Every such field of a registered model must be in `fields` (cleared) or `kept` (with a reason).
The test then builds one row of every registered model about one household (or donor) and
proves that export() contains it and anonymise() changes every value of `fields`.

Audit entries are not registered one by one: entries about any registered row (and about the
subject) are exported with it and their values cleared by anonymise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

SUBJECT_MODELS = ("people.household", "people.person", "people.donor")
PERSONAL_WORDS = ("phone", "pesel", "first_name", "last_name", "birth", "street", "address",
                  "email", "income", "donor_name", "contact_person")
FREE_TEXT = ("notes", "body", "content", "justification", "raw", "text", "message", "comment")
# Models that match the rule but hold no data about recipients or donors.
NOT_PERSONAL: dict[str, str] = {
    "accounts.site": "the centre's own offices and their public phone numbers",
    "reports.report": "no table: only the holder of the reports permission",
    "accounts.user": "staff and volunteer accounts, managed by administrators",
    "accounts.auditentry": "covered by the registry itself: entries about every registered "
                           "row are exported with it and their values cleared",
    "inventory.scanlog": "the raw text of a scanned label (a QR token or short code)",
    "drives.deliveryrun": "route notes for the driver, written by staff; the households "
                          "of a run are reached through their enrolments",
    "notifications.smstemplate": "texts with placeholders, written by staff",
    "volunteers.protectionstandards": "the centre's child-protection standards, written by "
                                      "staff",
    "notifications.smsbatch": "the text typed for a whole batch, before names are filled in",
    "partners.partner": "organisations the centre works with; their office address and phone",
    "people.importbatch": "registered through its rows (people.importrow); the uploaded "
                          "file is deleted once imported, cancelled or after retention",
}


@dataclass(frozen=True)
class Subject:
    """Whose data: a household (with its members) or a donor, and how to find rows that
    are linked only by a phone number, an e-mail or a PESEL."""

    kind: str
    pk: int
    label: str
    household_ids: frozenset[int] = frozenset()
    person_ids: frozenset[int] = frozenset()
    donor_ids: frozenset[int] = frozenset()
    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    pesels: frozenset[str] = frozenset()

    @classmethod
    def for_household(cls, household) -> Subject:
        members = list(household.members.all())
        return cls("household", household.pk, str(household),
                   household_ids=frozenset([household.pk]),
                   person_ids=frozenset(p.pk for p in members),
                   phones=frozenset(p.phone for p in members if p.phone),
                   pesels=frozenset(p.pesel for p in members if p.pesel))

    @classmethod
    def for_donor(cls, donor) -> Subject:
        return cls("donor", donor.pk, str(donor), donor_ids=frozenset([donor.pk]),
                   phones=frozenset([donor.phone] if donor.phone else []),
                   emails=frozenset([donor.email] if donor.email else []))

    @property
    def root(self) -> models.Model:
        from backend.people.models import Donor, Household

        return (Household if self.kind == "household" else Donor).objects.get(pk=self.pk)


@dataclass(frozen=True)
class Retention:
    """After RETENTION_DAYS[key] days, `expired(cutoff)` rows are anonymised (by `apply`,
    else the category's anonymiser). `expired` must leave out rows already cleared, so
    that the job is idempotent."""

    key: str
    expired: Callable[[dt.datetime], models.QuerySet]
    apply: Callable[[models.QuerySet], int] | None = None
    label: Any = ""


@dataclass(frozen=True)
class Category:
    model: type[models.Model]
    rows: Callable[[Subject], models.QuerySet]
    fields: tuple[str, ...] = ()
    kept: dict[str, Any] = field(default_factory=dict)
    purpose: Any = ""
    anonymiser: Callable[[models.QuerySet], Any] | None = None
    retention: Retention | None = None
    export_exclude: tuple[str, ...] = ("search_text",)
    labels: dict[str, Any] = field(default_factory=dict)  # names for fields without one
    seen_with: str = ""  # the permission that shows these rows, if not view_<model>
    order: int = 100  # anonymise order: links first, the people themselves last

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def anonymise(self, queryset: models.QuerySet) -> int:
        if self.anonymiser is not None:
            return self.anonymiser(queryset) or 0
        return queryset.update(**{name: blank(self.model, name) for name in self.fields})


def blank(model: type[models.Model], name: str) -> Any:
    """The cleared value of a field: None where allowed, else empty."""
    f = model._meta.get_field(name)
    if f.null:
        return None
    if isinstance(f, models.JSONField):
        return f.get_default()
    if isinstance(f, (models.CharField, models.TextField)):
        return ""
    if isinstance(f, models.BooleanField):
        return False
    raise TypeError(f"{model._meta.label}.{name}: give the category an anonymiser")


_REGISTRY: dict[str, Category] = {}
_DISCOVERED = [False]


def register(category: Category) -> Category:
    _REGISTRY[category.label] = category
    return category


def categories() -> list[Category]:
    if not _DISCOVERED[0]:
        from .modules import app_modules

        app_modules("privacy")
        _DISCOVERED[0] = True
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.label))


# --- Right of access -----------------------------------------------------------------

def _value(obj: models.Model, f) -> Any:
    value = f.value_from_object(obj)
    if f.is_relation and value is not None:
        return f"{getattr(obj, f.name)} (#{value})"  # readable, and the id to look it up
    if f.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{f.name}_display")())
    return value


def export(actor, subject: Subject) -> dict[str, Any]:
    """Every row about the subject, in every app, with the audit entries about them."""
    from backend.accounts import audit
    from backend.accounts.models import AuditEntry

    sections, refs = [], [(ContentType.objects.get_for_model(subject.root), [subject.pk])]
    for category in categories():
        meta = category.model._meta
        shown = [f for f in meta.concrete_fields if f.name not in category.export_exclude]
        rows = list(category.rows(subject).order_by("pk"))
        if rows:
            refs.append((ContentType.objects.get_for_model(category.model),
                         [r.pk for r in rows]))
        sections.append({
            "model": category.label, "title": str(meta.verbose_name_plural),
            "fields": {f.attname: str(f.verbose_name) for f in shown},
            "rows": [{f.attname: _value(r, f) for f in shown} for r in rows],
        })
    entries = _audit_entries(refs).select_related("actor").order_by("at", "id")
    data = {
        "subject": {"kind": subject.kind, "id": subject.pk, "label": subject.label},
        "generated_at": timezone.now(),
        "sections": sections,
        "audit": [{"at": e.at, "action": e.get_action_display(), "object": e.object_repr,
                   "who": str(e.actor) if e.actor else None, "changes": e.changes}
                  for e in entries],
    }
    audit.record(actor, AuditEntry.Action.EXPORT, subject.root, {})
    # Plain JSON types (dates as ISO text) for the file and the PDF alike.
    import json

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _audit_entries(refs):
    from backend.accounts.models import AuditEntry

    query = models.Q(pk__in=[])
    for content_type, ids in refs:
        keys = [str(pk) for pk in ids]
        query |= models.Q(content_type=content_type, object_id__in=keys)
        query |= models.Q(root_type=content_type, root_id__in=keys)
    return AuditEntry.objects.filter(query)


# --- Right to erasure ------------------------------------------------------------------

@transaction.atomic
def anonymise(actor, subject: Subject) -> dict[str, int]:
    """Clear the subject's personal data everywhere; rows stay, so the stock ledger,
    hand-over counts and reports stay exact. Returns rows touched per category."""
    from backend.accounts import audit
    from backend.accounts.models import AuditEntry

    plan = [(c, list(c.rows(subject).values_list("pk", flat=True))) for c in categories()]
    refs = [(ContentType.objects.get_for_model(subject.root), [subject.pk])]
    refs += [(ContentType.objects.get_for_model(c.model), ids) for c, ids in plan if ids]
    touched = {}
    for category, ids in plan:
        if ids and (category.fields or category.anonymiser):
            touched[category.label] = category.anonymise(
                category.model.objects.filter(pk__in=ids))
    _audit_entries(refs).update(changes={}, object_repr="—")
    audit.record(actor, AuditEntry.Action.ANONYMISE, subject.root, {})
    return touched


# --- Retention -------------------------------------------------------------------------

def retention_days() -> dict[str, int]:
    return dict(getattr(settings, "RETENTION_DAYS", {}))


def run_retention(now: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Anonymise what has outlived its retention period. Idempotent: run it daily."""
    now = now or timezone.now()
    days, done = retention_days(), {}
    for category in categories():
        rule = category.retention
        if rule is None or not days.get(rule.key):
            continue
        expired = rule.expired(now - dt.timedelta(days=days[rule.key]))
        if dry_run:
            done[rule.key] = done.get(rule.key, 0) + expired.count()
            continue
        with transaction.atomic():
            ids = list(expired.values_list("pk", flat=True))
            rows = category.model.objects.filter(pk__in=ids)
            count = (rule.apply or category.anonymise)(rows) if ids else 0
        done[rule.key] = done.get(rule.key, 0) + (count or 0)
    return done


def personal_fields_by_rule(model: type[models.Model]) -> list[str]:
    """Field names THE RULE calls personal (see the module docstring)."""
    return [f.name for f in model._meta.concrete_fields
            if any(word in f.name for word in PERSONAL_WORDS) or f.name in FREE_TEXT]


def links_to_subject(model: type[models.Model]) -> list[str]:
    return [f.name for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if f.related_model is not None
            and f.related_model._meta.label_lower in SUBJECT_MODELS]


# --- The register of personal data (rejestr czynności przetwarzania) ------------------

def _roles_seeing(category: Category) -> list[str]:
    from backend.accounts import roles

    meta = category.model._meta
    wanted = category.seen_with or f"{meta.app_label}.view_{meta.model_name}"
    names = [roles.ADMINISTRATOR] + [r for r, perms in roles.ROLE_PERMISSIONS.items()
                                     if wanted in perms]
    return [roles.role_label(name) for name in names]


def _label(category: Category, name: str) -> str:
    return str(category.labels.get(name) or category.model._meta.get_field(name).verbose_name)


def register_rows() -> list[dict[str, Any]]:
    """One row per registered kind of record, for the register page."""
    days = retention_days()
    rows = []
    for category in categories():
        meta = category.model._meta
        rule = category.retention
        rows.append({
            "label": category.label,
            "name": str(meta.verbose_name_plural),
            "fields": [_label(category, name) for name in category.fields],
            "kept": [(_label(category, name), str(why))
                     for name, why in category.kept.items()],
            "purpose": str(category.purpose),
            "retention_days": days.get(rule.key) if rule else None,
            "retention_key": rule.key if rule else "",
            "retention_label": str(rule.label) if rule else "",
            "roles": _roles_seeing(category),
        })
    return rows
