"""TAK/NIE replies to a pickup notice update the enrolment (inside the reply's transaction)."""

from django.dispatch import receiver

from backend.notifications.signals import reply_received

from .models import Enrolment


@receiver(reply_received, dispatch_uid="distribution.reply")
def pickup_reply(sender, message, obj, outcome, inbound, **kwargs) -> None:
    if isinstance(obj, Enrolment):
        from .services import on_reply

        on_reply(obj, outcome)
