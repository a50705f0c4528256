from django.core.management.base import BaseCommand

from backend.people import demo


class Command(BaseCommand):
    help = "Load demo sites, users (one per role), households and donors. Safe to re-run."

    def handle(self, *args, **options):
        result = demo.load()
        self.stdout.write(
            f"Demo data: {result['households']} households, {result['persons']} persons "
            f"({result['created']} households created now)."
        )
