"""Personal data of the distribution engine (registry: backend.common.personal_data).

Enrolments, allocations and hand-overs hold no personal fields of their own: they link a
household to what it received, and stay after anonymisation so that counts stay exact."""

from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, register

from .models import Allocation, Enrolment, HandOver

PURPOSE = _("who takes part in a drive and what they received")

register(Category(
    model=Enrolment,
    rows=lambda s: Enrolment.objects.filter(household_id__in=s.household_ids),
    kept={"household": _("hand-over counts and reports"),
          "contact": _("the contact person row is anonymised itself")},
    purpose=PURPOSE,
))
register(Category(
    model=Allocation,
    rows=lambda s: Allocation.objects.filter(enrolment__household_id__in=s.household_ids),
    purpose=PURPOSE,
))
register(Category(
    model=HandOver,
    rows=lambda s: HandOver.objects.filter(enrolment__household_id__in=s.household_ids),
    purpose=PURPOSE,
))
