"""The installable app (docs/decisions/0110): the web manifest and the service worker, both
served from the site root so that the worker's scope covers /scan and the hand-over pages
(a worker under /static/ could only control /static/)."""

import hashlib
import json
import os

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Cached when the worker installs: small, and what every offline page needs. The 1 MB
# decoder is not here: it is cached when a phone without BarcodeDetector first loads it.
SHELL = ("vendor/pico/pico.min.css", "css/app.css", "css/drives.css", "css/offline.css",
         "js/app.js", "js/pwa.js", "js/offline.js", "js/barcode.js", "js/scan.js", "js/handover.js",
         "django_htmx/htmx-2.min.js", "django_htmx/django-htmx.js", "favicon.svg")
# Navigations kept for offline use (network first): the scanner and a drive's hand-over.
OFFLINE_PAGES = r"^/(scan/?|drives/\d+/handover/?)$"


def _dev_version(version: str) -> str:
    from django.contrib.staticfiles import finders

    stamps = []
    for path in SHELL:
        found = finders.find(path)
        stamps.append(str(os.path.getmtime(found)) if found else path)
    return hashlib.sha256((version + "|".join(stamps)).encode()).hexdigest()[:12]


@require_GET
def manifest(request):
    data = {
        "name": "Wspólnie", "short_name": "Wspólnie", "lang": request.LANGUAGE_CODE,
        "description": _("Scanning and hand-over, also without the network"),
        "start_url": "/scan", "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#1d6f42",
        "icons": [{"src": static(f"icons/icon-{s}.png"), "sizes": f"{s}x{s}",
                   "type": "image/png", "purpose": "any"} for s in (192, 512)],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def service_worker(request):
    shell = [static(path) for path in SHELL]
    version = hashlib.sha256("|".join(shell).encode()).hexdigest()[:12]
    if settings.DEBUG:  # unhashed names in development: a new worker when a file changes
        version = _dev_version(version)
    body = render_to_string("common/sw.js", {
        "version": version, "shell": json.dumps(shell), "static_url": json.dumps(
            settings.STATIC_URL), "pages": json.dumps(OFFLINE_PAGES),
        "immutable": json.dumps(not settings.DEBUG)})
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker each visit
    return response
