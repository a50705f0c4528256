"""Funding: sponsors add to a session's covered costs in the report, the thank-you
letter is a PDF naming the sponsor, and the wyprawka goes through the stock ledger
(reserved for the child, handed over at the bus check-in)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from backend.camps import funding, qualification, selectors, services
from backend.camps.models import Sponsorship
from backend.common.errors import ServiceError
from backend.distribution.models import ParticipantGift
from backend.inventory import services as stock
from backend.inventory.models import Balance, Category, Item, Location
from backend.people.models import Donor

from .conftest import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def donor():
    return Donor.objects.create(name="Piekarnia Kłos sp. z o.o.", kind="organisation",
                                address="ul. Piotrkowska 1, 90-001 Łódź")


@pytest.fixture
def sleeping_bag(site):
    shelf = stock.create_location(None, site, "Magazyn", Location.Kind.WAREHOUSE)
    bag = Item.objects.create(name="Śpiwór", category=Category.objects.create(name="Wyprawka"),
                              unit="szt")
    stock.create_lot(None, bag, shelf, 2)
    return bag


def test_sponsorship_adds_to_the_covered_costs(camp, session, coordinator, children, donor):
    for kid in children(2):
        apply(coordinator, camp, kid, [session])
    qualification.qualify(coordinator, camp, seed="s")
    before = selectors.report(camp)["sessions"][0]
    funding.add_sponsorship(coordinator, session, donor, amount=Decimal("150.50"),
                            places=1, purpose="śpiwory")
    after = selectors.report(camp)["sessions"][0]
    assert after["donations"] == Decimal("150.50")
    assert after["covered"] == before["covered"] + Decimal("150.50")
    assert after["gap"] == before["gap"] - Decimal("150.50")
    assert selectors.report(camp)["total"]["places_funded"] == 1
    with translation.override("en"):
        header, row = selectors.report_rows(camp)[:2]
    assert row[header.index("sponsors' donations")] == Decimal("150.50")
    with pytest.raises(ServiceError):
        funding.add_sponsorship(coordinator, session, donor)  # nothing given


def test_outfit_reserved_in_the_ledger_and_handed_over_at_the_bus(
        camp, session, coordinator, children, sleeping_bag):
    kid = children(1)[0]
    application = apply(coordinator, camp, kid, [session])
    with pytest.raises(ServiceError):  # not qualified yet
        funding.reserve_outfit(coordinator, application, sleeping_bag)
    qualification.qualify(coordinator, camp, seed="s")
    application.refresh_from_db()
    funding.reserve_outfit(coordinator, application, sleeping_bag)
    balance = Balance.objects.get(lot__item=sleeping_bag)
    assert (balance.quantity, balance.reserved) == (2, 1)
    outcome = services.check_in(coordinator, session, code=application.participant.code,
                                nonce="bus-1")
    assert outcome.ok and outcome.lines[0]["item"] == "Śpiwór"
    balance.refresh_from_db()
    assert (balance.quantity, balance.reserved) == (1, 0)
    assert ParticipantGift.objects.get().status == ParticipantGift.Status.HANDED_OVER
    with pytest.raises(ServiceError):  # already on the bus: nothing more reserved
        funding.reserve_outfit(coordinator, application, sleeping_bag)
    # more than in stock is refused by the ledger
    other = apply(coordinator, camp, children(1, prefix="603")[0], [session])
    qualification.qualify(coordinator, camp, seed="t")
    other.refresh_from_db()
    with pytest.raises(ServiceError):
        funding.reserve_outfit(coordinator, other, sleeping_bag, Decimal("5"))


def test_funding_page_records_a_sponsor_and_prints_the_letter(client_for, camp, session,
                                                               donor, tmp_path):
    client = client_for("coordinator")
    url = reverse("camps:funding", args=[camp.pk])
    assert client.get(url).status_code == 200
    client.post(reverse("camps:funding_action", args=[camp.pk, "sponsor"]), {
        "session": session.pk, "donor": donor.pk, "amount": "1 000,00", "places": "2",
        "purpose": "plecaki"})
    sponsorship = Sponsorship.objects.get()
    assert (sponsorship.amount, sponsorship.places) == (Decimal("1000.00"), 2)
    page = client.get(url).content.decode()
    assert "Piekarnia Kłos" in page and "plecaki" in page
    pdf = client.get(reverse("camps:thank_you", args=[camp.pk, sponsorship.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    (tmp_path / "letter.pdf").write_bytes(pdf.content)
    report = client.get(reverse("camps:report", args=[camp.pk])).content.decode()
    assert 'data-testid="total-donations">1' in report
    assert client_for("volunteer").get(url).status_code == 403
