"""Page weight as a phone on a weak signal gets it (docs/decisions/0111): static files as
production serves them (collectstatic into a folder with WhiteNoise's compressed manifest
storage — hashed names, gzip and brotli — served by WhiteNoise, pages gzipped by Django),
and Chromium counting the encoded bytes that crossed the wire (CDP loadingFinished).

Used by tests/browser/test_page_weight.py (a limit) and `manage.py bench pages` (figures,
with Chromium's slow-3G throttling). Playwright is a test dependency: imported lazily."""

import contextlib
import tempfile
from collections.abc import Iterator

from django.core.management import call_command
from django.test.utils import override_settings

# DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts): 500 kbit/s × 0.8
# each way, 400 ms × 5 latency per request.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 500 * 1000 / 8 * 0.8,
           "uploadThroughput": 500 * 1000 / 8 * 0.8}
# WebPageTest's "3G Slow" profile (400 kbit/s, 400 ms round trip). DevTools multiplies the
# round trip by 5 because it delays whole requests, not packets: with its 2,000 ms per
# request no page can paint before 2 s (the HTML alone waits that long).
WPT_3G_SLOW = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1000 / 8,
               "uploadThroughput": 400 * 1000 / 8}


@contextlib.contextmanager
def production_static(root: str | None = None, collect: bool = True) -> Iterator[str]:
    """Settings as in production for static files, collected (and compressed) into root
    (`collect=False` reuses a folder collected before)."""
    with contextlib.ExitStack() as stack:
        if root is None:
            root = stack.enter_context(tempfile.TemporaryDirectory(prefix="wsp-static-"))
        stack.enter_context(override_settings(
            DEBUG=False, STATIC_ROOT=root, WHITENOISE_USE_FINDERS=False,
            WHITENOISE_AUTOREFRESH=False, STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}))
        # the admin's, DRF's and the API docs' assets are not on any page measured here, and
        # compressing them takes minutes
        if collect:
            call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=[
                "admin", "rest_framework", "drf_spectacular_sidecar", "fonts"])
        yield root


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """A threaded server with the project's own WSGI stack (WhiteNoise serves /static/)."""
    from django.db import connections
    from django.test.testcases import LiveServerThread

    shared = {c.alias: c for c in connections.all()
              if c.vendor == "sqlite" and c.is_in_memory_db()}
    thread = LiveServerThread("127.0.0.1", static_handler=lambda app: app,
                              connections_override=shared)
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    with override_settings(ALLOWED_HOSTS=["*"]):
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield f"http://127.0.0.1:{thread.port}"
        finally:
            thread.terminate()
            for conn in shared.values():
                conn.dec_thread_sharing()


def weigh(context, url: str, throttle: dict | None = None) -> dict:
    """Open url in a fresh page of `context`; encoded bytes of every response until the
    load event and the network is idle, and the first contentful paint (ms)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttle:
        cdp.send("Network.emulateNetworkConditions", throttle)
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent",
           lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    fcp = page.evaluate("""() => { const p = performance.getEntriesByName(
        'first-contentful-paint')[0]; return p ? Math.round(p.startTime) : null; }""")
    files = {urls.get(rid, rid).split("?")[0]: size for rid, size in sizes.items()}
    page.close()
    return {"bytes": sum(sizes.values()), "requests": len(sizes), "fcp_ms": fcp,
            "files": files}


def login_state(browser, base_url: str, username: str, password: str) -> dict:
    """Cookies of a logged-in session, so the measured context starts with a cold cache."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    state = context.storage_state()
    context.close()
    return state
