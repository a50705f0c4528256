"""SMS: templates, the outbox, batches, opt-outs and inbound replies (DESIGN §3)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.common.models import Language


class SmsTemplate(models.Model):
    Language = Language

    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.PL)
    body = models.TextField(_("body"), help_text=_(
        "Placeholders: {sender} {centre_phone} {first_name} {place} {date} {time_window} "
        "{pickup_code} {what}"))
    transliterate = models.BooleanField(_("without Polish letters"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "language"]
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")
        constraints = [models.UniqueConstraint(fields=["code", "language"],
                                               name="smstemplate_code_language_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class SmsBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        CANCELLED = "cancelled", _("cancelled")

    name = models.CharField(_("name"), max_length=160)
    template = models.ForeignKey(SmsTemplate, verbose_name=_("template"), null=True,
                                 blank=True, on_delete=models.SET_NULL)
    body = models.TextField(_("body"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("SMS batch")
        verbose_name_plural = _("SMS batches")
        permissions = [("send_sms", _("Can send SMS")),
                       ("view_sms_timeline", _("Can see a person's SMS timeline"))]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        DELIVERED = "delivered", _("delivered")
        UNDELIVERED = "undelivered", _("undelivered")
        FAILED = "failed", _("failed")
        UNKNOWN = "unknown", _("unknown")
        CANCELLED = "cancelled", _("cancelled")
        SKIPPED_OPTED_OUT = "skipped_opted_out", _("skipped: opted out")
        SKIPPED_NOT_MOBILE = "skipped_not_mobile", _("skipped: not a mobile")
        EXPIRED = "expired", _("expired")

    class Reply(models.TextChoices):
        CONFIRM = "confirm", _("confirmed")
        DECLINE = "decline", _("declined")

    dedupe_key = models.CharField(max_length=255, unique=True)
    # Ours, unique to the row: carried in the status callback URL, so a callback (or a
    # look-up) can only ever settle this row (decision 0023).
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=60, db_index=True)
    phone = models.CharField(_("phone"), max_length=16, db_index=True)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="sms")
    content_type = models.ForeignKey(ContentType, null=True, blank=True,
                                     on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    business_object = GenericForeignKey("content_type", "object_id")
    version = models.PositiveIntegerField(default=1)
    batch = models.ForeignKey(SmsBatch, verbose_name=_("batch"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="messages")
    body = models.TextField(_("message"))
    encoding = models.CharField(_("encoding"), max_length=5)
    segments = models.PositiveSmallIntegerField(_("segments"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The dispatcher that claimed the row owns it until lease_until; it renews the lease
    # right before calling the provider, and nobody else touches a live lease.
    lease_owner = models.CharField(max_length=40, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    provider = models.CharField(max_length=20, blank=True)
    provider_message_id = models.CharField(max_length=64, blank=True, db_index=True)
    error_code = models.CharField(_("error code"), max_length=20, blank=True)
    error_text = models.CharField(_("reason"), max_length=255, blank=True)
    expects_reply = models.BooleanField(default=False)
    reply = models.CharField(_("reply"), max_length=10, choices=Reply.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"]),
                   models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.pk}"

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def reason(self) -> str:
        """Why it was not sent, in the user's language (our codes and Twilio's usual ones)."""
        known = REASONS.get(self.error_code)
        return str(known) if known else self.error_text or self.error_code


REASONS = {
    "not_mobile": _("Not a mobile number: SMS cannot reach it. Phone them."),
    "opted_out": _("The number opted out of SMS (STOP)."),
    "expired": _("Expired before it could be sent."),
    "21211": _("Invalid phone number."),
    "21610": _("The recipient blocked messages from us at the operator (STOP)."),
    "21614": _("Not a mobile number: SMS cannot reach it. Phone them."),
    "20429": _("Too many requests to the provider; will retry."),
    "connection": _("Could not reach the provider; will retry."),
    "timeout": _("No answer from the provider: checking, not resending."),
    "in_doubt": _("Not sure whether it left: the provider has a message like it that we "
                  "cannot prove is this one. Check the recipient's phone or the provider's "
                  "log, then mark it sent or send it again."),
}


class PendingStatus(models.Model):
    """A provider status that came before we knew the message's id (the callback beat the
    send call's answer, or the dispatcher died): kept, then applied to its row."""

    reference = models.UUIDField(null=True, blank=True, db_index=True)
    provider_message_id = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=20)
    error_code = models.CharField(max_length=20, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.provider_message_id} {self.status}"


class OptOut(models.Model):
    phone = models.CharField(_("phone"), max_length=16, unique=True)
    source = models.CharField(_("source"), max_length=20, default="sms")
    created_at = models.DateTimeField(_("opted out"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("SMS opt-out")
        verbose_name_plural = _("SMS opt-outs")

    def __str__(self) -> str:
        return self.phone


class InboundMessage(models.Model):
    class Outcome(models.TextChoices):
        CONFIRM = "confirm", _("confirmation")
        DECLINE = "decline", _("refusal")
        OPT_OUT = "opt_out", _("opt-out")
        OPT_IN = "opt_in", _("opt-in")
        HELP = "help", _("help request")
        OTHER = "other", _("other")

    class Reason(models.TextChoices):
        """Why a reply was filed as "other": shown in the coordinator's inbox."""

        NO_OPEN_NOTICE = "no_open_notice", _("no notice waits for an answer from this number")
        NOTICE_EXPIRED = "notice_expired", _("the notice has expired")
        NOTICE_NOT_SENT = "notice_not_sent", _(
            "the notice has not been sent yet (waits for the sending hours)")
        UNKNOWN_NUMBER = "unknown_number", _("unknown number")
        NOT_UNDERSTOOD = "not_understood", _("not TAK, NIE, STOP or POMOC")

    phone = models.CharField(_("from"), max_length=16, db_index=True)
    body = models.TextField(_("message"))
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices, blank=True)
    normalised = models.CharField(max_length=160, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    provider_message_id = models.CharField(max_length=64, blank=True)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="sms_in")
    outbox_message = models.ForeignKey(OutboxMessage, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="replies")
    handled = models.BooleanField(_("handled"), default=False)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inbound SMS")
        verbose_name_plural = _("inbound SMS")
        constraints = [models.UniqueConstraint(
            fields=["provider_message_id"], condition=~models.Q(provider_message_id=""),
            name="inbound_provider_id_unique")]

    def __str__(self) -> str:
        return f"#{self.pk}"
