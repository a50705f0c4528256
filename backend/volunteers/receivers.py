"""TAK to "Brakuje … odpowiedz TAK" (notifications.reply_received): sign the volunteer up
for that role through the same service (rules and capacity), then confirm or explain by
SMS. A repeated TAK changes nothing (the sign-up and the answer SMS are idempotent)."""

from django.dispatch import receiver

from backend.notifications.signals import reply_received


@receiver(reply_received, dispatch_uid="volunteers_help_reply")
def on_reply(sender, message, obj, outcome, inbound, **kwargs) -> None:
    from .models import ShiftRole

    if isinstance(obj, ShiftRole) and outcome == "confirm":
        from .replies import answer_help

        answer_help(message.phone, obj)
