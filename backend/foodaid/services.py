"""Writes of FEPŻ food aid: referrals with their eligibility check, statements, the ration
ledger (fed by the distribution engine's hand-overs, receivers.py) and its corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.inventory.selectors import num

from .models import Criterion, RationArticle, RationEntry, Referral, SubProgramme

CENT = Decimal("0.01")
REFERRAL_FIELDS = ["number", "issuing_centre", "subprogramme", "household", "person",
                   "issued_on", "valid_until", "reasons", "females", "males", "children",
                   "seniors", "target_groups", "income_per_person", "threshold", "eligible",
                   "override_reason", "statement_on"]


class FoodAidError(ServiceError):
    default_code = "foodaid_invalid"


def zl(value: Decimal) -> str:
    return _("%(amount)s zł") % {"amount": formats.number_format(value, 2, use_l10n=True,
                                                                  force_grouping=True)}


@dataclass(frozen=True)
class Eligibility:
    income: Decimal
    threshold: Decimal
    base: Decimal  # the criterion amount that applies (alone or per person in a family)
    criterion: Criterion
    percent: Decimal

    @property
    def ok(self) -> bool:
        return self.income <= self.threshold

    @property
    def message(self) -> str:
        return _("Income per person %(income)s is above the threshold %(threshold)s "
                 "(%(percent)s%% of the criterion %(criterion)s in force on %(date)s).") % {
            "income": zl(self.income), "threshold": zl(self.threshold),
            "percent": num(self.percent),
            "criterion": zl(self.base), "date": formats.date_format(
                self.criterion.effective_from, "SHORT_DATE_FORMAT")}


def criterion_on(day: dt.date) -> Criterion:
    found = Criterion.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if found is None:
        raise FoodAidError(_("No income criterion is in force on %(date)s.")
                           % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")},
                           "no_criterion")
    return found


def check(subprogramme: SubProgramme, day: dt.date, persons: int,
          income_per_person: Decimal) -> Eligibility:
    """The threshold on `day`: the criterion then in force (for one person alone or per
    person in a family) times the sub-programme's percentage, to the grosz."""
    criterion = criterion_on(day)
    base = criterion.single if persons == 1 else criterion.per_person
    percent = Decimal(str(subprogramme.threshold_percent))
    threshold = (base * percent / 100).quantize(CENT, ROUND_HALF_UP)
    return Eligibility(Decimal(income_per_person), threshold, base, criterion,
                       percent)


def validate(referral: Referral) -> None:
    if referral.persons < 1:
        raise FoodAidError(_("A referral needs at least one person."), "no_persons")
    if referral.children + referral.seniors > referral.persons:
        raise FoodAidError(_("More children and seniors than persons in the household."),
                           "age_split")
    if referral.valid_until < referral.issued_on:
        raise FoodAidError(_("The referral expires before it is issued."), "expiry")
    sp = referral.subprogramme
    if not sp.starts_on <= referral.issued_on <= sp.ends_on:
        raise FoodAidError(_("The referral date is outside the sub-programme %(name)s.")
                           % {"name": sp.name}, "outside_subprogramme")
    if not referral.reasons:
        raise FoodAidError(_("Choose at least one reason (art. 7)."), "no_reason")
    if referral.person_id and referral.person.household_id != referral.household_id:
        raise FoodAidError(_("The referred person is not a member of the household."),
                           "person_household")


def create_referral(actor, referral: Referral, *, override_reason: str = "") -> Referral:
    """Check eligibility against the threshold in force on the referral's date and save it.

    Above the threshold it is refused (code income_above_threshold, the threshold in the
    message) unless a user with foodaid.override_eligibility gives a reason (audited)."""
    validate(referral)
    result = check(referral.subprogramme, referral.issued_on, referral.persons,
                   referral.income_per_person)
    override_reason = (override_reason or "").strip()[:300]
    if not result.ok:
        if not override_reason:
            raise FoodAidError(result.message, "income_above_threshold",
                               threshold=result.threshold)
        if not getattr(actor, "has_perm", lambda p: False)("foodaid.override_eligibility"):
            raise FoodAidError(_("Only a coordinator may accept a referral above the "
                                 "threshold."), "override_not_allowed")
    referral.threshold, referral.eligible = result.threshold, result.ok
    referral.override_reason = "" if result.ok else override_reason
    referral.created_by = actor if getattr(actor, "is_authenticated", False) else None
    if Referral.objects.filter(subprogramme=referral.subprogramme,
                               number=referral.number).exists():
        raise FoodAidError(_("Referral %(number)s is already registered in this "
                             "sub-programme.") % {"number": referral.number}, "duplicate")
    with transaction.atomic():
        referral.save()
        audit.record(actor, "create", referral, audit.snapshot(referral, REFERRAL_FIELDS),
                     root=referral.household)
    return referral


def record_statement(actor, referral: Referral, day: dt.date) -> Referral:
    """The person's statement (oświadczenie) about income and not receiving the same aid
    elsewhere: when it was signed."""
    before = audit.snapshot(referral, ["statement_on"])
    referral.statement_on = day
    referral.save(update_fields=["statement_on"])
    audit.record(actor, "update", referral, audit.diff(before, audit.snapshot(
        referral, ["statement_on"])), root=referral.household)
    return referral


def received(referral: Referral, article: RationArticle) -> Decimal:
    return RationEntry.objects.filter(referral=referral, article=article).aggregate(
        s=Sum("quantity"))["s"] or Decimal("0")


def cap(referral: Referral, article: RationArticle) -> Decimal:
    return article.per_person * referral.persons


def add_entry(actor, referral: Referral, article: RationArticle, quantity: Decimal, *,
              handover=None, reason: str = "") -> RationEntry:
    """Append to the ledger under a lock on the referral (two hand-overs at once must both
    see each other's quantity when the cap is checked). Above the cap is recorded and
    warned about, never refused: the food is already in the recipient's hands."""
    with transaction.atomic():
        Referral.objects.select_for_update().filter(pk=referral.pk).first()
        total = received(referral, article) + quantity
        entry = RationEntry.objects.create(
            referral=referral, article=article, quantity=quantity, handover=handover,
            over_cap=total > cap(referral, article), reason=reason[:200],
            actor=actor if getattr(actor, "is_authenticated", False) else None)
        if handover is None:  # a hand correction is a change to the person's record
            audit.record(actor, "create", entry, {"quantity": [None, str(quantity)],
                                                  "reason": [None, reason[:200]]},
                         root=referral.household)
    return entry


def referral_for(household_id: int, subprogramme: SubProgramme,
                 day: dt.date) -> Referral | None:
    """The household's referral valid on `day` (the latest issued)."""
    return (Referral.objects.filter(household_id=household_id, subprogramme=subprogramme,
                                    issued_on__lte=day, valid_until__gte=day)
            .order_by("-issued_on", "-id").first())


def record_handover(actor, enrolment, handover, issued) -> list[RationEntry]:
    """Called by receivers.py inside the hand-over's transaction: one ledger entry per
    issued item that is an article of the drive's sub-programme."""
    link = getattr(enrolment.distribution, "foodaid", None)
    if link is None:
        return []
    referral = referral_for(enrolment.household_id, link.subprogramme, handover.at.date())
    if referral is None:
        return []
    articles = {a.item_id: a for a in link.subprogramme.articles.all()}
    return [add_entry(actor, referral, articles[allocation.item_id], quantity,
                      handover=handover)
            for allocation, quantity in issued if allocation.item_id in articles]
