"""TAK/NIE to an offered camp place (the SMS names the participant)."""

from django.dispatch import receiver

from backend.notifications.signals import reply_received


@receiver(reply_received, dispatch_uid="camps.reply")
def camp_reply(sender, message, obj, outcome, inbound, **kwargs) -> None:
    from backend.distribution.models import Participant

    from .models import Camp

    if isinstance(obj, Participant) and Camp.objects.filter(
            distribution_id=obj.distribution_id).exists():
        from .services import on_offer_reply

        on_offer_reply(obj, outcome)
