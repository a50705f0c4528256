"""Provider backends: `console` (nothing leaves the machine) and `twilio`.

A provider answers send() with a SendResult; it never raises for a provider error.
Outcomes: "sent" (accepted, with an id), "transient" (retry later), "permanent"
(stop with the reason), "unknown" (the request left but no answer came back).
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import reverse

SENT, TRANSIENT, PERMANENT, UNKNOWN = "sent", "transient", "permanent", "unknown"
TRANSIENT_CODES = {"20429"}


@dataclass(frozen=True)
class SendResult:
    outcome: str
    message_id: str = ""
    error_code: str = ""
    error_text: str = ""


@dataclass(frozen=True)
class RemoteMessage:
    message_id: str
    status: str
    error_code: str = ""


class ConsoleProvider:
    """Development default: the message is 'sent' at once; the sandbox page shows it."""

    name = "console"
    timeout = 0.0

    def send(self, *, to: str, body: str, reference: str) -> SendResult:
        return SendResult(SENT, message_id=f"CONSOLE-{reference}")

    def fetch(self, message_id: str) -> RemoteMessage | None:
        return None

    def candidates(self, *, to: str, body: str, since) -> list[RemoteMessage] | None:
        return None  # nothing to look up: nothing ever left the machine


class TwilioProvider:
    name = "twilio"

    def __init__(self):
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        timeout = self.timeout = float(getattr(settings, "TWILIO_TIMEOUT", 10))
        # environment={} so that no TWILIO_EDGE/REGION from the process rewrites the host.
        self.client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN,
                             environment={}, http_client=TwilioHttpClient(timeout=timeout))
        base = getattr(settings, "TWILIO_API_BASE", "")
        if base:
            self.client.api.base_url = base.rstrip("/")

    def _messages(self):
        return self.client.api.v2010.accounts(settings.TWILIO_ACCOUNT_SID).messages

    def send(self, *, to: str, body: str, reference: str) -> SendResult:
        import requests
        from twilio.base.exceptions import TwilioRestException

        # Our reference rides in the callback URL (Twilio has no metadata field on a
        # message): a callback can only ever settle the row that sent it.
        callback = settings.BASE_URL + reverse("notifications:webhook_status")
        kwargs = {"to": to, "body": body, "status_callback": f"{callback}?ref={reference}"}
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            kwargs["messaging_service_sid"] = settings.TWILIO_MESSAGING_SERVICE_SID
        else:
            kwargs["from_"] = settings.TWILIO_FROM
        try:
            message = self._messages().create(**kwargs)
        except TwilioRestException as exc:
            code = str(exc.code or "")
            if exc.status == 429 or exc.status >= 500 or code in TRANSIENT_CODES:
                return SendResult(TRANSIENT, error_code=code or str(exc.status),
                                  error_text=f"HTTP {exc.status}")
            return SendResult(PERMANENT, error_code=code or str(exc.status),
                              error_text=(exc.msg or f"HTTP {exc.status}")[:250])
        except requests.exceptions.ConnectionError as exc:
            # Includes ConnectTimeout: the request never reached the provider.
            return SendResult(TRANSIENT, error_code="connection", error_text=type(exc).__name__)
        except requests.exceptions.Timeout as exc:
            # The request left; the provider may have it. Never resend: reconcile.
            return SendResult(UNKNOWN, error_code="timeout", error_text=type(exc).__name__)
        return SendResult(SENT, message_id=message.sid)

    def fetch(self, message_id: str) -> RemoteMessage | None:
        message = self._messages()(message_id).fetch()
        return RemoteMessage(message.sid, message.status, str(message.error_code or ""))

    def candidates(self, *, to: str, body: str, since) -> list[RemoteMessage]:
        """Messages to `to` with this body since `since` (Twilio filters by day). None of
        them carries our reference, so they can prove a message never left, never which
        row one belongs to."""
        return [RemoteMessage(m.sid, m.status, str(m.error_code or ""))
                for m in self._messages().list(to=to, date_sent_after=since, limit=50)
                if m.body == body]


@lru_cache(maxsize=4)
def _provider(name: str, signature: tuple):
    return TwilioProvider() if name == "twilio" else ConsoleProvider()


def get_provider():
    name = getattr(settings, "SMS_BACKEND", "console")
    signature = (getattr(settings, "TWILIO_API_BASE", ""), settings.TWILIO_ACCOUNT_SID,
                 settings.TWILIO_AUTH_TOKEN)
    return _provider(name, signature)


def sender_id() -> str:
    """Who sends (pacing is per sender)."""
    return settings.TWILIO_MESSAGING_SERVICE_SID or settings.TWILIO_FROM or "console"
