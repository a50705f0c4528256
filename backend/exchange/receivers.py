"""TAK / NIE answers to the "Mamy dla Państwa …" SMS (notifications.reply_received)."""

from django.dispatch import receiver

from backend.notifications.signals import reply_received


@receiver(reply_received, dispatch_uid="exchange_match_reply")
def on_reply(sender, message, obj, outcome, inbound, **kwargs) -> None:
    from . import services
    from .models import Match

    if isinstance(obj, Match):
        services.answer(obj, outcome)
