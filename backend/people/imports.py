"""CSV import of households and persons: preview with per-row errors, then all
valid rows in one transaction, or nothing."""

import csv
import datetime as dt
import io
from collections import OrderedDict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.accounts.models import AuditEntry
from backend.common import exports
from backend.common.text import fold

from . import selectors, services
from .forms import PersonForm
from .models import Household, ImportBatch, Person

# Column -> accepted header spellings (Polish first, folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "household_ref": ("gospodarstwo", "household_ref", "household"),
    "first_name": ("imie", "first_name"),
    "last_name": ("nazwisko", "last_name"),
    "birth_date": ("data urodzenia", "data_urodzenia", "birth_date"),
    "pesel": ("pesel",),
    "relation": ("pokrewienstwo", "relacja", "relation"),
    "phone": ("telefon", "phone"),
    "sms_consent": ("zgoda sms", "zgoda_sms", "sms_consent"),
    "is_disabled": ("niepelnosprawnosc", "is_disabled"),
    "street": ("ulica", "street"),
    "building": ("nr domu", "nr_domu", "building"),
    "apartment": ("nr mieszkania", "nr_mieszkania", "apartment"),
    "postal_code": ("kod pocztowy", "kod_pocztowy", "postal_code"),
    "city": ("miejscowosc", "miasto", "city"),
    "heating_type": ("ogrzewanie", "heating_type"),
    "referral_number": ("nr skierowania", "nr_skierowania", "referral_number"),
}
REQUIRED = ("first_name", "last_name", "city")
TRUE_WORDS = {"tak", "t", "1", "true", "yes", "x"}
RELATIONS = {fold(str(label)): code for code, label in Person.Relation.choices} | {
    "glowa": "head", "wnioskodawca": "head", "malzonek": "spouse", "zona": "spouse",
    "maz": "spouse", "partner": "spouse", "dziecko": "child", "syn": "child", "corka": "child",
    "rodzic": "parent", "matka": "parent", "ojciec": "parent", "wnuk": "grandchild",
    "wnuczka": "grandchild", "brat": "sibling", "siostra": "sibling", "inna": "other",
    **{code: code for code, _label in Person.Relation.choices},
}
HEATING = {fold(str(label)): code for code, label in Household.Heating.choices} | {
    "wegiel": "coal", "drewno": "wood", "pellet": "pellet", "gaz": "gas", "prad": "electric",
    "miejskie": "district", "inne": "other",
    **{code: code for code, _label in Household.Heating.choices},
}


def _sniff(content: str) -> csv.Dialect:
    try:
        return csv.Sniffer().sniff(content[:4096], delimiters=";,\t")
    except csv.Error:
        return csv.excel


def _header_map(header: list[str]) -> tuple[dict[int, str], list[str]]:
    mapping, unknown = {}, []
    for index, raw in enumerate(header):
        key = fold(raw).replace("-", " ")
        column = next((c for c, names in COLUMNS.items() if key in names), None)
        if column:
            mapping[index] = column
        elif key:
            unknown.append(raw)
    return mapping, unknown


def parse(content: str) -> dict[str, Any]:
    """Validate every row; nothing is written. Returns the report kept on the batch."""
    reader = csv.reader(io.StringIO(content), _sniff(content))
    try:
        rows = list(reader)
    except csv.Error as err:  # a field over csv's 128 KiB limit, a stray NUL, ...
        return {"fatal": _("Line %(line)s cannot be read as CSV (%(error)s). Save the sheet "
                           "again as CSV and check that line.") % {
                               "line": reader.line_num, "error": err}, "rows": [], "header": []}
    if not rows:
        return {"fatal": _("The file is empty."), "rows": [], "header": []}
    mapping, unknown = _header_map(rows[0])
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        return {"fatal": _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)},
                "rows": [], "header": rows[0]}
    report_rows, seen_pesel = [], set()
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        values = {col: (raw[i].strip() if i < len(raw) else "") for i, col in mapping.items()}
        errors = _validate_row(values, seen_pesel)
        report_rows.append({"line": number, "raw": raw, "values": values, "errors": errors})
    return {"fatal": "", "rows": report_rows, "header": rows[0], "unknown_columns": unknown}


def _validate_row(values: dict[str, str], seen_pesel: set[str]) -> list[str]:
    errors: list[str] = []
    relation = RELATIONS.get(fold(values.get("relation", "")) or "head")
    if relation is None:
        errors.append(_("Unknown relation: %(v)s") % {"v": values["relation"]})
    heating = values.get("heating_type", "")
    if heating and HEATING.get(fold(heating)) is None:
        errors.append(_("Unknown heating type: %(v)s") % {"v": heating})
    consent = fold(values.get("sms_consent", "")) in TRUE_WORDS
    form = PersonForm(data={
        "first_name": values.get("first_name", ""), "last_name": values.get("last_name", ""),
        "birth_date": values.get("birth_date", ""), "pesel": values.get("pesel", ""),
        "relation": relation or "head", "phone": values.get("phone", ""),
        "is_disabled": fold(values.get("is_disabled", "")) in TRUE_WORDS,
        "sms_consent": consent, "sms_consent_source": "import" if consent else "",
        "preferred_language": "pl",
    })
    if not values.get("city"):
        errors.append(_("City is required."))
    if not form.is_valid():
        for field, messages in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            errors.extend(f"{label}: {m}" if label else m for m in messages)
        return errors
    data = form.cleaned_data
    values["_clean"] = {**data, "birth_date": data["birth_date"].isoformat()
                        if data.get("birth_date") else None}
    if data["pesel"]:
        if data["pesel"] in seen_pesel:
            errors.append(_("This PESEL appears twice in the file."))
        seen_pesel.add(data["pesel"])
    duplicates = selectors.find_duplicates(
        last_name=data["last_name"], pesel=data["pesel"], phone=data["phone"],
        street=values.get("street", ""), building=values.get("building", ""),
        apartment=values.get("apartment", ""), city=values.get("city", ""))
    for dup in duplicates:
        errors.append(_("Possible duplicate of %(person)s (%(reason)s), household #%(id)s.")
                      % {"person": dup.person, "reason": dup.reason, "id": dup.person.household_id})
    return errors


def create_batch(actor, *, file_name: str, content: str, site) -> ImportBatch:
    return ImportBatch.objects.create(created_by=actor, file_name=file_name[:200],
                                      content=content, site=site, report=parse(content))


@transaction.atomic
def confirm(actor, batch: ImportBatch) -> ImportBatch:
    """Import every valid row in one transaction. Re-validates: the registry may
    have changed since the preview."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return batch
    report = parse(batch.content)
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for row in report["rows"]:
        if row["errors"]:
            continue
        ref = row["values"].get("household_ref") or f"line-{row['line']}"
        groups.setdefault(ref, []).append(row["values"])
    persons = 0
    for rows in groups.values():
        first = rows[0]
        household_data = {
            "site": batch.site, "street": first.get("street", ""),
            "building": first.get("building", ""), "apartment": first.get("apartment", ""),
            "postal_code": first.get("postal_code", ""), "city": first.get("city", ""),
            "heating_type": HEATING.get(fold(first.get("heating_type", "")), ""),
            "referral_number": first.get("referral_number", ""),
        }
        members = [{**r["_clean"], "birth_date": dt.date.fromisoformat(r["_clean"]["birth_date"])
                    if r["_clean"]["birth_date"] else None} for r in rows]
        services.create_household(actor, household_data, members)
        persons += len(members)
    batch.report = report
    batch.status = ImportBatch.Status.DONE
    batch.imported_households = len(groups)
    batch.imported_persons = persons
    batch.save()
    audit.record(actor, AuditEntry.Action.IMPORT, batch,
                 {"households": [None, len(groups)], "persons": [None, persons]})
    return batch


def bad_rows_csv(batch: ImportBatch) -> str:
    out = io.StringIO()
    out.write(exports.BOM)
    writer = exports.writer(out)
    writer.writerow([*batch.report.get("header", []), _("errors")])
    for row in batch.report.get("rows", []):
        if row["errors"]:
            writer.writerow([*row["raw"], " | ".join(row["errors"])])
    return out.getvalue()
