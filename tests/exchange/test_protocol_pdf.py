"""The hand-over protocol carries the centre's name, address and logo (issue 12)."""

import io

import pytest
from pypdf import PdfReader

from backend.exchange import services
from backend.exchange.protocol import protocol_pdf

pytestmark = pytest.mark.django_db


def test_protocol_has_the_centre_and_the_recipient(available_offer, make_request, coordinator,
                                                    settings, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), (20, 90, 160)).save(logo)
    settings.CENTRE_NAME = "Miejski Ośrodek Pomocy Społecznej w Łodzi"
    settings.CENTRE_ADDRESS = "ul. Piotrkowska 100, 90-001 Łódź"
    settings.CENTRE_LOGO = str(logo)
    request = make_request()
    match = services.confirm_match(coordinator, available_offer, request)
    pdf = protocol_pdf(match)
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "Miejski Ośrodek Pomocy Społecznej w Łodzi" in text
    assert "ul. Piotrkowska 100, 90-001 Łódź" in text
    assert "Protokół przekazania" in text and "Kowalska" in text
    assert "strona 1 z 1" in text
    assert reader.pages[0].images, "the logo is drawn"
