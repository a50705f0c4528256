"""Invitations: filters → preview → send; TAK, "TAK 3", NIE; a second answer is harmless."""

import datetime as dt

import pytest
from django.urls import reverse

from backend.distribution.models import Participant
from backend.events import invitations
from backend.events.models import Event, Invitation
from backend.notifications import services as sms
from backend.notifications.models import InboundMessage, OutboxMessage
from backend.people.models import Household

from .conftest import DAY, sent

pytestmark = pytest.mark.django_db
P = Participant.Status


def test_recipients_by_age_and_seniors_alone(event, session, families, make_household):
    kids = families(2)
    make_household("Stary", "Jan", phone="+48602000001")  # born 1950, with nobody else
    adult_only = make_household("Dorosły", "Piotr", phone="+48602000002", members=[
        {"first_name": "Syn", "last_name": "Dorosły", "relation": "child",
         "birth_date": dt.date(DAY.year - 16, 1, 1)}])
    found = set(invitations.candidates(event).values_list("pk", flat=True))
    assert found == {h.pk for h in kids}
    event.for_children, event.for_seniors_alone = False, True
    found = set(invitations.candidates(event).values_list("pk", flat=True))
    assert adult_only.pk not in found and len(found) == 1


def test_preview_then_confirm_sends_through_the_outbox(event, session, families, client,
                                                       coordinator):
    families(3, kids=2)
    client.force_login(coordinator)
    url = reverse("events:invite", args=[event.pk])
    page = client.get(url, {"session": session.pk, "children": "true"})
    assert page.status_code == 200
    preview = page.context["preview"]
    assert (preview.count, preview.persons) == (3, 6)
    assert "Dziecko0, Dziecko1" in preview.sample and preview.segments >= 2
    assert preview.cost == round(preview.segments * 3 * 0.16, 2)
    assert OutboxMessage.objects.count() == 0  # nothing before the confirmation
    client.post(url, {"session": session.pk, "children": "true", "confirm": "1"})
    notices = OutboxMessage.objects.filter(purpose="event_invitation")
    assert notices.count() == 3 and all(n.expects_reply for n in notices)
    client.post(url, {"session": session.pk, "confirm": "1"})  # a double click
    assert notices.count() == 3 and Invitation.objects.count() == 3


def test_tak_tak_n_and_nie(event, session, families, coordinator):
    homes = families(3, kids=3)
    invitations.send(coordinator, event, session, Household.objects.all())
    sent()
    phones = [h.members.get(relation="head").phone for h in homes]
    sms.receive_inbound(phone=phones[0], body="TAK")
    sms.receive_inbound(phone=phones[1], body="tak 2")
    sms.receive_inbound(phone=phones[2], body="Nie")
    by_home = {h.pk: Participant.objects.filter(household=h).count() for h in homes}
    assert by_home == {homes[0].pk: 3, homes[1].pk: 2, homes[2].pk: 0}
    assert Invitation.objects.get(household=homes[2]).status == Invitation.Status.DECLINED
    # The same answer again: the notice is answered, it lands in the inbox, nothing changes.
    sms.receive_inbound(phone=phones[0], body="TAK")
    assert Participant.objects.filter(household=homes[0]).count() == 3
    assert InboundMessage.objects.filter(outcome="other").count() == 1
    # Replaying the invitation's reply (a retried webhook with a new id) changes nothing.
    from backend.events.invitations import on_reply

    on_reply(Invitation.objects.get(household=homes[0]), "confirm", None)
    assert Participant.objects.filter(household=homes[0]).count() == 3
    assert Event.objects.get(pk=event.pk).wishes.count() == 5  # every band is pledged by default


def test_tak_after_registration_closed_registers_nobody(event, session, families, coordinator):
    event.site.phone = "+48426301234"
    event.site.save(update_fields=["phone"])
    homes = families(1)
    invitations.send(coordinator, event, session, Household.objects.all())
    sent()
    from backend.events import services

    event = services.advance(coordinator, event)  # registration closed
    sms.receive_inbound(phone=homes[0].members.get(relation="head").phone, body="TAK")
    assert Participant.objects.count() == 0
    closed = OutboxMessage.objects.get(purpose="event_closed")
    assert "zamkniete" in closed.body
    assert "42 630 12 34" in closed.body  # the event's site phone, not the centre's
    with pytest.raises(services.EventError):
        invitations.send(coordinator, event, session, Household.objects.all())


def test_invitations_follow_the_one_recipient_rule(event, session, families, coordinator):
    """Consent, opt-out (STOP) and language through people.selectors.sms_contacts: the
    invitation engine used to text the first member with a phone, consent or not."""
    silent, stopped, ukrainian, fine = families(4)
    Person = silent.members.model
    Person.objects.filter(household=silent).update(sms_consent=False)
    sms.opt_out(stopped.members.get(relation="head").phone)
    Person.objects.filter(household=ukrainian).update(preferred_language="uk")
    preview = invitations.preview(event, session, Household.objects.all())
    assert preview.count == 2
    assert invitations.send(coordinator, event, session, Household.objects.all()) == 2
    notices = {n.phone: n.body for n in OutboxMessage.objects.filter(purpose="event_invitation")}
    heads = {h: h.members.get(relation="head").phone for h in (ukrainian, fine)}
    assert set(notices) == set(heads.values())
    assert "запрошення" in notices[heads[ukrainian]]
    assert "zaproszenie" in notices[heads[fine]]
    assert set(Invitation.objects.values_list("household_id", flat=True)) == {
        ukrainian.pk, fine.pk}
