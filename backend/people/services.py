"""Every write to people goes through here: validated, transactional, audited."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.accounts.models import AuditEntry
from backend.common.errors import ServiceError
from backend.common.phones import is_mobile
from backend.common.text import fold

from . import selectors
from .models import Donor, Household, Person
from .validators import pesel_birth_date, validate_pesel

HOUSEHOLD_FIELDS = ["site", "street", "building", "apartment", "postal_code", "city", "status",
                    "heating_type", "referral_number", "referral_date", "social_worker",
                    "monthly_income", "notes", "flags"]
PERSON_FIELDS = ["first_name", "last_name", "birth_date", "pesel", "relation", "is_disabled",
                 "phone", "sms_consent", "sms_consent_source", "preferred_language"]
DONOR_FIELDS = ["kind", "name", "nip", "contact_person", "email", "phone", "address",
                "contact_consent", "notes"]


class PeopleError(ServiceError):
    default_code = "people_refused"


class PersonInvalid(PeopleError):
    """A person's data break a rule; `errors` maps the field to the message."""

    default_code = "person_invalid"

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(str(m) for m in errors.values()), fields=", ".join(errors))
        self.errors = errors


class PossibleDuplicate(PeopleError):
    """Someone like this is registered already. A worker may confirm a similar person is a
    different one (`confirm_not_duplicate`); the same PESEL never is (code duplicate_pesel)."""

    default_code = "duplicate"

    def __init__(self, duplicates: list[dict]):
        pesel = any(d["code"] == "pesel" for d in duplicates)
        super().__init__(
            _("Someone with the same PESEL is already registered.") if pesel else
            _("This person may already be registered: check, then confirm to save anyway."),
            "duplicate_pesel" if pesel else "duplicate",
            people=", ".join(str(d["person"]) for d in duplicates))
        self.duplicates = duplicates
        self.pesel = pesel


def person_errors(data: dict[str, Any]) -> dict[str, str]:
    """The rules for one person's data (the form, the API and the services all ask here):
    a valid PESEL that matches the birth date, SMS consent only with a phone and a source.
    Fills `birth_date` from the PESEL when it is missing."""
    errors: dict[str, str] = {}
    pesel, birth = data.get("pesel") or "", data.get("birth_date")
    if pesel:
        try:
            validate_pesel(pesel)
        except DjangoValidationError as exc:
            errors["pesel"] = " ".join(exc.messages)
        else:
            encoded = pesel_birth_date(pesel)
            if birth and birth != encoded:
                errors["birth_date"] = _("The birth date does not match the PESEL (%(date)s).") \
                    % {"date": encoded.strftime("%d.%m.%Y")}
            elif not birth:
                data["birth_date"] = encoded
    if data.get("sms_consent") and not data.get("phone"):
        errors["phone"] = _("SMS consent needs a phone number.")
    if data.get("sms_consent") and not data.get("sms_consent_source"):
        errors["sms_consent_source"] = _("Say how the consent was given.")
    return errors


def _check_person(data: dict[str, Any]) -> None:
    errors = person_errors(data)
    if errors:
        raise PersonInvalid(errors)


def _check_duplicates(members: list[dict[str, Any]], address: dict[str, Any] | None,
                      confirm_not_duplicate: bool | None, exclude_pk: int | None = None) -> None:
    """None: a trusted bulk path that checks on its own (the CSV import's review, demo data).
    False/True: the page or the API asked, with or without the worker's confirmation."""
    if confirm_not_duplicate is None:
        return
    found = selectors.duplicates_of(members, address, exclude_pk=exclude_pk)
    if found and (not confirm_not_duplicate or any(d["code"] == "pesel" for d in found)):
        raise PossibleDuplicate(found)


def allowed_sites(user):
    """Sites where a user may register or move households: every active site for roles
    that see every site; otherwise the user's own sites (all, if assigned to none, the
    same rule as selectors.visible_households)."""
    from backend.accounts import scope
    from backend.accounts.models import Site

    sites = Site.objects.filter(is_active=True)
    if user is None or not getattr(user, "is_authenticated", False):
        return sites
    return scope.restrict(sites, user, "pk")


def _check_site(actor, site) -> None:
    if site is not None and not allowed_sites(actor).filter(pk=site.pk).exists():
        raise PeopleError(_("You may register households only at your own sites."),
                          code="site_not_allowed")


def _person_search_text(person: Person) -> str:
    return fold(" ".join([person.first_name, person.last_name, person.pesel,
                          person.phone, person.phone.removeprefix("+48")]))


def _head(members: list[Person]) -> Person | None:
    heads = [m for m in members if m.relation == Person.Relation.HEAD]
    return (heads or sorted(members, key=lambda m: m.pk or 0) or [None])[0]


def denormalise(household: Household, members: list[Person]) -> None:
    """Set the denormalised name, member count and search key (not saved)."""
    head = _head(members)
    household.display_name = f"{head.last_name} {head.first_name}" if head else ""
    household.member_count = len(members)
    household.search_text = fold(" ".join(
        [household.street, household.building, household.apartment, household.postal_code,
         household.city, household.referral_number] + [m.search_text for m in members]
    ))


def refresh_household(household: Household) -> None:
    """Recompute the denormalised name, member count and search key."""
    denormalise(household, list(household.members.all()))
    Household.objects.filter(pk=household.pk).update(
        display_name=household.display_name, member_count=household.member_count,
        search_text=household.search_text,
    )


def _apply(obj, data: dict[str, Any], fields: list[str]) -> None:
    for field in fields:
        if field in data and field != "flags":
            setattr(obj, field, data[field])


def _prepare_person(person: Person) -> None:
    person.phone_is_mobile = is_mobile(person.phone) if person.phone else False
    if person.sms_consent and person.sms_consent_at is None:
        person.sms_consent_at = timezone.now()
    if not person.sms_consent:
        person.sms_consent_at = None
    person.search_text = _person_search_text(person)


@transaction.atomic
def create_household(actor, data: dict[str, Any], members: list[dict[str, Any]], *,
                     confirm_not_duplicate: bool | None = None) -> Household:
    _check_site(actor, data.get("site"))
    for member in members:
        _check_person(member)
    _check_duplicates(members, data, confirm_not_duplicate)
    household = Household()
    _apply(household, data, HOUSEHOLD_FIELDS)
    household.save()
    if "flags" in data:
        household.flags.set(data["flags"])
    audit.record(actor, AuditEntry.Action.CREATE, household,
                 audit.snapshot(household, HOUSEHOLD_FIELDS))
    for member in members:
        _create_person(actor, household, member)
    refresh_household(household)
    return household


@transaction.atomic
def create_households_bulk(actor, items: list[tuple[dict[str, Any], list[dict[str, Any]]]]
                           ) -> list[Household]:
    """create_household for thousands (the CSV import): the same rows, denormalised fields
    and audit entries, written a few queries per chunk instead of a few per person."""
    for site in {id(d.get("site")): d.get("site") for d, _m in items}.values():
        _check_site(actor, site)
    for _data, people in items:
        for person in people:
            _check_person(person)
    households, members = [], []
    for data, _people in items:
        household = Household()
        _apply(household, data, HOUSEHOLD_FIELDS)
        households.append(household)
    Household.objects.bulk_create(households)
    for household, (_data, people) in zip(households, items, strict=True):
        for data in people:
            person = Person(household=household)
            _apply(person, data, PERSON_FIELDS)
            _prepare_person(person)
            members.append(person)
    Person.objects.bulk_create(members)
    by_household: dict[int, list[Person]] = {}
    for person in members:
        by_household.setdefault(person.household_id, []).append(person)
    entries = []
    for household in households:
        denormalise(household, by_household.get(household.pk, []))
        entries.append(audit.build(actor, AuditEntry.Action.CREATE, household,
                                   audit.snapshot(household, HOUSEHOLD_FIELDS)))
    for person in members:
        entries.append(audit.build(actor, AuditEntry.Action.CREATE, person,
                                   audit.snapshot(person, PERSON_FIELDS),
                                   root=person.household))
    Household.objects.bulk_update(households, ["display_name", "member_count", "search_text"])
    AuditEntry.objects.bulk_create(entries)
    return households


@transaction.atomic
def update_household(actor, household: Household, data: dict[str, Any]) -> Household:
    household = Household.objects.select_for_update().get(pk=household.pk)
    if "site" in data and data["site"] != household.site:
        _check_site(actor, data["site"])
    before = audit.snapshot(household, HOUSEHOLD_FIELDS)
    _apply(household, data, HOUSEHOLD_FIELDS)
    household.save()
    if "flags" in data:
        household.flags.set(data["flags"])
    changes = audit.diff(before, audit.snapshot(household, HOUSEHOLD_FIELDS))
    if changes:
        audit.record(actor, AuditEntry.Action.UPDATE, household, changes)
    refresh_household(household)
    return household


def _create_person(actor, household: Household, data: dict[str, Any]) -> Person:
    person = Person(household=household)
    _apply(person, data, PERSON_FIELDS)
    _prepare_person(person)
    person.save()
    audit.record(actor, AuditEntry.Action.CREATE, person, audit.snapshot(person, PERSON_FIELDS),
                 root=household)
    return person


@transaction.atomic
def add_member(actor, household: Household, data: dict[str, Any], *,
               confirm_not_duplicate: bool | None = None) -> Person:
    _check_person(data)
    _check_duplicates([data], None, confirm_not_duplicate)
    person = _create_person(actor, household, data)
    refresh_household(household)
    return person


@transaction.atomic
def update_person(actor, person: Person, data: dict[str, Any], *,
                  confirm_not_duplicate: bool | None = None) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    merged = {f: getattr(person, f) for f in PERSON_FIELDS} | dict(data)
    _check_person(merged)  # the rules see the person as it will be, not only the change
    _check_duplicates([merged], None, confirm_not_duplicate, exclude_pk=person.pk)
    before = audit.snapshot(person, PERSON_FIELDS)
    _apply(person, merged, PERSON_FIELDS)
    _prepare_person(person)
    person.save()
    changes = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
    if changes:
        audit.record(actor, AuditEntry.Action.UPDATE, person, changes, root=person.household)
    refresh_household(person.household)
    return person


@transaction.atomic
def delete_person(actor, person: Person) -> None:
    household = person.household
    audit.record(actor, AuditEntry.Action.DELETE, person, {}, root=household)
    person.delete()
    refresh_household(household)


@transaction.atomic
def delete_household(actor, household: Household) -> None:
    """Only a household nothing refers to (e.g. entered twice by mistake); one enrolled in
    a drive or with equipment requests is anonymised instead, so counts stay exact."""
    audit.record(actor, AuditEntry.Action.DELETE, household, {})
    try:
        with transaction.atomic():
            household.delete()
    except ProtectedError as exc:
        raise PeopleError(_(
            "This household cannot be deleted: drives, hand-overs or equipment requests "
            "refer to it and the reports count them. To erase its personal data, use "
            "“Anonymise” instead."), code="household_in_use") from exc


def anonymise_household(actor, household: Household) -> Household:
    """Right to erasure, in every app (backend.common.personal_data): personal data go,
    rows stay, so the stock ledger, hand-over counts and statistics stay exact."""
    from backend.common import personal_data

    personal_data.anonymise(actor, personal_data.Subject.for_household(household))
    household.refresh_from_db()
    return household


def export_household_data(actor, household: Household) -> dict[str, Any]:
    """Right of access: every row about the household in every app, as data."""
    from backend.common import personal_data

    return personal_data.export(actor, personal_data.Subject.for_household(household))


def anonymise_donor(actor, donor: Donor) -> Donor:
    from backend.common import personal_data

    personal_data.anonymise(actor, personal_data.Subject.for_donor(donor))
    donor.refresh_from_db()
    return donor


def export_donor_data(actor, donor: Donor) -> dict[str, Any]:
    from backend.common import personal_data

    return personal_data.export(actor, personal_data.Subject.for_donor(donor))


def _prepare_donor(donor: Donor) -> None:
    if donor.contact_consent and donor.contact_consent_at is None:
        donor.contact_consent_at = timezone.now()
    if not donor.contact_consent:
        donor.contact_consent_at = None
    donor.search_text = fold(" ".join([donor.name, donor.nip, donor.contact_person, donor.email,
                                       donor.phone, donor.address]))


@transaction.atomic
def create_donor(actor, data: dict[str, Any]) -> Donor:
    donor = Donor()
    _apply(donor, data, DONOR_FIELDS)
    _prepare_donor(donor)
    donor.save()
    audit.record(actor, AuditEntry.Action.CREATE, donor, audit.snapshot(donor, DONOR_FIELDS))
    return donor


@transaction.atomic
def update_donor(actor, donor: Donor, data: dict[str, Any]) -> Donor:
    donor = Donor.objects.select_for_update().get(pk=donor.pk)
    before = audit.snapshot(donor, DONOR_FIELDS)
    _apply(donor, data, DONOR_FIELDS)
    _prepare_donor(donor)
    donor.save()
    changes = audit.diff(before, audit.snapshot(donor, DONOR_FIELDS))
    if changes:
        audit.record(actor, AuditEntry.Action.UPDATE, donor, changes)
    return donor
