from django.core.management.base import BaseCommand

from backend.common.demo import load_all


class Command(BaseCommand):
    help = "Load the demo data of every module (sites, users per role, households, ...). "\
           "Safe to re-run."

    def handle(self, *args, **options):
        totals = load_all(self.stdout)
        summary = ", ".join(f"{key}: {value}" for key, value in sorted(totals.items()))
        self.stdout.write(f"Demo data loaded ({summary}).")
