"""Personal data held by people: households, persons, donors, imported rows
(registry: backend.common.personal_data)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, Retention, Subject, anonymise, register

from .models import Donor, Household, ImportBatch, ImportRow, Person


def _anonymise_persons(queryset) -> int:
    count = 0
    for index, person in enumerate(queryset.order_by("household_id", "pk"), start=1):
        person.first_name = "—"
        person.last_name = f"#{index}"
        person.pesel = person.phone = person.search_text = ""
        person.phone_is_mobile = person.sms_consent = False
        person.sms_consent_at = None
        # The birth year stays: reports count children and seniors.
        person.birth_date = person.birth_date.replace(month=1, day=1) \
            if person.birth_date else None
        person.save()
        count += 1
    return count


def _anonymise_households(queryset) -> int:
    from .services import refresh_household

    count = queryset.update(street="", building="", apartment="", notes="",
                            referral_number="", monthly_income=None,
                            status=Household.Status.ANONYMISED)
    for household in queryset:
        refresh_household(household)
    return count


def _inactive_households(cutoff):
    """No change to the household or its members, no enrolment, no equipment request
    since the cutoff."""
    from backend.distribution.models import Enrolment
    from backend.exchange.models import EquipmentRequest

    recent = Q(updated_at__gte=cutoff) | Exists(
        Person.objects.filter(household=OuterRef("pk"), updated_at__gte=cutoff)) | Exists(
        Enrolment.objects.filter(household=OuterRef("pk"), created_at__gte=cutoff)) | Exists(
        EquipmentRequest.objects.filter(household=OuterRef("pk"), created_at__gte=cutoff))
    return Household.objects.exclude(status=Household.Status.ANONYMISED).exclude(recent)


def _erase_households(queryset) -> int:
    """Retention of a whole household: the same erasure as on request, in every app."""
    count = 0
    for household in queryset:
        anonymise(None, Subject.for_household(household))
        count += 1
    return count


register(Category(
    model=Household,
    rows=lambda s: Household.objects.filter(pk__in=s.household_ids),
    fields=("street", "building", "apartment", "notes", "referral_number", "monthly_income",
            "display_name"),
    kept={"city": _("statistics by place"), "postal_code": _("statistics by place")},
    purpose=_("registering recipients of aid and referrals"),
    anonymiser=_anonymise_households,
    retention=Retention("households", _inactive_households, _erase_households,
                        _("households without any activity are anonymised")),
    order=900,
))
register(Category(
    model=Person,
    rows=lambda s: Person.objects.filter(household_id__in=s.household_ids),
    fields=("first_name", "last_name", "pesel", "phone", "phone_is_mobile", "birth_date",
            "sms_consent_at"),
    kept={"birth_date": _("the year only (set to 1 January): children and seniors in "
                          "reports")},
    purpose=_("who lives in a household, contact for SMS notices"),
    anonymiser=_anonymise_persons,
    order=800,
))
register(Category(
    model=Donor,
    rows=lambda s: Donor.objects.filter(pk__in=s.donor_ids),
    fields=("name", "nip", "contact_person", "email", "phone", "address", "notes"),
    purpose=_("donors of goods, receipts of thanks"),
    anonymiser=lambda qs: qs.update(name="—", nip="", contact_person="", email="", phone="",
                                    address="", notes="", search_text="",
                                    contact_consent=False, contact_consent_at=None),
    order=900,
))


def _import_rows(subject):
    query = Q(household_id__in=subject.household_ids)
    for pesel in subject.pesels:  # rows of files not (yet) imported
        query |= Q(values__pesel=pesel)
    return ImportRow.objects.filter(query)


def _clear_import_rows(queryset) -> int:
    # The file a cleared row came from goes too: it holds the same line.
    ImportBatch.objects.filter(pk__in=queryset.values("batch_id")).update(content="")
    return queryset.update(raw=[], values={}, errors=[])


def _expired_import_rows(cutoff):
    return ImportRow.objects.filter(batch__created_at__lt=cutoff).exclude(
        raw=[], values={})


def _expired_imports(queryset) -> int:
    ImportBatch.objects.filter(pk__in=queryset.values("batch_id")).update(content="")
    return queryset.update(raw=[], values={}, errors=[])


register(Category(
    model=ImportRow,
    rows=_import_rows,
    fields=("raw", "values", "errors"),
    purpose=_("lines of uploaded CSV files, kept to correct the ones with errors"),
    anonymiser=_clear_import_rows,
    seen_with="people.import_households",
    retention=Retention("import_files", _expired_import_rows, _expired_imports,
                        _("uploaded files and their lines are deleted")),
))
