from django.core.management.base import BaseCommand, CommandError

from backend.inventory.selectors import stock_check


class Command(BaseCommand):
    help = "Verify that every stock balance equals the sum of its ledger movements."

    def handle(self, *args, **options):
        bad = stock_check()
        if bad:
            for mismatch in bad:
                self.stderr.write(str(mismatch))
            raise CommandError(f"{len(bad)} balance(s) do not match the ledger")
        self.stdout.write(self.style.SUCCESS("stock_check: every balance matches the ledger"))
