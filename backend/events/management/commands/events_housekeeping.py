from django.core.management.base import BaseCommand

from backend.events import services
from backend.events.models import Event


class Command(BaseCommand):
    help = ("Events (e.g. every 15 minutes): unanswered waiting-list offers expire and the "
            "place is offered to the next person by SMS.")

    def handle(self, *args, **options):
        total = 0
        for event in Event.objects.filter(status__in=[Event.Status.REGISTRATION,
                                                      Event.Status.CLOSED]):
            total += services.expire_offers(None, event)
        self.stdout.write(f"expired={total}")
