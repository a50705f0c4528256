"""Every page and form each demo role reaches, with odd values: never a 5xx (issue 9 §5 for
what schemathesis does not see). GET: every page again with common query keys set to odd
values, and each of its own query keys alone. POST: every form on those pages with all of its
fields set to each odd value (in a rolled-back transaction).

Opt-in, about 2 minutes on 2 cores: `WSPOLNIE_CRAWL=1 .venv/bin/python -m pytest
tests/common/test_crawl_odd_input.py`. Before issue 9's audit it found 27 failing requests
(ids and impossible dates straight into the ORM, `next=abc`, an id above 2**63 on SQLite)."""

import os
import re
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(
    not os.environ.get("WSPOLNIE_CRAWL"), reason="opt-in: WSPOLNIE_CRAWL=1 (about 2 minutes)")]

ODD = ["abc", "1e30", "-1", "NaN", "\x00", "2026-13-45", "9" * 20]
KEYS = ["site", "page", "drive", "status", "date", "day", "q", "kind", "session", "month",
        "year", "from", "to", "date_from", "date_to", "period", "programme", "sort", "tab",
        "event", "camp", "shift", "category", "item", "location", "per_page", "format",
        "household", "subprogramme", "next"]
SKIP = re.compile(r"(logout|setlang|/media/|/login/|/password/)")
FORM = re.compile(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


def _crawl(client):
    seen, queue, forms, failures = set(), deque(["/"]), {}, []
    while queue and len(seen) < 300:
        url = queue.popleft()
        path = urlsplit(url).path
        try:
            view = resolve(path).view_name
        except Resolver404:
            continue
        own_keys = tuple(sorted(k for k, _v in parse_qsl(urlsplit(url).query)))
        if (view, own_keys) in seen or SKIP.search(path):
            continue
        seen.add((view, own_keys))
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(("GET", url))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        queue.extend(unescape(href) for href in re.findall(r'href="(/[^"#]*)"', html))
        for form in FORM.finditer(html):
            action = re.search(r'action="([^"]*)"', form.group(0)[:300])
            target = urlsplit(unescape(action.group(1)) if action and action.group(1)
                              else path).path
            forms.setdefault(target, set()).update(
                set(re.findall(r'name="([^"]+)"', form.group(1))) - {"csrfmiddlewaretoken"})
        for odd in ODD:
            tries = [{k: odd for k in KEYS}] + [{k: odd} for k in own_keys]
            for query in tries:
                if client.get(path + "?" + urlencode(query)).status_code >= 500:
                    failures.append(("GET", path, query))
    for target, names in sorted(forms.items()):
        if SKIP.search(target):
            continue
        for odd in ODD:
            with transaction.atomic():
                code = client.post(target, {name: odd for name in names}).status_code
                transaction.set_rollback(True)
            if code >= 500:
                failures.append(("POST", target, odd))
    return len(seen), len(forms), failures


def test_no_page_or_form_answers_5xx_to_odd_values(users):
    from backend.common.demo import load_all

    load_all()
    ours = {user.username for user in users.values()}
    report = {}
    for user in get_user_model().objects.filter(is_active=True).exclude(username__in=ours):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        pages, forms, failures = _crawl(client)
        report[user.username] = (pages, forms)
        assert not failures, (user.username, failures[:20])
    print(report)
    assert report
