"""`manage.py bench <suite>`: builds its own database, seeds it, prints JSON lines."""

import json

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings

from backend.common.bench import discover


class Command(BaseCommand):
    help = "Run a benchmark suite on a database of its own; prints one JSON object per figure."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="suite", required=True)
        for name, module in sorted(discover().items()):
            suite_parser = sub.add_parser(name, help=module.__doc__)
            suite_parser.add_argument("--repeat", type=int, default=30)
            suite_parser.add_argument("--in-place", action="store_true",
                                      help="use the current database (tests only)")
            suite_parser.add_argument("--keep", action="store_true",
                                      help="keep the benchmark database afterwards")
            module.add_arguments(suite_parser)

    def handle(self, *args, **options):
        module = discover()[options["suite"]]

        def emit(record: dict) -> None:
            self.stdout.write(json.dumps(record, ensure_ascii=False))

        with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
            if options["in_place"]:
                module.run(options, emit)
                return
            old_name = connection.settings_dict["NAME"]
            if connection.vendor == "sqlite":
                from django.conf import settings

                bench_file = settings.VAR_DIR / "bench.sqlite3"
                bench_file.parent.mkdir(parents=True, exist_ok=True)
                connection.settings_dict.setdefault("TEST", {})["NAME"] = str(bench_file)
            else:
                connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{old_name}_bench"
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            try:
                module.run(options, emit)
            finally:
                if not options["keep"]:
                    connection.creation.destroy_test_db(old_name, verbosity=0)
