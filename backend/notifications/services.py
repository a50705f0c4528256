"""SMS services: the only way anything is sent (through the outbox).

Public functions (call them inside your own transaction; the outbox row commits
or rolls back with your business change):

- enqueue(*, purpose, phone, body=None, template=None, context=None, person=None,
          obj=None, version=1, batch=None, expires_at=None, send_after=None,
          expects_reply=False) -> OutboxMessage | None
    Idempotent by dedupe key purpose+phone+object+version: the same business event
    raised twice gives one row and one SMS; people sharing a number get one message
    per purpose+object. None when the phone is empty or not a phone number.
    `template` may be an SmsTemplate or its code (then in person.preferred_language,
    falling back to Polish). Mark what the message is about with obj=<model instance>;
    read it back with selectors.for_object(obj). expects_reply=True makes it the notice
    a TAK/NIE answers (see signals.reply_received). expires_at: never sent after it.
- enqueue_many(items, *, wake_worker=True) -> int   (bulk; items carry `text`, rendered)
- template_for(code, language="pl") -> SmsTemplate
- template_text(code, language="pl") -> TemplateText   (DB row, else the seeded default)
- notice_text(code, context, language="pl") -> str     (rendered: sender, centre phone,
    "bez polskich znaków" honoured; what every engine sends)
- render(template_or_body, context, transliterate=False) -> str
- create_batch(*, name, persons, template, context=None, user=None, purpose="bulk",
               expires_at=None) -> SmsBatch          (bulk send to people)
- cancel_batch(batch) -> int; retry_failed(batch) -> int
- opt_out(phone, source="sms"); opt_in(phone); is_opted_out(phone) -> bool
- apply_status(message, status, error_code="") -> bool   (statuses only move forward)
- receive_status(*, sid, reference, status, error_code="") (a status callback; by our
    reference it settles a timed-out or crashed row; one that beat the send is kept)
- apply_pending(message) -> int  (statuses kept for this message's id, applied)
- settle_unknown(message, *, arrived) -> bool  (a person decides about an `unknown` row)
- receive_inbound(*, phone, body, provider_message_id="") -> InboundMessage
    (TAK/NIE -> signals.reply_received; STOP/START; POMOC; else coordinator inbox,
    with the reason why it answered nothing: InboundMessage.Reason)
- attach_reply(actor, inbound, notice, outcome) -> InboundMessage  (by hand, audited)

Listen to `backend.notifications.signals.reply_received` to react to TAK/NIE.
"""

import datetime as dt
import logging
import re
import string
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from backend.common.errors import ServiceError
from backend.common.phones import Phone, parse_phone
from backend.common.text import fold

from . import encoding
from .models import (
    InboundMessage,
    OptOut,
    OutboxMessage,
    PendingStatus,
    SmsBatch,
    SmsTemplate,
)
from .signals import reply_received
from .texts import TemplateText, notice_text, sender_context, template_text  # noqa: F401

S = OutboxMessage.Status
# Statuses only move forward: a callback with a lower rank is ignored.
RANK = {S.QUEUED: 0, S.SENDING: 1, S.UNKNOWN: 1, S.SENT: 2, S.DELIVERED: 3,
        S.UNDELIVERED: 3, S.FAILED: 3}
FINAL = {S.CANCELLED, S.SKIPPED_OPTED_OUT, S.SKIPPED_NOT_MOBILE, S.EXPIRED}
PROVIDER_STATUS = {"accepted": S.SENDING, "queued": S.SENDING, "sending": S.SENDING,
                   "scheduled": S.SENDING, "sent": S.SENT, "delivered": S.DELIVERED,
                   "read": S.DELIVERED, "undelivered": S.UNDELIVERED, "failed": S.FAILED,
                   "canceled": S.FAILED}
OPEN_FOR_REPLY = {S.SENDING, S.SENT, S.DELIVERED, S.UNKNOWN}


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def placeholders(body: str) -> list[str]:
    return [name for _t, name, _f, _c in string.Formatter().parse(body or "") if name]


def render(body: str, context: dict | None = None, transliterate: bool = False) -> str:
    """Fill {named} placeholders; unknown ones stay visible; dates the Polish way."""
    values = {}
    for key, value in (context or {}).items():
        if isinstance(value, dt.datetime):
            value = date_format(timezone.localtime(value), "d.m.Y H:i")
        elif isinstance(value, dt.date):
            value = date_format(value, "d.m.Y")
        values[key] = "" if value is None else str(value)
    try:
        text = (body or "").format_map(_Blank(values))
    except (ValueError, IndexError):
        text = body or ""
    return encoding.transliterate(text) if transliterate else text


def dedupe_key(purpose: str, phone: str, obj: Model | None, version: int) -> str:
    ref = f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else "-"
    return f"{purpose}|{phone}|{ref}|v{version}"[:255]


def _kick() -> None:
    from .tasks import dispatch_outbox

    try:
        dispatch_outbox.enqueue()
    except Exception:  # noqa: BLE001 - a dead queue must not break the business change
        logging.getLogger(__name__).exception("could not enqueue the SMS dispatch task")


def _request_dispatch() -> None:
    """Wake the worker once per transaction, after commit (nothing if it rolls back)."""
    if connection.in_atomic_block and any(
            entry[1] is _kick for entry in connection.run_on_commit):
        return
    transaction.on_commit(_kick)


def _build(*, purpose: str, phone: str, text: str, person, obj, version: int, batch,
           expires_at, send_after, expects_reply: bool,
           checked: Phone | None = None) -> OutboxMessage | None:
    """`checked`: the phone as a person row stores it (E.164 and phone_is_mobile, both
    set from parse_phone when saved) — a bulk send skips parsing it again."""
    if checked is not None and checked.e164 == phone and phone.startswith("+"):
        parsed = checked
    else:
        try:
            parsed = parse_phone(phone)
        except ValidationError:
            return None
    info = encoding.analyse(text)
    now = timezone.now()
    message = OutboxMessage(
        dedupe_key=dedupe_key(purpose, parsed.e164, obj, version), purpose=purpose,
        phone=parsed.e164, **({"person": person} if isinstance(person, Model) or person is None
                              else {"person_id": person}), version=version, batch=batch, body=text,
        encoding=info.encoding, segments=info.segments, expires_at=expires_at,
        next_attempt_at=send_after or now, expects_reply=expects_reply)
    if obj is not None:
        message.content_type = ContentType.objects.get_for_model(obj)
        message.object_id = str(obj.pk)
    if not parsed.is_mobile:
        message.status = S.SKIPPED_NOT_MOBILE
        message.error_code = "not_mobile"
        message.error_text = "Not a mobile number: SMS cannot reach it"
    return message


def template_for(code: str, language: str = "pl") -> SmsTemplate:
    """The template in the person's language, else Polish."""
    found = {t.language: t for t in SmsTemplate.objects.filter(code=code)}
    if not found:
        raise SmsTemplate.DoesNotExist(code)
    return found.get(language) or found.get("pl") or next(iter(found.values()))


def enqueue(*, purpose: str, phone: str, body: str | None = None,
            template: SmsTemplate | str | None = None, context: dict | None = None,
            person=None, obj: Model | None = None, version: int = 1,
            batch: SmsBatch | None = None, expires_at: dt.datetime | None = None,
            send_after: dt.datetime | None = None,
            expects_reply: bool = False) -> OutboxMessage | None:
    if isinstance(template, str):
        template = template_for(template, getattr(person, "preferred_language", "pl"))
    if template is not None:
        text = render(template.body, {**sender_context(), **(context or {})},
                      template.transliterate)
    else:
        text = render(body or "", context) if context else (body or "")
    message = _build(purpose=purpose, phone=phone, text=text, person=person, obj=obj,
                     version=version, batch=batch, expires_at=expires_at,
                     send_after=send_after, expects_reply=expects_reply)
    if message is None:
        return None
    existing = OutboxMessage.objects.filter(dedupe_key=message.dedupe_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return OutboxMessage.objects.get(dedupe_key=message.dedupe_key)
    if message.status == S.QUEUED:
        _request_dispatch()
    return message


def enqueue_many(items: Iterable[dict], *, wake_worker: bool = True) -> int:
    """Bulk enqueue (each item: enqueue's keyword arguments with `body` already
    rendered; `person` may be an id; `checked`: the stored Phone, not parsed again).
    Duplicates are ignored by the unique dedupe key. Returns rows built."""
    rows = [m for m in (_build(**{"person": None, "obj": None, "version": 1, "batch": None,
                                  "expires_at": None, "send_after": None,
                                  "expects_reply": False, **item}) for item in items) if m]
    OutboxMessage.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if wake_worker:
        _request_dispatch()
    return len(rows)


def person_context(person) -> dict:
    return {"first_name": person.first_name, "last_name": person.last_name}


@transaction.atomic
def create_batch(*, name: str, persons: Iterable, template: SmsTemplate,
                 context: dict | None = None, user=None, purpose: str = "bulk",
                 expires_at: dt.datetime | None = None) -> SmsBatch:
    """Persons without SMS consent get nothing (the recipient rule,
    people.selectors.sms_contact); a landline or a STOP still gets a skipped row so the
    batch lists whom to phone instead. Each person gets the template in their language."""
    batch = SmsBatch.objects.create(name=name, template=template, body=template.body,
                                    created_by=user)
    by_language = {template.language: template}
    for person in persons:
        if not person.phone or not person.sms_consent:
            continue
        language = person.preferred_language or "pl"
        if language not in by_language:
            by_language[language] = SmsTemplate.objects.filter(
                code=template.code, language=language).first() or template
        enqueue(purpose=f"{purpose}:{batch.pk}", phone=person.phone,
                template=by_language[language],
                context={**(context or {}), **person_context(person)}, person=person,
                batch=batch, expires_at=expires_at)
    return batch


@transaction.atomic
def cancel_batch(batch: SmsBatch) -> int:
    count = batch.messages.filter(status=S.QUEUED).update(
        status=S.CANCELLED, status_changed_at=timezone.now())
    batch.status = SmsBatch.Status.CANCELLED
    batch.save(update_fields=["status"])
    return count


def retry_failed(batch: SmsBatch) -> int:
    """Failed rows go back to the queue (the coordinator fixed the cause)."""
    return batch.messages.filter(status__in=[S.FAILED, S.UNDELIVERED]).update(
        status=S.QUEUED, next_attempt_at=timezone.now(), error_code="", error_text="",
        attempts=0, provider_message_id="")


def is_opted_out(phone: str) -> bool:
    return OptOut.objects.filter(phone=phone).exists()


def opt_out(phone: str, source: str = "sms") -> OptOut:
    return OptOut.objects.get_or_create(phone=phone, defaults={"source": source})[0]


def opt_in(phone: str) -> None:
    OptOut.objects.filter(phone=phone).delete()


def apply_status(message: OutboxMessage, status: str, error_code: str = "") -> bool:
    """Move a message forward to `status` (ours or a provider's); never backwards."""
    new = PROVIDER_STATUS.get(status, status)
    with transaction.atomic():
        current = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if current.status in FINAL or new not in RANK:
            return False
        if RANK[new] <= RANK[current.status] and not (
                current.status == S.UNKNOWN and new == S.SENDING):
            return False
        if current.status == new:
            return False
        fields = {"status": new, "status_changed_at": timezone.now()}
        if error_code:
            fields["error_code"] = str(error_code)[:20]
        if new == S.SENT and not current.sent_at:
            fields["sent_at"] = timezone.now()
        OutboxMessage.objects.filter(pk=current.pk).update(**fields)
    for key, value in fields.items():
        setattr(message, key, value)
    return True


def _reference(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def receive_status(*, sid: str, reference: str, status: str, error_code: str = "") -> None:
    """A provider status callback. Found by the provider's id, else by our reference (from
    the callback URL, unique to one row — never by number or text): a row whose request
    timed out or whose dispatcher died learns its id here. A callback that beat the send
    call's answer (the owner still holds a live lease) is kept and applied by the owner."""
    if not sid:
        return
    ref = _reference(reference)
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(
            provider_message_id=sid).first()
        if message is None and ref is not None:
            message = OutboxMessage.objects.select_for_update().filter(
                reference=ref, provider_message_id="").first()
            live = message is not None and message.status == S.SENDING and (
                message.lease_until is not None and message.lease_until > timezone.now())
            if live:
                message = None  # its dispatcher is about to record the answer: keep this
            elif message is not None and message.status in (S.SENDING, S.UNKNOWN):
                OutboxMessage.objects.filter(pk=message.pk).update(
                    provider_message_id=sid, status=S.SENT, lease_owner="", lease_until=None,
                    sent_at=message.claimed_at or timezone.now(), error_code="",
                    status_changed_at=timezone.now())
                message.refresh_from_db()
            else:
                message = None
        if message is None:
            PendingStatus.objects.create(reference=ref, provider_message_id=sid[:64],
                                         status=status[:20], error_code=str(error_code)[:20])
            return
    apply_status(message, status, error_code)


def apply_pending(message: OutboxMessage) -> int:
    """Apply the statuses kept for this message (callbacks that came before its id was
    known), oldest first; statuses only move forward."""
    if not message.provider_message_id:
        return 0
    kept = list(PendingStatus.objects.filter(provider_message_id=message.provider_message_id))
    for pending in kept:
        apply_status(message, pending.status, pending.error_code)
    PendingStatus.objects.filter(pk__in=[p.pk for p in kept]).delete()
    return len(kept)


def settle_unknown(message: OutboxMessage, *, arrived: bool) -> bool:
    """A person decided about a row we could not settle: it arrived (the recipient or the
    provider's log says so) -> `sent`; it did not -> queued again. Only an `unknown` row."""
    now = timezone.now()
    rows = OutboxMessage.objects.filter(pk=message.pk, status=S.UNKNOWN)
    if arrived:
        changed = rows.update(status=S.SENT, sent_at=message.claimed_at or now,
                              error_code="", status_changed_at=now)
    else:
        changed = rows.update(status=S.QUEUED, next_attempt_at=now, error_code="",
                              error_text="", status_changed_at=now)
        if changed:
            _request_dispatch()
    return bool(changed)


_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
KEYWORDS = {
    "TAK": InboundMessage.Outcome.CONFIRM, "T": InboundMessage.Outcome.CONFIRM,
    "OK": InboundMessage.Outcome.CONFIRM, "NIE": InboundMessage.Outcome.DECLINE,
    "STOP": InboundMessage.Outcome.OPT_OUT, "NIE SMS": InboundMessage.Outcome.OPT_OUT,
    "NIESMS": InboundMessage.Outcome.OPT_OUT, "REZYGNACJA": InboundMessage.Outcome.OPT_OUT,
    "START": InboundMessage.Outcome.OPT_IN, "POMOC": InboundMessage.Outcome.HELP,
}


_WITH_COUNT = re.compile(r"(TAK|T|OK) [1-9][0-9]?")


def reply_count(inbound: InboundMessage) -> int | None:
    """The number in "TAK 3" (None for a plain TAK)."""
    parts = (inbound.normalised or "").split()
    return int(parts[1]) if len(parts) == 2 and parts[1].isdigit() else None


def normalise(body: str) -> str:
    """'  Tak!! ' -> 'TAK'; 'nie, sms' -> 'NIE SMS'; 'Rezygnacjа' diacritics folded."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(body))).strip().upper()[:160]


def latest_open_notice(phone: str) -> OutboxMessage | None:
    now = timezone.now()
    return (OutboxMessage.objects.filter(phone=phone, expects_reply=True, reply="",
                                         status__in=OPEN_FOR_REPLY)
            .exclude(expires_at__lt=now).order_by("-created_at", "-id").first())


def why_unanswered(phone: str, outcome: str) -> str:
    """Why a reply found nothing to answer (InboundMessage.Reason)."""
    R = InboundMessage.Reason
    if outcome not in (InboundMessage.Outcome.CONFIRM, InboundMessage.Outcome.DECLINE):
        return R.NOT_UNDERSTOOD
    notices = OutboxMessage.objects.filter(phone=phone, expects_reply=True, reply="")
    if notices.filter(status=S.QUEUED).exclude(expires_at__lt=timezone.now()).exists():
        return R.NOTICE_NOT_SENT
    if notices.filter(Q(status=S.EXPIRED) | Q(status__in=OPEN_FOR_REPLY,
                                             expires_at__lt=timezone.now())).exists():
        return R.NOTICE_EXPIRED
    if not OutboxMessage.objects.filter(phone=phone).exists() and _person_for(phone) is None:
        return R.UNKNOWN_NUMBER
    return R.NO_OPEN_NOTICE


def _person_for(phone: str):
    from backend.people.models import Person

    return Person.objects.filter(phone=phone).order_by("-updated_at").first()


def receive_inbound(*, phone: str, body: str, provider_message_id: str = "") -> InboundMessage:
    """One reply from a recipient. Repeated webhooks (same provider id) are harmless."""
    if provider_message_id:
        seen = InboundMessage.objects.filter(provider_message_id=provider_message_id).first()
        if seen is not None:
            return seen
    try:
        phone = parse_phone(phone).e164
    except ValidationError:
        phone = phone.strip()[:16]  # not a number (a name, garbage): kept as the column holds it
    text = normalise(body)
    outcome = KEYWORDS.get(text, InboundMessage.Outcome.OTHER)
    if _WITH_COUNT.fullmatch(text):  # "TAK 3": confirm for three (events read the number)
        outcome = InboundMessage.Outcome.CONFIRM
    Out = InboundMessage.Outcome
    with transaction.atomic():
        notice = latest_open_notice(phone) if outcome in (Out.CONFIRM, Out.DECLINE) else None
        reason = ""
        if outcome in (Out.CONFIRM, Out.DECLINE, Out.OTHER) and notice is None:
            reason = why_unanswered(phone, outcome)
            outcome = Out.OTHER  # nothing to confirm: a person should read it
        inbound = InboundMessage.objects.create(
            phone=phone, body=body[:1600], normalised=text, outcome=outcome, reason=reason,
            provider_message_id=provider_message_id, outbox_message=notice,
            person=notice.person if notice and notice.person else _person_for(phone),
            handled=outcome != Out.OTHER)
        if outcome == Out.OPT_OUT:
            opt_out(phone)
        elif outcome == Out.OPT_IN:
            opt_in(phone)
        elif outcome == Out.HELP:
            language = getattr(inbound.person, "preferred_language", "pl")
            enqueue(purpose="help", phone=phone, body=notice_text("help", {}, language),
                    person=inbound.person, obj=inbound)
        elif notice is not None:
            _answer(notice, outcome, inbound)
    return inbound


def _answer(notice: OutboxMessage, outcome: str, inbound: InboundMessage) -> None:
    notice.reply = outcome
    notice.save(update_fields=["reply"])
    # Inside the transaction: a receiver's change commits with the reply.
    reply_received.send(sender=OutboxMessage, message=notice, obj=notice.business_object,
                        outcome=str(outcome), inbound=inbound)


class ReplyError(ServiceError):
    default_code = "reply_refused"


def attachable_notices(inbound: InboundMessage):
    """Sent notices to this number or person that still wait for an answer."""
    match = Q(phone=inbound.phone)
    if inbound.person_id:
        match |= Q(person_id=inbound.person_id)
    return (OutboxMessage.objects.filter(match, expects_reply=True, reply="",
                                         status__in=OPEN_FOR_REPLY)
            .order_by("-created_at", "-id"))


def attach_reply(actor, inbound: InboundMessage, notice: OutboxMessage,
                 outcome: str) -> InboundMessage:
    """The coordinator files an "other" reply as TAK or NIE to the notice she chose:
    audited, then processed exactly as if the reply had matched (reply_received)."""
    from backend.accounts import audit

    Out = InboundMessage.Outcome
    if outcome not in (Out.CONFIRM, Out.DECLINE):
        raise ReplyError(_("Choose TAK or NIE."), "bad_outcome")
    with transaction.atomic():
        inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
        notice = OutboxMessage.objects.select_for_update().get(pk=notice.pk)
        if inbound.outcome != Out.OTHER or inbound.outbox_message_id:
            raise ReplyError(_("This reply has already been filed."), "already_filed")
        if not notice.expects_reply or notice.reply:
            raise ReplyError(_("This notice does not wait for an answer."), "not_open")
        if notice.status not in OPEN_FOR_REPLY:
            raise ReplyError(_("This notice has not been sent: a reply cannot answer it."),
                             "not_sent")
        before = {"outcome": inbound.outcome, "reason": inbound.reason}
        inbound.outcome = outcome
        inbound.outbox_message = notice
        inbound.person = inbound.person or notice.person
        inbound.handled = True
        inbound.save(update_fields=["outcome", "outbox_message", "person", "handled"])
        audit.record(actor, "update", inbound, {
            "outcome": [before["outcome"], outcome], "notice": [None, notice.pk],
            "reason": [before["reason"], None]})
        _answer(notice, outcome, inbound)
    return inbound


def mark_handled(inbound: InboundMessage) -> None:
    InboundMessage.objects.filter(pk=inbound.pk).update(handled=True)
