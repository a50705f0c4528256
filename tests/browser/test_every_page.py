"""Every page, as each role and as a visitor who is not logged in (issues 12 and 17):

- at 390x844 the page never scrolls sideways (`scrollWidth <= 390`; wide tables scroll inside
  their own focusable region);
- axe-core finds no critical or serious WCAG 2.1 A/AA violation at 390 px nor at 1366 px;
  moderate and minor ones are printed (run with -s) and written to
  /tmp/shots/a11y/axe-<role>.txt.

The pages are found by following the links each role sees, starting from the home page, on the
demo data set (so a new page is covered as soon as a menu links to it). One visit per route
(and per `?tab=`), which keeps a role's crawl to about a minute."""

import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.urls import Resolver404, resolve

from backend.people.demo import DEMO_USERS

from .axe import BLOCKING, run_axe
from .conftest import demo_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
REPORT_DIR = Path("/tmp/shots/a11y")
# Routes that are not pages (downloads, actions that answer a GET with 405, session changes).
NOT_PAGES = re.compile(r"(\.(pdf|csv|json|xlsx|ods|zip)$|/(logout|setlang|jsi18n|media)/|/export/|/pdf/|"
                       r"/labels\.pdf|/etykiety/|/login/[^/]+/$|/c/[^/]+/$|/q/)")
# Public pages a visitor reaches from outside (a poster, an SMS, the footer).
PUBLIC_SEEDS = ["/accounts/login/", "/accounts/password/reset/", "/exchange/oddaj/",
                "/exchange/potrzebujemy/", "/volunteers/zglos-sie/", "/dostepnosc/"]
MAX_PAGES = 120
# axe takes 1-3 s a page on 2 cores: a DOM already checked at a width (the same page content
# seen by another role, the same header on another page) is not checked again. The DOM is
# compared without the CSRF tokens, which differ on every render.
CHECKED: set = set()
FINGERPRINT = """() => {
  const text = sel => Array.from(document.querySelectorAll(sel)).map(e => e.outerHTML).join('')
    .replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, '').replace(/"X-CSRFToken": "[^"]*"/g, '');
  return [document.title + text('main'), text('header') + text('footer')];
}"""


def _route_key(url: str) -> tuple | None:
    parts = urlsplit(url)
    if NOT_PAGES.search(parts.path):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    tab = parse_qs(parts.query).get("tab", [""])[0]
    return (match.view_name, tab)


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    out = []
    for href in hrefs:
        parts = urlsplit(href)
        if not href.startswith(base):
            continue
        query = {k: v for k, v in parse_qs(parts.query).items() if k == "tab"}
        out.append(parts.path + (f"?{urlencode(query, doseq=True)}" if query else ""))
    return out


def crawl(page, base: str, username: str | None) -> dict:
    """Visit every page reachable from the start pages; return the problems found."""
    seen: set = set()
    queue = deque(["/"] if username else PUBLIC_SEEDS)
    problems = {"errors": {}, "status": {}, "too_wide": {}, "no_statement_link": {}, "blocking": {},
                "moderate": {}}
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        key = _route_key(url)
        if key is None or key in seen:
            continue
        seen.add(key)
        visited += 1
        try:
            _check(page, base, url, problems)
        except Exception as exc:  # noqa: BLE001 - recorded per page, the crawl goes on
            problems["errors"][url] = f"{type(exc).__name__}: {str(exc)[:200]}"
            continue
        queue.extend(u for u in _links(page, base) if _route_key(u) not in seen)
    problems["visited"] = visited
    return problems


def _check(page, base: str, url: str, problems: dict) -> None:
    page.set_viewport_size(PHONE)
    response = page.goto(base + url)
    status = response.status if response else 0
    if status >= 500 or status == 0:
        problems["status"][url] = status
        return
    if "text/html" not in (response.headers.get("content-type") or ""):
        return  # a download served under a page-like URL (e.g. a PDF list)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems["too_wide"][url] = width
    if not page.locator("footer a[href='/dostepnosc/']").count():
        problems["no_statement_link"][url] = status
    for label, size in (("390", PHONE), ("1366", DESKTOP)):
        if size is DESKTOP:
            page.set_viewport_size(DESKTOP)
        main, chrome = page.evaluate(FINGERPRINT)
        if (label, main) not in CHECKED:
            context = None  # the whole document: page-level rules (title, lang) too
        elif (label, chrome) not in CHECKED:
            context = ["header", "footer", ".skip-link"]
        else:
            continue
        CHECKED.update({(label, main), (label, chrome)})
        for v in run_axe(page, context):
            bucket = "blocking" if v["impact"] in BLOCKING else "moderate"
            problems[bucket].setdefault(f"{v['impact']} {v['id']}: {v['help']}", set()).add(
                f"{url} @{label} {v['nodes'][:2]}")


def _report(role: str, problems: dict) -> str:
    lines = [f"== {role}: {problems['visited']} pages"]
    for bucket in ("errors", "status", "too_wide", "no_statement_link"):
        lines += [f"{bucket}: {url} {value}" for url, value in problems[bucket].items()]
    for bucket in ("blocking", "moderate"):
        for rule, where in sorted(problems[bucket].items()):
            lines.append(f"{bucket}: {rule}")
            lines += [f"    {w}" for w in sorted(where)[:6]]
    return "\n".join(lines)


@pytest.mark.timeout(1500)
@pytest.mark.parametrize("username", [u[0] for u in DEMO_USERS] + [None])
def test_every_page_fits_a_phone_and_passes_axe(username, demo_data, launch_browser,
                                               live_server):
    if connection.vendor != "sqlite":
        pytest.skip("templates do not depend on the database: the SQLite pass covers this "
                    "(decision 0115)")
    browser = launch_browser()
    context = browser.new_context(viewport=PHONE, locale="pl-PL", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    if username:
        demo_login(page, live_server.url, username)
    problems = crawl(page, live_server.url, username)
    context.close()
    report = _report(username or "anonymous", problems)
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / f"axe-{username or 'anonymous'}.txt").write_text(report + "\n")
    print(report)
    assert problems["visited"] > (20 if username in ("admin", "koordynator") else 3), report
    assert not problems["errors"], report
    assert not problems["status"], report
    assert not problems["too_wide"], report
    assert not problems["no_statement_link"], report
    assert not problems["blocking"], report
