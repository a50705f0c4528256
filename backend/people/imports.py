"""CSV import of households and persons, in chunks, by background tasks.

    create_batch(actor, file_name, content, site) -> ImportBatch  ("parsing"; queues check)
    check(batch_id)     task: every row validated and stored as an ImportRow with its errors
    start_import(actor, batch) -> bool                             ("importing"; queues run)
    run(batch_id)       task: households created a chunk per transaction; done: file deleted

A retried task is harmless: `check` starts over, `run` skips rows already linked to the
household made from them (the link is written in the same transaction as the household).
One irregular row (wrong number of columns) is an error of that line only.
"""

import csv
import datetime as dt
import io
import logging
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.accounts.models import AuditEntry
from backend.common import exports
from backend.common.text import fold

from . import services
from .forms import PersonForm
from .models import Household, ImportBatch, ImportRow, Person
from .selectors import DuplicateIndex

log = logging.getLogger(__name__)

CHECK_CHUNK = 1000  # rows validated between two progress updates
IMPORT_CHUNK = 250  # households created per transaction

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


def _delimiter(content: str) -> str:
    """Taken from the header line alone: a sniffer over several lines guesses wrong
    when one data line is irregular, and then the whole file looks column-less."""
    header = content.split("\n", 1)[0]
    counts = {d: header.count(d) for d in ";,\t"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _records(content: str) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, cells); quoted line breaks kept."""
    reader = csv.reader(io.StringIO(content), delimiter=_delimiter(content))
    previous = 0
    for cells in reader:
        yield previous + 1, cells
        previous = reader.line_num


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


_FORMS: dict[str, PersonForm] = {}


def _form(data: dict[str, Any]) -> PersonForm:
    """PersonForm (the one set of person rules) bound to a row. One instance per language
    is rebound per row: building a form deep-copies its fields, most of a row's cost."""
    from django.utils.translation import get_language

    form = _FORMS.get(get_language())
    if form is None:
        form = _FORMS[get_language()] = PersonForm()
    form.data, form.is_bound, form._errors = data, True, None
    form.instance = Person()
    return form


def _validate_row(values: dict[str, Any], seen_pesel: set[str],
                  index: DuplicateIndex) -> list[str]:
    errors: list[str] = []
    relation = RELATIONS.get(fold(values.get("relation", "")) or "head")
    if relation is None:
        errors.append(_("Unknown relation: %(v)s") % {"v": values["relation"]})
    heating = values.get("heating_type", "")
    if heating and HEATING.get(fold(heating)) is None:
        errors.append(_("Unknown heating type: %(v)s") % {"v": heating})
    consent = fold(values.get("sms_consent", "")) in TRUE_WORDS
    form = _form({
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
    errors.extend(_duplicate_errors(values, index))
    return errors


def _duplicate_errors(values: dict[str, Any], index: DuplicateIndex) -> list[str]:
    data = values["_clean"]
    return [_("Possible duplicate of %(person)s (%(reason)s), household #%(id)s.")
            % {"person": dup.person, "reason": dup.reason, "id": dup.household_id}
            for dup in index.find(
                last_name=data["last_name"], pesel=data["pesel"], phone=data["phone"],
                street=values.get("street", ""), building=values.get("building", ""),
                apartment=values.get("apartment", ""), city=values.get("city", ""))]


def _row(batch: ImportBatch, line: int, raw: list[str], width: int, mapping: dict[int, str],
         seen_pesel: set[str], index: DuplicateIndex) -> ImportRow:
    values = {col: (raw[i].strip() if i < len(raw) else "") for i, col in mapping.items()}
    # A trailing separator (empty cells after the last column) is not an irregular line.
    irregular = len(raw) < width or any(cell.strip() for cell in raw[width:])
    if irregular:
        errors = [_("Line %(line)s has %(found)s columns; the header has %(expected)s.")
                  % {"line": line, "found": len(raw), "expected": width}]
    else:
        errors = _validate_row(values, seen_pesel, index)
    return ImportRow(batch=batch, line=line, raw=raw, values=values, errors=errors,
                     ok=not errors, household_ref=values.get("household_ref", "")[:80])


def create_batch(actor, *, file_name: str, content: str, site) -> ImportBatch:
    """Keep the upload and queue its check; the request returns at once."""
    from .tasks import check_import

    batch = ImportBatch.objects.create(
        created_by=actor, file_name=file_name[:200], content=content,
        site=site, status=ImportBatch.Status.PARSING)
    check_import.enqueue(batch.pk)
    return batch


def _fail(batch_id: int, message: str) -> None:
    batch = ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportBatch.Status.FAILED, finished_at=timezone.now(),
        report={**batch.report, "fatal": message})


def check(batch_id: int) -> ImportBatch:
    """Validate every row (nothing is imported): rows and errors kept as ImportRows."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != ImportBatch.Status.PARSING:
        return batch
    batch.rows.all().delete()  # a retried check starts over
    content = batch.content
    total = max(0, content.count("\n") + (0 if content.endswith("\n") else 1) - 1)
    ImportBatch.objects.filter(pk=batch_id).update(
        total_rows=total, checked_rows=0, valid_rows=0, error_rows=0)
    records = _records(content)
    try:
        report, counts = _check_rows(batch, records)
    except csv.Error as exc:
        _fail(batch_id, _("The file cannot be read as CSV: %(error)s") % {"error": exc})
        return ImportBatch.objects.get(pk=batch_id)
    except Exception:
        log.exception("import check failed (batch %s)", batch_id)
        _fail(batch_id, _("The file could not be checked. Try again or ask the administrator."))
        raise
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportBatch.Status.PREVIEW, report=report, total_rows=counts[0] + counts[1],
        checked_rows=counts[0] + counts[1], valid_rows=counts[0], error_rows=counts[1])
    return ImportBatch.objects.get(pk=batch_id)


def _check_rows(batch: ImportBatch, records) -> tuple[dict, list[int]]:
    first = next(records, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        return {"fatal": _("The file is empty."), "header": []}, [0, 0]
    header = first[1]
    mapping, unknown = _header_map(header)
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        return {"fatal": _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)},
                "header": header}, [0, 0]
    ImportBatch.objects.filter(pk=batch.pk).update(
        report={"fatal": "", "header": header, "unknown_columns": unknown})
    index = DuplicateIndex.build()
    seen_pesel: set[str] = set()
    counts, chunk = [0, 0], []

    def flush() -> None:
        ImportRow.objects.bulk_create(chunk)
        good = sum(1 for row in chunk if row.ok)
        counts[0] += good
        counts[1] += len(chunk) - good
        ImportBatch.objects.filter(pk=batch.pk).update(checked_rows=counts[0] + counts[1])
        chunk.clear()

    for line, raw in records:
        if not any(cell.strip() for cell in raw):
            continue
        chunk.append(_row(batch, line, raw, len(header), mapping, seen_pesel, index))
        if len(chunk) >= CHECK_CHUNK:
            flush()
    flush()
    return {"fatal": "", "header": header, "unknown_columns": unknown}, counts


def start_import(actor, batch: ImportBatch) -> bool:
    """Preview -> importing, once (a second click finds it started) and queue the run."""
    from .tasks import run_import

    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.PREVIEW or locked.report.get("fatal"):
            return False
        locked.status = ImportBatch.Status.IMPORTING
        locked.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.imported_rows = 0
        locked.save(update_fields=["status", "confirmed_by", "imported_rows"])
    run_import.enqueue(batch.pk)
    return True


def cancel(actor, batch: ImportBatch) -> bool:
    """Nothing imported; the file and its rows are deleted at once (nothing kept unused)."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status not in (ImportBatch.Status.PREVIEW, ImportBatch.Status.FAILED):
            return False
        locked.status = ImportBatch.Status.CANCELLED
        locked.content = ""
        locked.file_deleted_at = locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "content", "file_deleted_at", "finished_at"])
        locked.rows.all().delete()
    return True


def _household_data(batch: ImportBatch, first: dict[str, Any]) -> dict[str, Any]:
    return {
        "site": batch.site, "street": first.get("street", ""),
        "building": first.get("building", ""), "apartment": first.get("apartment", ""),
        "postal_code": first.get("postal_code", ""), "city": first.get("city", ""),
        "heating_type": HEATING.get(fold(first.get("heating_type", "")), ""),
        "referral_number": first.get("referral_number", ""),
    }


def _member(values: dict[str, Any]) -> dict[str, Any]:
    clean = values["_clean"]
    return {**clean, "birth_date": dt.date.fromisoformat(clean["birth_date"])
            if clean["birth_date"] else None}


def run(batch_id: int) -> ImportBatch:
    """Import the valid rows, grouped into households, a chunk per transaction.
    Re-checks duplicates: the registry may have changed since the preview."""
    batch = ImportBatch.objects.select_related("site", "confirmed_by").get(pk=batch_id)
    if batch.status != ImportBatch.Status.IMPORTING:
        return batch
    try:
        index = DuplicateIndex.build()
        groups: OrderedDict[str, list[int]] = OrderedDict()
        for pk, ref, line in batch.rows.filter(ok=True, household__isnull=True).order_by(
                "line").values_list("pk", "household_ref", "line"):
            groups.setdefault(fold(ref) or f"line-{line}", []).append(pk)
        ordered = list(groups.values())
        for start in range(0, len(ordered), IMPORT_CHUNK):
            if not _import_chunk(batch, ordered[start:start + IMPORT_CHUNK], index):
                return ImportBatch.objects.get(pk=batch_id)
        return _finish(batch)
    except Exception:
        log.exception("import failed (batch %s)", batch_id)
        _fail(batch_id, _("The import stopped. Households imported so far are kept; "
                          "try again or ask the administrator."))
        raise


def _import_chunk(batch: ImportBatch, groups: list[list[int]], index: DuplicateIndex) -> bool:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.IMPORTING:
            return False
        rows = ImportRow.objects.in_bulk([pk for group in groups for pk in group])
        rejected, ready, done = [], [], 0
        for group in groups:
            members = [rows[pk] for pk in group if pk in rows and rows[pk].household_id is None]
            done += len(members)
            good = []
            for row in members:
                row.errors = _duplicate_errors(row.values, index)
                (rejected if row.errors else good).append(row)
            if good:
                ready.append(good)
        taken = set(Person.objects.filter(pesel__in=[
            r.values["_clean"]["pesel"] for good in ready for r in good
            if r.values["_clean"]["pesel"]]).values_list("pesel", flat=True))
        if taken:  # entered meanwhile by someone else (another import, by hand)
            for good in ready:
                for row in [r for r in good if r.values["_clean"]["pesel"] in taken]:
                    row.errors = [_("This PESEL is already in the registry.")]
                    good.remove(row)
                    rejected.append(row)
            ready = [good for good in ready if good]
        try:
            with transaction.atomic():
                households = services.create_households_bulk(batch.confirmed_by, [
                    (_household_data(batch, good[0].values), [_member(r.values) for r in good])
                    for good in ready])
        except IntegrityError:  # a PESEL taken in between: one household at a time
            households = _one_by_one(batch, ready, rejected)
        linked = []
        for household, good in zip(households, ready, strict=True):
            if household is not None:
                for row in good:
                    row.household_id = household.pk
                    linked.append(row)
        ImportRow.objects.bulk_update(linked, ["household"])
        for row in rejected:
            row.ok = False
        ImportRow.objects.bulk_update(rejected, ["errors", "ok"])
        ImportBatch.objects.filter(pk=batch.pk).update(imported_rows=F("imported_rows") + done)
    return True


def _one_by_one(batch: ImportBatch, ready: list[list[ImportRow]],
                rejected: list[ImportRow]) -> list[Household | None]:
    households: list[Household | None] = []
    for good in ready:
        try:
            with transaction.atomic():
                households.append(services.create_household(
                    batch.confirmed_by, _household_data(batch, good[0].values),
                    [_member(row.values) for row in good]))
        except IntegrityError:
            for row in good:
                row.errors = [_("This PESEL is already in the registry.")]
            rejected.extend(good)
            households.append(None)
    return households


def _finish(batch: ImportBatch) -> ImportBatch:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.IMPORTING:
            return locked
        rows = locked.rows.all()
        imported = rows.filter(household__isnull=False)
        now = timezone.now()
        locked.imported_persons = imported.count()
        locked.imported_households = imported.values("household").distinct().count()
        locked.valid_rows = rows.filter(ok=True).count()
        locked.error_rows = rows.filter(ok=False).count()
        locked.status = ImportBatch.Status.DONE
        # The uploaded file is deleted now; what was imported lives in the households.
        locked.content = ""
        locked.finished_at = locked.file_deleted_at = now
        locked.save()
        imported.update(raw=[], values={})
        audit.record(locked.confirmed_by, AuditEntry.Action.IMPORT, locked,
                     {"households": [None, locked.imported_households],
                      "persons": [None, locked.imported_persons]})
    return locked


def bad_rows_csv(batch: ImportBatch) -> str:
    out = io.StringIO()
    out.write(exports.BOM)
    writer = exports.writer(out)
    header = batch.report.get("header", [])
    writer.writerow([*header, _("errors")])
    for row in batch.rows.filter(ok=False).order_by("line").iterator(chunk_size=2000):
        cells = [*row.raw, *[""] * (len(header) - len(row.raw))]
        writer.writerow([*cells, _("line %(line)s: %(errors)s") % {
            "line": row.line, "errors": " | ".join(row.errors)}])
    return out.getvalue()
