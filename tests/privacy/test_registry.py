"""Every model with personal data is in the registry, exported and anonymised (issue #9 §7).

THE RULE is in backend/common/personal_data.py: a model with a link to a household, person
or donor, or with a field named like personal data, is registered or exempted with a reason.
"""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from backend.common import personal_data as pd
from backend.inventory.models import Balance, Movement


def _project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("backend.")]


def test_every_model_with_personal_data_is_registered_or_exempted_with_a_reason():
    registry = {c.label: c for c in pd.categories()}
    problems = []
    for model in _project_models():
        label = model._meta.label_lower
        personal = pd.personal_fields_by_rule(model)
        if not (personal or pd.links_to_subject(model)):
            continue
        if label in pd.NOT_PERSONAL:
            continue
        category = registry.get(label)
        if category is None:
            problems.append(f"{label}: register it in backend/{model._meta.app_label}/"
                            f"privacy.py (fields by the rule: {personal})")
            continue
        for name in personal:
            if name not in category.fields and name not in category.kept \
                    and name not in category.export_exclude:
                problems.append(f"{label}.{name}: add it to `fields` (cleared) or `kept` "
                                "(with the reason)")
    for category in registry.values():
        for name in [*category.fields, *category.kept]:
            category.model._meta.get_field(name)  # a typo fails here
        assert str(category.purpose), category.label
    assert not problems, "\n".join(problems)


def _subjects(world):
    return [pd.Subject.for_household(world["household"]), pd.Subject.for_donor(world["donor"])]


def _rows(category, subjects):
    return {pk for s in subjects for pk in category.rows(s).values_list("pk", flat=True)}


@pytest.mark.django_db
def test_export_has_every_row_and_anonymise_clears_every_personal_field(world):
    subjects = _subjects(world)
    before, missing = {}, []
    for category in pd.categories():
        ids = _rows(category, subjects)
        if not ids:
            missing.append(f"{category.label}: add a row about the household or the donor "
                           "to tests/privacy/conftest.py::world")
            continue
        values = {}
        for obj in category.model.objects.filter(pk__in=ids):
            for name in category.fields:
                value = category.model._meta.get_field(name).value_from_object(obj)
                if value not in (None, "", [], {}):
                    values[(obj.pk, name)] = value
        unproven = set(category.fields) - {name for _pk, name in values}
        assert not unproven, f"{category.label}: the sample row leaves {unproven} empty"
        before[category.label] = (ids, values)
    assert not missing, "\n".join(missing)

    exported = [pd.export(world["actor"], s) for s in subjects]
    text = json.dumps(exported, ensure_ascii=False)
    for category in pd.categories():
        ids, values = before[category.label]
        seen = {row["id"] for data in exported for section in data["sections"]
                if section["model"] == category.label for row in section["rows"]}
        assert ids <= seen, category.label
        for (_pk, name), value in values.items():
            if isinstance(value, str):
                assert value in text, (category.label, name)
    assert any("Po udarze" in json.dumps(e["changes"], ensure_ascii=False)
               for e in exported[0]["audit"])

    stock = (Movement.objects.count(), list(Balance.objects.values_list("quantity", flat=True)))
    for subject in subjects:
        pd.anonymise(world["actor"], subject)
    for category in pd.categories():
        ids, values = before[category.label]
        current = {obj.pk: obj for obj in category.model.objects.filter(pk__in=ids)}
        for (pk, name), value in values.items():
            if pk in current:  # a deleted row (an opt-out) is cleared too
                after = category.model._meta.get_field(name).value_from_object(current[pk])
                assert after != value, (category.label, name, value)
    # what reports count stays: the rows, the hand-over, the stock ledger
    from backend.distribution.models import Allocation, Enrolment, HandOver
    from backend.people.models import Person

    household = world["household"]
    household.refresh_from_db()
    assert Enrolment.objects.filter(household=household).count() == 1
    assert HandOver.objects.filter(enrolment__household=household).count() == 1
    assert Allocation.objects.get(enrolment__household=household).handed_over == 2
    assert Person.objects.filter(household=household).count() == 2
    assert Person.objects.get(household=household, relation="spouse").is_disabled
    assert (Movement.objects.count(),
            list(Balance.objects.values_list("quantity", flat=True))) == stock
    # audit values about any of those rows are gone, not only the household's own
    from backend.accounts.models import AuditEntry

    assert not AuditEntry.objects.filter(changes__has_key="justification").exists()
    assert not AuditEntry.objects.filter(changes__has_key="first_name").exists()
    again = json.dumps(pd.export(world["actor"], pd.Subject.for_household(household)),
                       ensure_ascii=False)
    for word in ("Żółkiewsk", "Zgierska", "Po udarze", "601234567", "córk", "K7Q2 "):
        assert word not in again, word


@pytest.mark.django_db
def test_household_export_is_a_readable_pdf_and_json(world, client_for):
    client = client_for("coordinator")
    household = world["household"]
    pdf = client.get(reverse("people:household_export_pdf", args=[household.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    data = client.get(reverse("people:household_export", args=[household.pk])).json()
    titles = {s["model"] for s in data["sections"] if s["rows"]}
    assert {"people.person", "distribution.handover", "notifications.outboxmessage",
            "notifications.inboundmessage", "exchange.equipmentrequest",
            "people.importrow"} <= titles
    from backend.accounts.models import AuditEntry

    assert AuditEntry.objects.filter(action="export", object_id=str(household.pk)).count() == 2


@pytest.mark.django_db
def test_retention_clears_what_expired_once(world, settings):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from backend.notifications.models import InboundMessage, OutboxMessage
    from backend.people.models import ImportBatch

    settings.RETENTION_DAYS = {"sms_sent": 30, "sms_received": 30, "import_files": 30,
                               "households": 0}
    old = timezone.now() - dt.timedelta(days=40)
    OutboxMessage.objects.update(created_at=old)
    InboundMessage.objects.update(received_at=old)
    ImportBatch.objects.update(created_at=old)
    assert pd.run_retention(dry_run=True) == {"sms_sent": 2, "sms_received": 1,
                                              "import_files": 1}
    call_command("privacy_retention")
    assert not OutboxMessage.objects.exclude(body="").exists()
    assert not InboundMessage.objects.exclude(phone="").exists()
    assert ImportBatch.objects.get().content == ""
    assert pd.run_retention() == {"sms_sent": 0, "sms_received": 0, "import_files": 0}
    # households: only after N days without any activity
    settings.RETENTION_DAYS = {"households": 365}
    assert pd.run_retention() == {"households": 0}
    from backend.people.models import Household, Person

    Household.objects.update(updated_at=timezone.now() - dt.timedelta(days=400))
    Person.objects.update(updated_at=timezone.now() - dt.timedelta(days=400))
    from backend.distribution.models import Enrolment
    from backend.exchange.models import EquipmentRequest

    Enrolment.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    EquipmentRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    assert pd.run_retention() == {"households": 1}
    assert Household.objects.get().status == "anonymised"
    assert pd.run_retention() == {"households": 0}


@pytest.mark.django_db
def test_register_page_lists_every_kind_with_its_retention(client_for, settings, users):
    settings.RETENTION_DAYS = {"sms_sent": 365}
    client = client_for("coordinator")
    page = client.get(reverse("people:privacy_register"))
    html = page.content.decode()
    assert page.status_code == 200
    for category in pd.categories():
        assert f'data-model="{category.label}"' in html
    assert "365" in html
    for role in ("social_worker", "volunteer", "viewer", "warehouse_volunteer"):
        client.force_login(users[role])
        assert client.get(reverse("people:privacy_register")).status_code == 403


@pytest.mark.django_db
def test_donor_export_and_erasure_by_role(world, client_for):
    donor = world["donor"]
    volunteer = client_for("warehouse_volunteer")
    assert volunteer.get(reverse("people:donor_export", args=[donor.pk])).status_code == 403
    assert volunteer.post(reverse("people:donor_anonymise", args=[donor.pk])).status_code == 403
    client = client_for("coordinator")
    data = client.get(reverse("people:donor_export", args=[donor.pk])).json()
    donations = next(s for s in data["sections"] if s["model"] == "donations.donation")
    assert donations["rows"] and "Od Jana" in json.dumps(data, ensure_ascii=False)
    assert client.get(reverse("people:donor_export_pdf", args=[donor.pk])).content.startswith(
        b"%PDF")
    client.post(reverse("people:donor_anonymise", args=[donor.pk]))
    donor.refresh_from_db()
    assert donor.name == "—" and donor.phone == "" and donor.email == ""
    assert donor.donations.get().notes == ""  # the donation itself stays for the ledger
