"""Personal data of camps (registry: backend.common.personal_data). Participants are the
engine's (backend/distribution/privacy.py). Health data (the karta kwalifikacyjna's
parents' part and the signed scan) is kept only until RETENTION_DAYS["camp_health"]
after the camp's last session ended."""

from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, Retention, register

from .models import Application, HealthCard, Sponsorship

HEALTH_FIELDS = ("health_notes", "diet", "medicines", "vaccinations", "staff_notes")


def clear_health(queryset) -> int:
    count = 0
    for card in queryset:
        if card.signed_scan:
            card.signed_scan.delete(save=False)
        for name in HEALTH_FIELDS:
            setattr(card, name, "")
        card.signed_scan = ""
        card.save(update_fields=[*HEALTH_FIELDS, "signed_scan"])
        count += 1
    return count


def expired_health(cutoff):
    return HealthCard.objects.exclude(application__camp__sessions__end__gte=cutoff.date()) \
        .exclude(health_notes="", diet="", medicines="", vaccinations="", staff_notes="",
                 signed_scan="")


register(Category(
    model=Application,
    rows=lambda s: Application.objects.filter(household_id__in=s.household_ids)
    | Application.objects.filter(child_id__in=s.person_ids)
    | Application.objects.filter(parent_phone__in=s.phones),
    fields=("parent_name", "parent_phone", "child_first_name"),
    kept={"child": _("the person row is anonymised itself"),
          "household": _("counts of children per session"),
          "contact": _("the contact person row is anonymised itself"),
          "child_birth_date": _("children by age in camp reports"),
          "sex": _("girls and boys per session, for rooms split by sex")},
    purpose=_("applications of children to summer camps, reasons and documents"),
))
register(Category(
    model=HealthCard,
    rows=lambda s: HealthCard.objects.filter(application__household_id__in=s.household_ids)
    | HealthCard.objects.filter(application__child_id__in=s.person_ids),
    fields=("health_notes", "diet", "medicines", "vaccinations", "staff_notes",
            "signed_scan"),
    anonymiser=clear_health,
    # the scan is a file: the export names the card, the office hands the paper over
    export_exclude=("search_text", "signed_scan"),
    purpose=_("the camp qualification card: the child's health, diet, medicines and "
              "vaccinations, for the camp's staff only"),
    retention=Retention("camp_health", expired_health,
                        label=_("health data of camp children after the camp")),
    seen_with="camps.view_healthcard",
))
register(Category(
    model=Sponsorship,
    rows=lambda s: Sponsorship.objects.filter(donor_id__in=s.donor_ids),
    fields=(),
    kept={"donor": _("the donor row is anonymised itself; the session's funding stays")},
    purpose=_("sponsors funding camp places or equipment, thanked by letter"),
))
