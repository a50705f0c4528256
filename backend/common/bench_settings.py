"""Settings of the HTTP benchmark's gunicorn (manage.py bench http): production settings
(DEBUG=0 from its environment) with the benchmark's own URLconf, which adds the floor
views, and plain static files (no collectstatic needed for a benchmark run)."""

from backend.settings import *  # noqa: F403

ROOT_URLCONF = "backend.common.bench_urls"
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
