"""The allocation preview a person can read: one line per household saying why it gets
what it gets ("Ryż: 6 osób × 1 kg, ograniczone do 4 kg; brak: Makaron"), grouped — the
households with the same line under it, in Polish alphabetical order — worst first and
paginated; totals per item with what stays in stock and what was left out (expiring lots)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backend.common.collation import sort_key
from backend.inventory.selectors import num

from .models import Target
from .services import Plan

FULL, CUT, NONE = "full", "cut", "none"


@dataclass
class Line:
    enrolment: object
    parts: list[str] = field(default_factory=list)
    outcome: str = FULL  # the worst over the items: full, cut (less than need), none

    @property
    def text(self) -> str:
        return "; ".join(self.parts)


def formula(target: Target, persons: int, heating: str, heating_label: str,
            children: int = 0) -> str:
    unit = target.item.get_unit_display()
    policy = target.policy
    if policy == Target.Policy.PER_CHILD:
        return ngettext("%(n)s child aged %(min)s–%(max)s × %(amount)s %(unit)s",
                        "%(n)s children aged %(min)s–%(max)s × %(amount)s %(unit)s",
                        children) % {"n": children, "min": target.min_age,
                                     "max": target.max_age, "amount": num(target.amount),
                                     "unit": unit}
    if policy == Target.Policy.FIXED:
        return _("%(amount)s %(unit)s per household") % {"amount": num(target.amount),
                                                          "unit": unit}
    if policy == Target.Policy.HEATING:
        amount = Decimal(str(target.heating_amounts.get(heating or "", 0)))
        return _("heating: %(heating)s, %(amount)s %(unit)s") % {
            "heating": heating_label or _("none given"), "amount": num(amount), "unit": unit}
    text = ngettext("%(n)s person × %(amount)s %(unit)s", "%(n)s persons × %(amount)s %(unit)s",
                    persons) % {"n": persons, "amount": num(target.amount), "unit": unit}
    if policy == Target.Policy.PER_PERSON_CAP and target.cap is not None:
        text += ", " + _("at most %(cap)s %(unit)s") % {"cap": num(target.cap), "unit": unit}
    return text


def lines(plans: list[Plan]) -> list[Line]:
    """One line per enrolment over every item, in Polish alphabetical order."""
    many = len(plans) > 1
    by_enrolment: dict[int, Line] = {}
    rank = {FULL: 0, CUT: 1, NONE: 2}
    for plan in plans:
        target, unit = plan.target, plan.target.item.get_unit_display()
        for enrolment, need, quantity in plan.rows:
            line = by_enrolment.setdefault(enrolment.pk, Line(enrolment))
            household = enrolment.household
            if need and not quantity:
                line.parts.append(_("none of %(item)s") % {"item": target.item.name})
                outcome = NONE
            else:
                text = formula(target, enrolment.persons, household.heating_type,
                               household.get_heating_type_display(),
                               plan.children.get(household.pk, 0))
                if many:
                    text = f"{target.item.name}: {text}"
                outcome = FULL
                if quantity < need:
                    text += ", " + _("limited to %(q)s %(unit)s") % {"q": num(quantity),
                                                                      "unit": unit}
                    outcome = CUT
                elif not need:
                    text += ", " + _("nothing")
                line.parts.append(text)
            if rank[outcome] > rank[line.outcome]:
                line.outcome = outcome
    return sorted(by_enrolment.values(), key=lambda x: (sort_key(str(x.enrolment.household)),
                                                        x.enrolment.pk))


@dataclass
class Group:
    """Households with the very same reason: the reason once, then the names."""

    text: str
    outcome: str
    lines: list[Line] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [str(line.enrolment.household) for line in self.lines]


def groups(rows: list[Line]) -> list[Group]:
    """Worst first (nothing of an item, less than needed, all of it), then by reason."""
    by_text: dict[str, Group] = {}
    for row in rows:  # rows are in Polish order already: so are the names in a group
        by_text.setdefault(row.text, Group(row.text, row.outcome)).lines.append(row)
    rank = {NONE: 0, CUT: 1, FULL: 2}
    return sorted(by_text.values(), key=lambda g: (rank[g.outcome], -len(g.lines),
                                                   sort_key(g.text)))


def counts(rows: list[Line]) -> dict[str, int]:
    result = {FULL: 0, CUT: 0, NONE: 0}
    for row in rows:
        result[row.outcome] += 1
    return result
