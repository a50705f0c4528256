"""Every CSV export goes through backend.common.exports: formulas from public forms or
imported files come out as text (`'=...`), never as something a spreadsheet runs."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backend.common import exports
from backend.drives import services as drive_services
from backend.exchange import services as exchange_services
from backend.exchange.models import Offer
from backend.people.models import Person
from tests.drives.conftest import drive, households, store  # noqa: F401

HYPERLINK = '=HYPERLINK("http://evil.example/x","Kliknij")'
SUM = "=1+1"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def cells(response) -> list[str]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "every export starts with the BOM"
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows, "the export is empty"
    return [cell for row in rows for cell in row]


def assert_no_formula(all_cells, *expected):
    for cell in all_cells:
        assert not cell.startswith(DANGEROUS) or NUMBER.match(cell), f"formula cell: {cell!r}"
    for text in expected:
        assert any(cell.startswith("'" + text) for cell in all_cells), f"{text!r} not exported"


@pytest.mark.parametrize(("value", "expected"), [
    (HYPERLINK, "'" + HYPERLINK), (SUM, "'=1+1"), ("+48601", "'+48601"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Nowak", "Nowak"),
    (None, ""), (-2, -2), (Decimal("-1.5"), Decimal("-1.5")), (True, "True"),
    ("a=b", "a=b"),
])
def test_escape_cell(value, expected):
    assert exports.escape_cell(value) == expected


def test_csv_text_has_bom_and_semicolons():
    assert exports.csv_text([["a", SUM], [1, "ż"]]) == "\ufeffa;'=1+1\r\n1;ż\r\n"


def test_no_csv_writer_outside_the_shared_one():
    root = Path(__file__).resolve().parents[2] / "backend"
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "exports.py" and "migrations" not in path.parts
                 and re.search(r"csv\.(writer|DictWriter)\(", path.read_text())]
    assert offenders == []


@pytest.mark.django_db
def test_household_list_and_no_phone_exports(client, users, make_household):
    make_household(SUM, HYPERLINK, phone="")
    make_household("@Kowalski", "-Jan", phone="+48601234567")
    client.force_login(users["coordinator"])
    listed = cells(client.get(reverse("people:household_list"), {"export": "csv"}))
    assert_no_formula(listed, SUM, "@Kowalski")
    no_phone = cells(client.get(reverse("notifications:batch_create"), {"export": "no_phone"}))
    assert_no_formula(no_phone, HYPERLINK)


@pytest.mark.django_db
def test_public_offer_title_in_the_offers_export(client, users):
    from backend.inventory.models import Category

    category = Category.objects.create(name="Meble")
    exchange_services.create_offer(None, {"category": category, "title": HYPERLINK,
                                          "condition": "good", "donor_name": SUM,
                                          "donor_phone": "+48601234567"},
                                   source=Offer.Source.PUBLIC, consent=True)
    client.force_login(users["coordinator"])
    assert_no_formula(cells(client.get("/exchange/offers/", {"export": "csv"})), HYPERLINK)


@pytest.mark.django_db
def test_sms_unreachable_export(client, users, make_household):
    from backend.notifications import dispatch
    from backend.notifications.models import SmsBatch, SmsTemplate

    make_household(SUM, HYPERLINK, phone="+48426384000")  # a landline: unreachable
    template = SmsTemplate.objects.create(code="t", name="T", language="pl", body="Dzień dobry")
    client.force_login(users["coordinator"])
    client.post(reverse("notifications:batch_create"),
                {"sms_consent": "true", "name": "B", "template": template.pk, "confirmed": "1"})
    batch = SmsBatch.objects.get()
    dispatch.dispatch_pass()
    exported = cells(client.get(reverse("notifications:batch_unreachable", args=[batch.pk])))
    assert_no_formula(exported, HYPERLINK)


@pytest.mark.django_db
def test_drive_list_report_and_drive_list_exports(client, drive, store, households,  # noqa: F811
                                                  coordinator):
    from backend.donations.services import LineInput, create_donation

    store["rice"].name = HYPERLINK
    store["rice"].save()
    create_donation(coordinator, site=store["site"], date=dt.date(2026, 11, 20),
                    lines=[LineInput(store["rice"], Decimal("10"), store["shelf"])],
                    drive_id=drive.pk)
    drive_services.advance(coordinator, drive)
    homes = households(2)
    Person.objects.filter(household=homes[0]).update(first_name=SUM, last_name=SUM)
    homes[0].__class__.objects.filter(pk=homes[0].pk).update(display_name=SUM)
    drive_services.enrol_households(coordinator, drive, homes)
    drive_services.commit(coordinator, drive)
    drive.name = "-Zbiórka"
    drive.save()
    client.force_login(coordinator)
    listed = cells(client.get(reverse("drives:list_pdf", args=[drive.pk]), {"format": "csv"}))
    assert_no_formula(listed, SUM)
    report = cells(client.get(reverse("drives:report", args=[drive.pk]), {"format": "csv"}))
    assert_no_formula(report, HYPERLINK)
    drives = cells(client.get(reverse("drives:list"), {"export": "csv"}))
    assert_no_formula(drives, "-Zbiórka")


@pytest.mark.django_db
def test_import_bad_rows_export(client, users, site):
    client.force_login(users["coordinator"])
    content = ("gospodarstwo;imie;nazwisko;data_urodzenia;pesel;pokrewienstwo;telefon;"
               "zgoda_sms;ulica;nr_domu;nr_mieszkania;kod_pocztowy;miejscowosc;ogrzewanie\n"
               f"C;@Zła;{SUM};;44051401358;;;;;;;;Łódź;\n")
    response = client.post(reverse("people:import_upload"), {
        "site": site.pk,
        "file": SimpleUploadedFile("lista.csv", content.encode(), content_type="text/csv")})
    assert response.status_code == 302, response.content.decode()[:500]
    pk = int(re.search(r"/(\d+)/", response["Location"]).group(1))
    exported = cells(client.get(reverse("people:import_bad_rows", args=[pk])))
    assert_no_formula(exported, SUM, "@Zła")


def test_spreadsheet_export_has_no_formula_cells():
    """The reports' XLSX: a donor or item named like a formula is a text cell, as in CSV
    (openpyxl would store any string starting with `=` as a formula)."""
    from openpyxl import load_workbook

    from backend.reports.exports import xlsx_response
    from backend.reports.selectors import Table

    table = Table("donors", "Darczyńcy", ["Darczyńca", "Ilość"],
                  [[HYPERLINK, Decimal("2")], [SUM, -3], ["@SUM(A1)", 1]], [])
    book = load_workbook(io.BytesIO(xlsx_response([table], "r.xlsx", SUM).content))
    values = [(cell.value, cell.data_type) for row in book.active.iter_rows() for cell in row
              if cell.value is not None]
    assert all(kind != "f" for _value, kind in values), values
    assert ("'" + HYPERLINK, "s") in values and (-3, "n") in values
    assert book.active["A1"].value == "'" + SUM  # the heading, too
