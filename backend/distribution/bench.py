"""Pages on a weak signal (issue 17): bytes transferred and first contentful paint of /scan,
the hand-over page and a list page, as production serves them, with a cold cache, without
throttling and under DevTools' "Slow 3G" preset (backend/common/page_weight.py).

    manage.py bench pages [--static-root DIR]   # DIR collected before: skips collectstatic

Needs Playwright and Chromium (test requirements)."""

import os
import shutil
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.page_weight import (
    SLOW_3G,
    WPT_3G_SLOW,
    login_state,
    production_static,
    serve,
    weigh,
)
from backend.people import services as people

SUITE = "pages"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "bench-pages-123"


def add_arguments(parser) -> None:
    parser.add_argument("--static-root", default="",
                        help="a folder collected by an earlier run (reused as it is)")


def seed() -> None:
    roles.sync_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-pages")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    site, _ = Site.objects.get_or_create(name="Bench pages", defaults={
        "kind": Site.Kind.PICKUP_POINT, "street": "ul. Piotrkowska 1", "postal_code": "90-001",
        "city": "Łódź"})
    for i in range(25):
        people.create_household(None, {"site": site, "street": "ul. Zgierska", "building": "1",
                                       "postal_code": "91-100", "city": "Łódź"},
                                [{"first_name": "Maria", "last_name": f"Kowalska{i}",
                                  "relation": "head", "phone": "", "pesel": ""}])


def run(options, emit) -> None:
    from playwright.sync_api import sync_playwright

    seed()
    root = options["static_root"] or None
    reuse = bool(root) and (Path(root) / "staticfiles.json").exists()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with production_static(root, collect=not reuse), serve() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
        state = login_state(browser, url, "bench-pages", PASSWORD)
        for throttle_name, throttle in (("none", None), ("slow_3g", SLOW_3G),
                                        ("wpt_3g_slow", WPT_3G_SLOW)):
            context = browser.new_context(storage_state=state, service_workers="block",
                                          viewport={"width": 390, "height": 844},
                                          locale="pl-PL")
            for page_name, path in (("scan", "/scan"), ("households_list", "/households/")):
                figures = weigh(context, url + path, throttle)
                emit({"suite": SUITE, "page": page_name, "throttle": throttle_name,
                      "bytes": figures["bytes"], "kb": round(figures["bytes"] / 1024, 1),
                      "requests": figures["requests"], "first_paint_ms": figures["fcp_ms"]})
            context.close()
        # A second visit: the service worker installed by the first one serves the hashed
        # static files, so only the page itself crosses the weak network. Only a page the
        # worker does not serve is measured: DevTools does not throttle the worker's own
        # fetches, so /scan's network-first answer would look unthrottled.
        context = browser.new_context(storage_state=state, viewport={"width": 390, "height": 844},
                                      locale="pl-PL")
        first = context.new_page()
        first.goto(url + "/scan", wait_until="load")
        first.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        first.close()
        for throttle_name, throttle in (("slow_3g", SLOW_3G), ("wpt_3g_slow", WPT_3G_SLOW)):
            for page_name, path in (("households_list", "/households/"),):
                figures = weigh(context, url + path, throttle)
                emit({"suite": SUITE, "page": page_name, "throttle": throttle_name,
                      "visit": "repeat, service worker", "bytes": figures["bytes"],
                      "requests": figures["requests"], "first_paint_ms": figures["fcp_ms"]})
        context.close()
        browser.close()
