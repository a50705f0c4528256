"""Personal data of FEPŻ food aid (registry: backend.common.personal_data).

A referral holds the household's income per person and, when it was accepted above the
threshold, the reason; the counts by sex, age and target group and the threshold stay for
the programme's reports (they describe no one once the household is anonymised)."""

from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, register

from .models import RationEntry, Referral


def _anonymise(queryset) -> int:
    count = 0
    for referral in queryset:
        referral.number = f"#{referral.pk}"  # unique per sub-programme, so not blank
        referral.income_per_person = 0
        referral.override_reason = "" if referral.eligible else "—"
        referral.save(update_fields=["number", "income_per_person", "override_reason"])
        count += 1
    return count


register(Category(
    model=Referral,
    rows=lambda s: Referral.objects.filter(household_id__in=s.household_ids),
    fields=("number", "income_per_person", "override_reason"),
    anonymiser=_anonymise,
    kept={"household": _("the household row is anonymised itself"),
          "person": _("the person row is anonymised itself")},
    purpose=_("a referral to FEPŻ food aid and its eligibility check"),
))
register(Category(
    model=RationEntry,
    rows=lambda s: RationEntry.objects.filter(referral__household_id__in=s.household_ids),
    purpose=_("what a referred household received of the yearly FEPŻ ration"),
))
