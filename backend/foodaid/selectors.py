"""Reads of FEPŻ food aid: referrals in the user's scope, a referral's ration sheet, who is
below the share by the deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from backend.common.collation import polish
from backend.people.selectors import restrict_to_sites

from .models import RationArticle, RationEntry, Referral, SubProgramme

ZERO = Decimal("0")


def visible_referrals(user):
    return restrict_to_sites(
        Referral.objects.select_related("subprogramme", "household", "person"), user)


@dataclass
class RationLine:
    article: RationArticle
    cap: Decimal
    received: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.cap - self.received, ZERO)

    @property
    def over(self) -> Decimal:
        return max(self.received - self.cap, ZERO)

    @property
    def unit(self) -> str:
        return self.article.item.get_unit_display()


def ration_sheet(referral: Referral) -> list[RationLine]:
    """One line per article of the sub-programme: the household's cap (per person × persons)
    and what it received so far. Two queries whatever the number of articles."""
    totals = dict(RationEntry.objects.filter(referral=referral).values("article_id")
                  .annotate(s=Sum("quantity")).values_list("article_id", "s"))
    return [RationLine(a, a.per_person * referral.persons, totals.get(a.pk) or ZERO)
            for a in referral.subprogramme.articles.select_related("item")]


def share_per_person(subprogramme: SubProgramme) -> Decimal:
    """The yearly share of one person (e.g. 39.6 kg): the sum of the article caps."""
    total = subprogramme.articles.aggregate(s=Sum("per_person"))["s"] or ZERO
    return Decimal(str(total)).quantize(Decimal("0.001"))  # SQLite sums as a float


def below_share(subprogramme: SubProgramme, user=None, day: dt.date | None = None):
    """Referrals valid on `day` (default: the hand-out deadline) whose household received
    less than its share (share per person × persons): whom the partner still has to serve.
    Annotated with `got` and `due`; one query."""
    day = day or subprogramme.share_deadline
    share = share_per_person(subprogramme)
    got = (RationEntry.objects.filter(referral=OuterRef("pk")).values("referral")
           .annotate(s=Sum("quantity")).values("s"))
    qs = visible_referrals(user).filter(subprogramme=subprogramme, issued_on__lte=day,
                                        valid_until__gte=day) if user is not None else \
        Referral.objects.filter(subprogramme=subprogramme, issued_on__lte=day,
                                valid_until__gte=day).select_related("household")
    money = DecimalField(max_digits=14, decimal_places=3)
    return (qs.annotate(got=Coalesce(Subquery(got, output_field=money), Value(ZERO),
                                     output_field=money),
                        due=(F("females") + F("males")) * Value(share, output_field=money))
            .filter(got__lt=F("due")).order_by(polish("household__display_name"), "id"))
