"""SMS screens and API: who may see them, and the coordinator's flow end to end."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.notifications import dispatch, services
from backend.notifications.models import OptOut, OutboxMessage, SmsBatch, SmsTemplate

A, C, S, W, V, R = (roles.ADMINISTRATOR, roles.COORDINATOR, roles.SOCIAL_WORKER,
                    roles.WAREHOUSE_VOLUNTEER, roles.VOLUNTEER, roles.VIEWER)
ALL = {A, C, S, W, V, R}
PAGES = [
    ("notifications:template_list", {A, C}), ("notifications:template_create", {A, C}),
    ("notifications:sandbox", {A, C}), ("notifications:batch_list", {A, C}),
    ("notifications:batch_create", {A, C}), ("notifications:inbox", {A, C}),
]
API = ["/api/v1/sms/templates/", "/api/v1/sms/batches/", "/api/v1/sms/messages/",
       "/api/v1/sms/opt-outs/"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,allowed", PAGES, ids=[p[0] for p in PAGES])
def test_pages_by_role(client, users, role, name, allowed):
    client.force_login(users[role])
    assert client.get(reverse(name)).status_code == (200 if role in allowed else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
def test_timeline_by_role(client, users, make_household, role):
    person = make_household().members.get()
    client.force_login(users[role])
    response = client.get(reverse("notifications:person_timeline", args=[person.pk]))
    assert response.status_code == (200 if role in {A, C, S} else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("url", API)
def test_api_by_role(users, role, url):
    api = APIClient()
    api.force_authenticate(users[role])
    assert api.get(url).status_code == (200 if role in {A, C} else 403)


@pytest.mark.django_db
def test_volunteers_do_not_see_the_sms_module_in_the_menu(client, users):
    client.force_login(users[V])
    assert reverse("notifications:batch_list") not in client.get("/").content.decode()
    client.force_login(users[C])
    assert reverse("notifications:batch_list") in client.get("/").content.decode()


@pytest.mark.django_db
def test_api_opt_out_normalises_the_phone(users):
    api = APIClient()
    api.force_authenticate(users[C])
    response = api.post("/api/v1/sms/opt-outs/", {"phone": "601 234 567"}, format="json")
    assert response.status_code == 201 and OptOut.objects.get().phone == "+48601234567"
    template = api.post("/api/v1/sms/templates/", {
        "code": "t", "name": "T", "language": "pl", "body": "Zażółć", "transliterate": False},
        format="json").json()
    assert template["encoding"] == "UCS-2" and template["segments"] == 1


@pytest.mark.django_db
def test_live_analysis_while_typing(client, users):
    client.force_login(users[C])
    body = "Dzień dobry {first_name}, zapraszamy po odbiór paczki " * 2
    html = client.post(reverse("notifications:analyse"), {"body": body}).content.decode()
    assert "UCS-2" in html and "Stanisław" in html
    html = client.post(reverse("notifications:analyse"),
                       {"body": body, "transliterate": "on"}).content.decode()
    assert "GSM-7" in html and "Stanislaw" in html


@pytest.mark.django_db
def test_coordinator_flow_template_batch_sandbox_stop(client, users, make_household):
    """Writes a template with Polish letters (2 segments), ticks 'bez polskich znaków'
    (1 segment), sends to 30 people (one landline skipped), STOP opts one out."""
    client.force_login(users[C])
    body = ("Dzień dobry {first_name}! Zapraszamy po odbiór paczki żywnościowej w sobotę "
            "12.12 w godz. 10-12, ul. Zgierska 221.")
    assert services.render(body, {"first_name": "Stanisław"})
    response = client.post(reverse("notifications:template_create"), {
        "code": "paczka", "name": "Paczka", "language": "pl", "body": body})
    assert response.status_code == 302
    template = SmsTemplate.objects.get(code="paczka")
    html = client.post(reverse("notifications:analyse"), {"body": body}).content.decode()
    assert "Segmenty: 2" in html or "Segments: 2" in html
    html = client.post(reverse("notifications:analyse"),
                       {"body": body, "transliterate": "on"}).content.decode()
    assert "Segmenty: 1" in html or "Segments: 1" in html
    template.transliterate = True
    template.save()
    for i in range(29):
        make_household(f"Nowak{i}", phone=f"+486012340{i:02d}")
    make_household("Stacjonarny", phone="+48426384000")
    query = {"sms_consent": "true", "name": "Paczki grudzień", "template": template.pk}
    preview = client.get(reverse("notifications:batch_create"), query).content.decode()
    assert "30" in preview
    unconfirmed = client.post(reverse("notifications:batch_create"), query)
    assert unconfirmed.status_code == 302 and not SmsBatch.objects.exists()  # asks first
    response = client.post(reverse("notifications:batch_create"), {**query, "confirmed": "1"})
    batch = SmsBatch.objects.get()
    assert response.status_code == 302 and batch.messages.count() == 30
    dispatch.dispatch_pass()
    assert batch.messages.filter(status="sent").count() == 29
    landline = batch.messages.get(status="skipped_not_mobile")
    assert landline.reason.startswith("To nie jest numer komórkowy")
    detail = client.get(reverse("notifications:batch_detail", args=[batch.pk])).content.decode()
    assert "To nie jest numer komórkowy" in detail
    sandbox = client.get(reverse("notifications:sandbox")).content.decode()
    assert "Stanislaw" in sandbox or "Nowak" in sandbox
    progress = client.get(reverse("notifications:batch_detail", args=[batch.pk]),
                          HTTP_HX_REQUEST="true").content.decode()
    assert 'value="30"' in progress
    csv = client.get(reverse("notifications:batch_unreachable", args=[batch.pk]))
    assert "426 384 000" in csv.content.decode("utf-8-sig") or "42 638 40 00" in \
        csv.content.decode("utf-8-sig")
    # A simulated STOP from the sandbox opts that person out; the next batch skips them.
    client.post(reverse("notifications:simulate_reply"), {"phone": "601 234 000",
                                                          "body": "STOP"})
    assert OptOut.objects.filter(phone="+48601234000").exists()
    client.post(reverse("notifications:batch_create"), {**query, "name": "Styczeń",
                                                        "confirmed": "1"})
    dispatch.dispatch_pass()
    second = SmsBatch.objects.get(name="Styczeń")
    assert second.messages.filter(status="skipped_opted_out").count() == 1
    assert second.messages.filter(status="sent").count() == 28
    # The delivery report simulation goes through the same status service.
    sent = second.messages.filter(status="sent").first()
    client.post(reverse("notifications:simulate_status", args=[sent.pk]),
                {"status": "delivered"})
    sent.refresh_from_db()
    assert sent.status == OutboxMessage.Status.DELIVERED
    person = sent.person
    timeline = client.get(reverse("notifications:person_timeline", args=[person.pk]))
    assert timeline.status_code == 200 and sent.body in timeline.content.decode()


@pytest.mark.django_db(transaction=True)
def test_bench_sms_prints_figures_and_no_duplicates(capsys):
    import json

    from django.core.management import call_command

    call_command("bench", "sms", "--messages", "200", "--in-place")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()
             if line.startswith("{")]
    figures = {line["benchmark"]: line for line in lines}
    assert figures["sms.enqueue"]["messages"] == 200
    assert figures["sms.dispatch"]["duplicates"] == 0
    assert figures["sms.dispatch"]["received_by_fake_twilio"] == 200


@pytest.mark.django_db
def test_demo_templates_load_idempotently():
    from backend.notifications import demo

    first = demo.load()
    assert demo.load()["sms_templates"] == first["sms_templates"]
    assert SmsTemplate.objects.filter(code="help").exists()


@pytest.mark.django_db
def test_batch_page_says_when_quiet_hours_hold_messages(client, users, make_household,
                                                        settings):
    settings.SMS_QUIET_HOURS = "00:00-00:00"  # an empty window: always quiet
    template = SmsTemplate.objects.create(code="n", name="n", body="Hej")
    batch = services.create_batch(name="Noc", persons=[make_household().members.get()],
                                  template=template)
    assert dispatch.dispatch_pass().sent == 0
    client.force_login(users[C])
    html = client.get(reverse("notifications:batch_detail", args=[batch.pk])).content.decode()
    assert "Cisza nocna" in html


@pytest.mark.django_db
def test_people_without_a_phone_are_listed_before_sending(client, users, make_household):
    make_household("Beztelefonu", phone="")
    make_household("Ztelefonem", phone="+48601234567")
    client.force_login(users[C])
    page = client.get(reverse("notifications:batch_create")).content.decode()
    assert "export=no_phone" in page
    csv = client.get(reverse("notifications:batch_create"), {"export": "no_phone"})
    text = csv.content.decode("utf-8-sig")
    assert "Beztelefonu" in text and "Ztelefonem" not in text
