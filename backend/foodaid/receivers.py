"""The ration ledger listens to the distribution engine's hand-overs (not a copy of it)."""

from django.dispatch import receiver

from backend.distribution.models import Enrolment
from backend.distribution.signals import handed_over


@receiver(handed_over, sender=Enrolment, dispatch_uid="foodaid.ration")
def ration_from_handover(sender, enrolment, handover, issued, actor, **kwargs) -> None:
    from .services import record_handover

    record_handover(actor, enrolment, handover, issued)
