"""Personal data of the distribution engine (registry: backend.common.personal_data).

Enrolments, allocations and hand-overs hold no personal fields of their own: they link a
household to what it received, and stay after anonymisation so that counts stay exact."""

from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, register

from .models import Allocation, Enrolment, HandOver, HandOverConflict

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

register(Category(
    model=HandOverConflict,
    rows=lambda s: HandOverConflict.objects.filter(enrolment__household_id__in=s.household_ids),
    purpose=PURPOSE,
))

from .participant_models import Participant  # noqa: E402 - person-level (decision 0033)

register(Category(
    model=Participant,
    rows=lambda s: Participant.objects.filter(household_id__in=s.household_ids)
    | Participant.objects.filter(person_id__in=s.person_ids),
    fields=("first_name", "details"),
    kept={"birth_date": _("attendance by age band in event reports"),
          "household": _("attendance counts"), "person": _("the person row is anonymised itself"),
          "contact": _("the contact person row is anonymised itself")},
    purpose=_("who takes part in an event or a camp (a child, a senior), diet and transport"),
))
