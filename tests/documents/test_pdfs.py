"""Printed documents read as a centre would file them (issue 12): rendered to text."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from backend.donations.services import LineInput, create_donation
from backend.drives import documents, services
from backend.inventory import labels
from backend.inventory.labels import Label

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def centre(settings):
    settings.CENTRE_NAME = "Miejski Ośrodek Pomocy Społecznej w Łodzi"
    settings.CENTRE_ADDRESS = "ul. Piotrkowska 100, 90-001 Łódź"
    settings.CENTRE_PHONE = "42 123 45 67"


@pytest.fixture
def committed(drive, store, site, households, coordinator):
    create_donation(coordinator, site=store["site"], date=dt.date(2026, 11, 20),
                    lines=[LineInput(store["rice"], Decimal("40"), store["shelf"])],
                    drive_id=drive.pk)
    services.advance(coordinator, drive)
    homes = households(3, members=1)
    services.enrol_households(coordinator, drive, homes)
    services.commit(coordinator, drive)
    return drive


def test_distribution_list_one_row_per_household_with_totals_and_checksum(committed, centre):
    pdf = documents.distribution_list_pdf(committed)
    text = text_of(pdf)
    assert "Miejski Ośrodek Pomocy Społecznej w Łodzi" in text
    assert "Zbiórka żywności 2026" in text
    for i in range(3):
        assert text.count(f"Nowak{i}") == 1  # one row per household, not one per item
    assert "Ryż" in text and "Razem" in text and "12 kg" in text  # 3 × 2 persons × 2 kg
    assert "Wydał(a)" in text and "strona 1 z 1" in text and "suma kontrolna" in text
    assert "Podpis" in text
    assert documents.distribution_list_pdf(committed) == pdf  # regenerates identically


def test_label_keeps_the_full_expiry_date_with_the_longest_name():
    name = "Mleko UHT 3,2% bez laktozy w kartonie z zakrętką — opakowanie zbiorcze 12 × 1 l" * 2
    pdf = labels.label_sheet([Label("https://x.test/q/ABC", "P-7Q4K2M", name[:200], "1 234 szt.",
                                    "ważne do 30.06.2027 · 26.11.2026")], grid="3x8")
    text = text_of(pdf)
    assert "30.06.2027" in text and "26.11.2026" in text
    assert "P-7Q4K2M" in text and "1 234 szt." in text


def test_donation_receipt_has_the_centre(store, site, coordinator, centre):
    from backend.donations.receipt import receipt_pdf

    donation = create_donation(coordinator, site=store["site"], date=dt.date(2026, 11, 20),
                               lines=[LineInput(store["rice"], Decimal("5"), store["shelf"])])
    text = text_of(receipt_pdf(donation))
    assert "Miejski Ośrodek Pomocy Społecznej w Łodzi" in text
    assert "ul. Piotrkowska 100, 90-001 Łódź" in text and "42 123 45 67" in text
    assert donation.number in text and "Ryż" in text
