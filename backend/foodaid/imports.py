"""Collective referral lists (lista zbiorcza) from CSV: checked in full, then imported all at
once or not at all. A list is a few hundred rows, so this is synchronous (the people import
runs in background tasks because it takes whole registers).

Each row names a person already registered (by PESEL, within the user's households) — the
household import creates them; each row gets the same eligibility check as a referral typed
by hand, and a row above the threshold is an error: overrides are typed one by one, with a
reason. The delimiter and header handling follow backend.people.imports."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from backend.common.parsing import finite_decimal
from backend.common.text import fold
from backend.people.imports import _records
from backend.people.models import Person
from backend.people.selectors import visible_persons

from . import services
from .models import Reason, Referral, SubProgramme, TargetGroup

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("nr skierowania", "numer", "number"),
    "issuing_centre": ("osrodek", "ops", "issuing_centre"),
    "pesel": ("pesel",),
    "issued_on": ("data", "data skierowania", "issued_on"),
    "valid_until": ("wazne do", "valid_until"),
    "females": ("kobiety", "females"),
    "males": ("mezczyzni", "males"),
    "children": ("do 15", "dzieci do 15", "children"),
    "seniors": ("65+", "od 65", "seniors"),
    "income_per_person": ("dochod na osobe", "dochod", "income_per_person"),
    "reasons": ("przyczyny", "powody", "reasons"),
    "target_groups": ("grupy", "grupy docelowe", "target_groups"),
    "statement_on": ("oswiadczenie", "data oswiadczenia", "statement_on"),
}
REQUIRED = ("number", "pesel", "issued_on", "income_per_person", "reasons")
REASONS = {fold(str(label)): code for code, label in Reason.choices} | {
    "ubostwo": "poverty", "sieroctwo": "orphanhood", "bezdomnosc": "homelessness",
    "bezrobocie": "unemployment", "niepelnosprawnosc": "disability", "choroba": "illness",
    "przemoc": "violence", "wielodzietnosc": "maternity", "bezradnosc": "helplessness",
    "alkoholizm": "addiction", "narkomania": "addiction", "kleska": "disaster",
    **{code: code for code in Reason.values}}
GROUPS = {fold(str(label)): code for code, label in TargetGroup.choices} | {
    "bezdomni": "homeless", "niepelnosprawni": "disability", "migranci": "migrants",
    "wielodzietni": "large_family", **{code: code for code in TargetGroup.values}}


@dataclass
class Row:
    line: int
    referral: Referral | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    rows: list[Row]
    unknown_columns: list[str]
    imported: int = 0

    @property
    def errors(self) -> list[Row]:
        return [r for r in self.rows if r.errors]


def _date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _codes(text: str, known: dict[str, str]) -> tuple[list[str], list[str]]:
    found, unknown = [], []
    for part in text.replace("|", ",").replace(";", ",").split(","):
        key = fold(part.strip())
        if key:
            (found if key in known else unknown).append(known.get(key, part.strip()))
    return sorted(set(found)), unknown


def _row(values: dict[str, str], subprogramme: SubProgramme, persons: dict[str, Person],
         centre: str) -> tuple[Referral | None, list[str]]:
    errors = [_("missing: %(column)s") % {"column": c} for c in REQUIRED if not values.get(c)]
    if errors:
        return None, errors
    person = persons.get(values["pesel"].strip())
    if person is None:
        return None, [_("no registered person with this PESEL in your households")]
    data = {}
    for name in ("issued_on", "valid_until", "statement_on"):
        if values.get(name):
            try:
                data[name] = _date(values[name])
            except ValueError:
                errors.append(_("not a date: %(value)s") % {"value": values[name]})
    for name in ("females", "males", "children", "seniors"):
        text = (values.get(name) or "0").strip()
        if not text.isdigit():
            errors.append(_("not a whole number: %(value)s") % {"value": text})
        data[name] = int(text) if text.isdigit() else 0
    try:
        data["income_per_person"] = finite_decimal(values["income_per_person"])
    except ValueError:
        errors.append(_("not an amount: %(value)s") % {"value": values["income_per_person"]})
    data["reasons"], bad = _codes(values["reasons"], REASONS)
    data["target_groups"], bad_groups = _codes(values.get("target_groups", ""), GROUPS)
    errors += [_("unknown reason: %(value)s") % {"value": v} for v in bad]
    errors += [_("unknown target group: %(value)s") % {"value": v} for v in bad_groups]
    if errors:
        return None, errors
    if "valid_until" not in data:  # the programme's default: to the end of the sub-programme
        data["valid_until"] = subprogramme.ends_on
    return Referral(number=values["number"].strip()[:40], subprogramme=subprogramme,
                    issuing_centre=(values.get("issuing_centre") or centre).strip()[:160],
                    household_id=person.household_id, person=person, **data), []


def read(user, content: str, subprogramme: SubProgramme, centre: str) -> Report:
    """Every row parsed and checked (eligibility included); nothing saved."""
    parsed: list[tuple[int, list[str]]] = []
    try:
        for record in _records(content.lstrip("\ufeff")):
            parsed.append(record)
    except csv.Error as exc:  # e.g. a field over 128 KiB: the line after the last one read
        line = parsed[-1][0] + 1 if parsed else 1
        return Report([Row(line, None, [_(
            "Line %(line)s cannot be read as CSV (%(error)s). Save the sheet again as CSV"
            " and check that line.") % {"line": line, "error": exc}])], [])
    if not parsed:
        return Report([], [])
    records = iter(parsed)
    _first, header = next(records)
    mapping, unknown = {}, []
    for index, raw in enumerate(header):
        key = fold(raw).replace("_", " ").strip()
        column = next((c for c, names in COLUMNS.items()
                       if key in names or key.replace(" ", "_") in names), None)
        if column:
            mapping[index] = column
        elif key:
            unknown.append(raw)
    lines = [(line, {mapping[i]: c for i, c in enumerate(cells) if i in mapping})
             for line, cells in records if any(c.strip() for c in cells)]
    pesels = {v.get("pesel", "").strip() for _line, v in lines} - {""}
    persons = {p.pesel: p for p in visible_persons(user).filter(pesel__in=pesels)}
    rows, numbers = [], set()
    for line, values in lines:
        referral, errors = _row(values, subprogramme, persons, centre)
        if referral is not None:
            try:
                services.validate(referral)
                result = services.check(subprogramme, referral.issued_on, referral.persons,
                                        referral.income_per_person)
                if not result.ok:
                    errors.append(result.message)
            except services.FoodAidError as exc:
                errors.append(exc.message)
            if referral.number in numbers:
                errors.append(_("the referral number repeats in the file"))
            numbers.add(referral.number)
        rows.append(Row(line, referral, errors))
    taken = set(Referral.objects.filter(subprogramme=subprogramme, number__in=numbers)
                .values_list("number", flat=True))
    for row in rows:
        if row.referral is not None and row.referral.number in taken:
            row.errors.append(_("already registered in this sub-programme"))
    return Report(rows, unknown)


def run(actor, content: str, subprogramme: SubProgramme, centre: str) -> Report:
    """Import the whole list, or nothing when any row has an error (the report says which)."""
    report = read(actor, content, subprogramme, centre)
    if report.errors or not report.rows:
        return report
    with transaction.atomic():
        for row in report.rows:
            services.create_referral(actor, row.referral)
    report.imported = len(report.rows)
    return report
