"""TAK/NIE replies: to an invitation (register / decline) or to an offered place."""

from django.dispatch import receiver

from backend.notifications.signals import reply_received


@receiver(reply_received, dispatch_uid="events.reply")
def event_reply(sender, message, obj, outcome, inbound, **kwargs) -> None:
    from backend.distribution.models import Participant

    from .models import Event, Invitation

    if isinstance(obj, Invitation):
        from .invitations import on_reply

        on_reply(obj, outcome, inbound)
    elif isinstance(obj, Participant) and Event.objects.filter(
            distribution_id=obj.distribution_id).exists():
        from .services import on_offer_reply

        on_offer_reply(obj, outcome)
