"""The one recipient rule (people.selectors.sms_contact / sms_contacts) that every engine
asks: SMS consent, a mobile number, no STOP, the head first, the person's language."""

import pytest

from backend.notifications import services as sms
from backend.people.models import Person
from backend.people.selectors import sms_contact, sms_contacts

pytestmark = pytest.mark.django_db
CHILD = {"first_name": "Ola", "last_name": "Nowak", "relation": "child",
         "phone": "+48602000001", "sms_consent": True, "sms_consent_source": "paper",
         "preferred_language": "uk"}


def test_consent_mobile_and_no_stop(make_household):
    home = make_household("Nowak", "Jan", phone="+48601000001")
    head = home.members.get()
    assert sms_contact(home).person == head and sms_contact(head).language == "pl"
    Person.objects.filter(pk=head.pk).update(sms_consent=False)
    head.refresh_from_db()
    assert sms_contact(home) is None and sms_contact(head) is None
    Person.objects.filter(pk=head.pk).update(sms_consent=True, phone_is_mobile=False)
    head.refresh_from_db()
    assert sms_contact(home) is None and sms_contact(head) is None  # a landline
    Person.objects.filter(pk=head.pk).update(phone_is_mobile=True)
    head.refresh_from_db()
    sms.opt_out(head.phone)
    assert sms_contact(home) is None and sms_contact(head) is None  # STOP
    sms.opt_in(head.phone)
    assert sms_contact(home).person == head


def test_the_head_first_else_a_member_who_can_be_texted_in_their_language(make_household):
    home = make_household("Nowak", "Jan", phone="+48601000002", members=[CHILD])
    head, child = home.members.get(relation="head"), home.members.get(relation="child")
    assert sms_contacts([home])[home.pk].person == head
    sms.opt_out(head.phone)
    found = sms_contacts([home.pk])[home.pk]
    assert (found.person, found.phone, found.language) == (child, child.phone, "uk")
    nobody = make_household("Lis", "Ewa", phone="")
    assert set(sms_contacts([home, nobody])) == {home.pk}
