"""Partners: what the centre shares (recorded), the partner's own point cut to that share
(the role matrix: a partner with "code" sees pickup codes and first names only), and a drive
ending in a transfer: the goods leave the ledger, a protocol, the public page says where."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from backend.accounts import roles
from backend.accounts.models import AuditEntry, Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.donations.models import Donation, DonationLine
from backend.drives import services as drives
from backend.drives.models import Drive, Target
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location, Movement
from backend.inventory.selectors import stock_check
from backend.partners import services
from backend.partners.models import Partner, Share


@pytest.fixture
def point(db):
    return Site.objects.create(name="Parafia Retkinia", kind=Site.Kind.PICKUP_POINT,
                               street="ul. Armii Krajowej 32", postal_code="94-046",
                               city="Łódź")


@pytest.fixture
def partner(point, make_user):
    partner = Partner.objects.create(name="Caritas parafii św. Józefa", kind="parish",
                                     address="ul. Armii Krajowej 32, Łódź", point=point)
    partner.users.add(make_user(roles.PARTNER, "caritas"))
    return partner


@pytest.fixture
def booked(point, coordinator, make_household):
    food = Category.objects.create(name="Żywność")
    rice = Item.objects.create(name="Ryż", category=food, unit="kg")
    site = Site.objects.create(name="Magazyn", kind=Site.Kind.WAREHOUSE, street="ul. A 1",
                               postal_code="90-001", city="Łódź")
    shelf = stock.create_location(None, site, "Hala", Location.Kind.WAREHOUSE)
    drive = drives.create_drive(coordinator, name="Paczki", kind="food", sites=[point],
                                distribution_start=timezone.localdate())
    drives.save_target(coordinator, drive, Target(item=rice, quantity=10, amount=2))
    stock.create_lot(None, rice, shelf, 20)
    household = make_household("Wiśniewska", "Halina", street="ul. Tajna", phone="+48601000111")
    drives.enrol_households(coordinator, drive, [household])
    drives.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=point,
                              date=timezone.localdate(), start=dt.time(8), end=dt.time(20),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    return Enrolment.objects.get(distribution=drive.distribution)


def test_share_levels_cut_what_the_partner_sees_and_each_change_is_recorded(
        client, partner, booked, coordinator):
    client.force_login(partner.users.get())
    url = reverse("partners:my_point")
    page = client.get(url).content.decode()
    assert booked.pickup_code not in page and "Halina" not in page  # none by default
    client.force_login(coordinator)
    client.post(reverse("partners:detail", args=[partner.pk]),
                {"access": "code", "why": "umowa o współpracy 3/2026"})
    client.force_login(partner.users.get())
    page = client.get(url).content.decode()
    assert booked.pickup_code in page and "Halina" in page
    assert "Wiśniewska" not in page and "Tajna" not in page and "601000111" not in page
    services.set_access(coordinator, partner, "full", "wydawanie z dowozem")
    page = client.get(url).content.decode()
    assert "Wiśniewska" in page and "Tajna" in page
    assert list(Share.objects.values_list("previous", "access")) == [("code", "full"),
                                                                     ("none", "code")]
    assert AuditEntry.objects.filter(object_id=str(partner.pk),
                                     changes__access=["none", "code"]).exists()


@pytest.mark.parametrize("role,status", [(roles.PARTNER, 403), (roles.VOLUNTEER, 403),
                                         (roles.COORDINATOR, 200)])
def test_partner_log_in_cannot_open_the_centres_lists(client, make_user, role, status,
                                                      partner):
    client.force_login(make_user(role, f"x-{role}"))
    assert client.get(reverse("partners:detail", args=[partner.pk])).status_code == status
    assert client.get(reverse("people:household_list")).status_code == (
        403 if role != roles.COORDINATOR else 200)


def test_partner_records_a_hand_over_at_its_point(partner, booked, coordinator, point):
    drive = Drive.objects.get(distribution=booked.distribution)
    while drive.status != Drive.Status.DISTRIBUTING:
        drive = drives.advance(coordinator, drive)
    outcome = engine.hand_over(partner.users.get(), booked, nonce="p-1", site=point)
    assert outcome.ok


def test_drive_ends_in_a_transfer_with_a_protocol_and_a_public_note(client, coordinator,
                                                                    partner, site):
    food = Category.objects.create(name="Dary")
    blanket = Item.objects.create(name="Koc", category=food, unit="szt")
    shelf = stock.create_location(None, site, "Regał", Location.Kind.WAREHOUSE)
    drive = drives.create_drive(coordinator, name="Akcja Afganistan", kind="other",
                                sites=[site], public_progress=True)
    donation = Donation.objects.create(date=timezone.localdate(), site=site, drive_id=drive.pk,
                                       created_by=coordinator)
    lot = stock.create_lot(coordinator, blanket, shelf, 40, ref=donation)
    DonationLine.objects.create(donation=donation, item=blanket, quantity=40, lot=lot,
                                location=shelf)
    client.force_login(coordinator)
    url = reverse("partners:transfer", args=[drive.pk])
    preview = client.post(url, {"partner": partner.pk})  # not confirmed: nothing moves
    assert preview.status_code == 200 and not Movement.objects.filter(kind="issue").exists()
    done = client.post(url, {"partner": partner.pk, "confirmed": "1"})
    assert done.status_code == 302
    record = partner.transfers.get()
    assert record.lines == [{"item": "Koc", "unit": "szt", "quantity": "40.000"}]
    assert Movement.objects.get(kind="issue").quantity == Decimal("40")
    assert stock_check() == []
    drive.refresh_from_db()
    assert drive.status == Drive.Status.CLOSED
    pdf = client.get(reverse("partners:protocol", args=[record.pk]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Protokół przekazania" in text and "Caritas" in text
    assert "Koc" in text and "40" in text and "szt." in text
    client.logout()
    public = client.get(reverse("drives:public_progress", args=[drive.pk])).content.decode()
    assert "Caritas parafii św. Józefa" in public
    with pytest.raises(services.PartnerError):
        services.transfer(coordinator, drive, partner)


def test_transfer_moves_every_lot_and_location_of_a_donation_line(coordinator, partner, site):
    """A line of individual units is one lot per piece (the line keeps only the first), and
    a bulk lot moved in part to another shelf has two balances: all of it leaves the ledger."""
    from backend.donations.services import LineInput, create_donation

    gifts = Category.objects.create(name="Dary")
    stroller = Item.objects.create(name="Wózek", category=gifts, unit="szt", individual=True)
    blanket = Item.objects.create(name="Koc", category=gifts, unit="szt")
    shelf = stock.create_location(None, site, "Regał", Location.Kind.WAREHOUSE)
    annex = stock.create_location(None, site, "Aneks", Location.Kind.WAREHOUSE)
    drive = drives.create_drive(coordinator, name="Akcja Afganistan", kind="other",
                                sites=[site])
    create_donation(coordinator, site=site, date=timezone.localdate(), drive_id=drive.pk,
                    lines=[LineInput(item=stroller, quantity=Decimal(3), location=shelf),
                           LineInput(item=blanket, quantity=Decimal(40), location=shelf)])
    blanket_lot = DonationLine.objects.get(item=blanket).lot
    stock.move(coordinator, blanket_lot, shelf, annex, 15)
    unrelated = stock.create_lot(None, blanket, shelf, 7)  # not the drive's: stays

    record = services.transfer(coordinator, drive, partner)

    assert sorted((line["item"], line["quantity"]) for line in record.lines) == [
        ("Koc", "40.000"), ("Wózek", "3.000")]
    issued = Movement.objects.filter(kind="issue")
    assert issued.filter(lot__item=stroller).count() == 3
    assert sorted(issued.filter(lot=blanket_lot).values_list("quantity", flat=True)) == [
        Decimal("15"), Decimal("25")]
    assert not services.transferable(drive)
    assert unrelated.balances.get().quantity == Decimal("7")
    assert stock_check() == []
