"""Personal data of SMS (registry: backend.common.personal_data): numbers, texts with first
names and pickup codes, replies in the person's own words, opt-outs.

Rows are the subject's by the person link, or by the number when no person is linked, so
that anonymising one household never clears messages of another that shares a number."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, Retention, register
from backend.people.models import Household, Person

from .models import InboundMessage, OptOut, OutboxMessage

OPEN = [OutboxMessage.Status.QUEUED, OutboxMessage.Status.SENDING, OutboxMessage.Status.UNKNOWN]


def _by_person_or_number(model, subject):
    return model.objects.filter(Q(person_id__in=subject.person_ids)
                                | Q(person__isnull=True, phone__in=subject.phones))


def _clear_outbox(queryset) -> int:
    # The dedupe key carries the number: a unique placeholder replaces it.
    return queryset.update(phone="", body="", error_text="", dedupe_key=Concat(
        Value("anonymised|"), Cast("pk", output_field=CharField())))


register(Category(
    model=OutboxMessage,
    rows=lambda s: _by_person_or_number(OutboxMessage, s),
    fields=("phone", "body", "error_text", "dedupe_key"),
    labels={"dedupe_key": _("key against sending twice (holds the number)")},
    kept={"segments": _("SMS costs"), "status": _("delivery statistics")},
    purpose=_("SMS notices: what was sent to whom and whether it arrived"),
    anonymiser=_clear_outbox,
    retention=Retention("sms_sent", lambda cutoff: OutboxMessage.objects.filter(
        created_at__lt=cutoff).exclude(status__in=OPEN).exclude(phone="", body=""),
        label=_("number and text cleared")),
))
register(Category(
    model=InboundMessage,
    rows=lambda s: _by_person_or_number(InboundMessage, s),
    fields=("phone", "body", "normalised"),
    labels={"normalised": _("the text as read (lower case, no accents)")},
    kept={"outcome": _("reply statistics (confirmed, declined, opted out)")},
    purpose=_("replies to our SMS (TAK, NIE, STOP) and their free text"),
    retention=Retention("sms_received", lambda cutoff: InboundMessage.objects.filter(
        received_at__lt=cutoff).exclude(phone="", body=""),
        label=_("number and text cleared")),
))


def _opt_outs(subject):
    # A number still used by someone else keeps its opt-out: they objected with it.
    shared = Person.objects.filter(phone__in=subject.phones).exclude(
        pk__in=subject.person_ids).exclude(household__status=Household.Status.ANONYMISED)
    return OptOut.objects.filter(phone__in=subject.phones).exclude(
        phone__in=shared.values("phone"))


register(Category(
    model=OptOut,
    rows=_opt_outs,
    fields=("phone",),
    purpose=_("numbers that asked for no more SMS (STOP), checked before every send"),
    anonymiser=lambda qs: qs.delete()[0],
))
