"""Request-level flows: the parents' public form and its verification, the bus SMS with
a confirmation first, the qualification card PDF and the signed scan, the report CSV, a
volunteer shift at the bus."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backend.camps import qualification, services
from backend.camps.models import Application
from backend.distribution.models import Participant
from backend.notifications.models import OutboxMessage

from .conftest import apply

pytestmark = pytest.mark.django_db


def test_public_form_is_limited_per_address(client, camp, session, children, settings):
    """Issue 9 §3: every public form counts on the shared limiter (the 3rd from one address
    in the hour is refused; another address is not)."""
    settings.CAMPS_PUBLIC_APPLICATIONS_PER_HOUR = 2
    kid = children(1)[0]
    url = reverse("camps:public_apply", args=[camp.pk])
    data = {"parent_name": "Anna Nowak", "parent_phone": "602 000 000",
            "child_first_name": kid.first_name, "child_birth_date": str(kid.birth_date),
            "preferences": [session.pk], "consent_data": "on"}
    codes = [client.post(url, data, REMOTE_ADDR="203.0.113.5").status_code for _ in range(3)]
    assert codes == [200, 200, 429] and Application.objects.count() == 2
    assert client.post(url, data, REMOTE_ADDR="203.0.113.6").status_code == 200


def test_public_form_then_a_social_worker_verifies(client, client_for, camp, session,
                                                   children):
    kid = children(1)[0]
    url = reverse("camps:public_apply", args=[camp.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "parent_name": "Anna Nowak", "parent_phone": "602 000 000",
        "child_first_name": kid.first_name, "child_birth_date": str(kid.birth_date),
        "preferences": [session.pk], "first_time": "on", "consent_data": "on"})
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.status == "submitted" and application.parent_phone == "+48602000000"
    qualification.qualify(None, camp, seed="p")  # an unverified one never qualifies
    assert not Participant.objects.exists()
    worker = client_for("social_worker")
    worker.post(reverse("camps:application_action", args=[camp.pk, application.pk,
                                                          "verify"]), {"child": kid.pk})
    application.refresh_from_db()
    assert application.status == "verified" and application.child == kid


def test_bus_sms_asks_first_then_goes_to_parents_of_children_on_board(
        client_for, camp, session, coordinator, children):
    kids = children(2)
    for kid in kids:
        apply(coordinator, camp, kid, [session])
    qualification.qualify(coordinator, camp, seed="b")
    first = Participant.objects.order_by("pk").first()
    assert services.check_in(None, session, code=first.code, nonce="n1").ok
    client = client_for("coordinator")
    url = reverse("camps:bus_notice", args=[camp.pk, session.pk, "departure"])
    preview = client.post(url)
    assert b"confirm-button" in preview.content
    assert not OutboxMessage.objects.filter(purpose="camp_departure").exists()
    client.post(url, {"confirmed": "1"})
    sent = list(OutboxMessage.objects.filter(purpose="camp_departure"))
    assert [m.person_id for m in sent] == [first.contact_id]
    client.post(reverse("camps:bus_notice", args=[camp.pk, session.pk, "return"]),
                {"confirmed": "1", "eta": "17:30"})
    back = OutboxMessage.objects.filter(purpose="camp_return")  # not to who did not go
    assert [m.person_id for m in back] == [first.contact_id] and "17:30" in back.first().body


def test_card_pdf_signed_scan_and_report_csv(client_for, camp, session, coordinator,
                                             children):
    application = apply(coordinator, camp, children(1)[0], [session])
    qualification.qualify(coordinator, camp, seed="c")
    client = client_for("coordinator")
    pdf = client.get(reverse("camps:card_pdf", args=[camp.pk, application.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.post(reverse("camps:application_action", args=[camp.pk, application.pk, "health"]),
                {"diet": "bez laktozy", "signed_scan": SimpleUploadedFile(
                    "karta.pdf", b"%PDF-1.4 podpisana", content_type="application/pdf")})
    application.refresh_from_db()
    assert application.card_signed and application.health.signed_at
    assert application.health.diet == "bez laktozy"
    scan = client.get(reverse("camps:signed_scan", args=[camp.pk, application.pk]))
    assert scan.content == b"%PDF-1.4 podpisana"
    # health data is never a file the media server hands out: outside MEDIA_ROOT, a random
    # name (not the uploaded one), no URL; only the view above, with its permission
    from pathlib import Path

    from django.conf import settings

    stored = Path(application.health.signed_scan.path).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in stored.parents
    assert "karta" not in stored.name and stored.read_bytes() == b"%PDF-1.4 podpisana"
    with pytest.raises(ValueError):
        application.health.signed_scan.url  # noqa: B018
    worker = client_for("social_worker")
    assert worker.get(reverse("camps:signed_scan", args=[camp.pk, application.pk])
                      ).status_code == 403
    csv = client.get(reverse("camps:report", args=[camp.pk]) + "?export=csv")
    text = csv.content.decode("utf-8-sig")
    assert "Turnus I" in text and "1800" in text.replace(",", ".").replace(".00", "")


def test_a_volunteer_shift_at_the_bus_belongs_to_the_session(client_for, camp, session):
    from backend.camps.shifts import shifts_for

    client_for("coordinator").post(reverse("camps:shift", args=[camp.pk, session.pk]))
    [shift] = shifts_for(session)
    assert shift.kind == "camp" and shift.programme == session and shift.with_children
