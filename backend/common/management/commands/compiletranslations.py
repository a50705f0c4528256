from django.core.management.base import BaseCommand

from backend.common.i18n import compile_all


class Command(BaseCommand):
    help = "Compile every .po catalogue of the project (no GNU gettext needed)."

    def handle(self, *args, **options):
        compiled = compile_all()
        self.stdout.write(f"{len(compiled)} catalogue(s) compiled.")
