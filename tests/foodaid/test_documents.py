"""The printed FEPŻ records carry the programme's columns and the right rows."""

import io

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from backend.distribution import services as engine
from backend.foodaid import services
from backend.foodaid.models import Workshop

from .conftest import ready_to_hand_over, referral_of


def _text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_handout_record_summary_and_attendance(client, fepz_drive, coordinator, site,
                                               make_household, programmes):
    household = make_household("Kowalska", "Anna")
    services.create_referral(coordinator, referral_of(household, programmes["new"],
                                                      number="FEPZ/77"))
    [enrolment] = ready_to_hand_over(fepz_drive, coordinator, site, [household])
    engine.hand_over(coordinator, enrolment, nonce="doc-1", site=site)
    client.force_login(coordinator)
    today = timezone.localdate()
    url = reverse("foodaid:documents")
    record = _text(client.get(url, {"doc": "handouts", "site": site.pk,
                                    "day": today.isoformat()}))
    for text in ("Ewidencja wydanej żywności", "Anna Kowalska", "FEPZ/77", "Ryż biały 4 kg",
                 "Olej rzepakowy 2 l", "Podpis", "Nr skierowania"):
        assert text in record, text
    monthly = _text(client.get(url, {"doc": "summary", "subprogramme": programmes["new"].pk,
                                     "month": today.strftime("%Y-%m")}))
    assert "Zestawienie miesięczne" in monthly and "Ryż biały" in monthly
    assert "Gospodarstw domowych: 1; osób: 2" in monthly
    final = _text(client.get(url, {"doc": "summary", "subprogramme": programmes["new"].pk}))
    assert "Zestawienie końcowe" in final
    workshop = Workshop.objects.create(subprogramme=programmes["new"], title="Gotujemy zdrowo",
                                       date=today, site=site)
    attendance = _text(client.get(reverse("foodaid:attendance", args=[workshop.pk])))
    assert "Lista obecności: Gotujemy zdrowo" in attendance and "Anna Kowalska" in attendance
