from django.core.management.base import BaseCommand

from backend.exchange import services


class Command(BaseCommand):
    help = ("Equipment exchange: pass unanswered offers to the next household, remind and "
            "expire stale offers, ask social workers to re-confirm old requests.")

    def handle(self, *args, **options):
        result = services.housekeeping()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in result.items()))
