"""Role matrices (NetBox's ViewTestCases, as one table per app): every page and endpoint
x every role, reads and writes, in one assertion that lists every mismatch.

    from tests.matrix import ALL, STAFF, A, C, S, api, ui, assert_api_matrix, assert_ui_matrix

    UI = [ui("list", lambda o: reverse("drives:list"), ALL),
          ui("edit", lambda o: reverse("drives:edit", args=[o["drive"].pk]), STAFF,
             method="post", body=lambda o: {...}, ok=302)]
    API = [api("targets", lambda o: "/api/v1/drive-targets/", STAFF),
           api("target_delete", lambda o: f"/api/v1/drive-targets/{o['target'].pk}/", STAFF,
               method="delete")]

    def test_matrix(users, ready):
        fresh = lambda: {"drive": DriveFactory(), "target": TargetFactory()}
        assert_ui_matrix(users, UI, {"drive": ready}, fresh=fresh)
        assert_api_matrix(users, API, {"drive": ready}, fresh=fresh)

Read rows share one set of objects; every write row (POST, PUT, PATCH, DELETE) gets a fresh
set per role (`fresh()`), so a DELETE that one role may do does
not turn into a 404 for the next role. Allowed roles get `ok` (GET 200; API POST 201, DELETE
204; page POST 302); the others 403; anonymous: pages redirect to the login, the API answers
401/403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from backend.accounts import roles

A, C, S, W, V, R = (roles.ADMINISTRATOR, roles.COORDINATOR, roles.SOCIAL_WORKER,
                    roles.WAREHOUSE_VOLUNTEER, roles.VOLUNTEER, roles.VIEWER)
ALL = frozenset({A, C, S, W, V, R})
STAFF = frozenset({A, C})
READS = {"get", "head", "options"}
API_OK = {"get": 200, "post": 201, "put": 200, "patch": 200, "delete": 204}
UI_OK = {"get": 200, "post": 302, "delete": 302}


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[dict], str]
    allowed: frozenset
    method: str = "get"
    body: Callable[[dict], Any] | None = None
    ok: int | None = None
    kind: str = field(default="ui")

    @property
    def writes(self) -> bool:
        return self.method not in READS

    def expected(self, role: str | None) -> int | tuple[int, ...]:
        if role is None:
            return 302 if self.kind == "ui" else (401, 403)
        if role not in self.allowed:
            return 403
        return self.ok or (UI_OK if self.kind == "ui" else API_OK)[self.method]


def ui(name, url, allowed, *, method="get", body=None, ok=None) -> Row:
    return Row(name, url, frozenset(allowed), method, body, ok, "ui")


def api(name, url, allowed, *, method="get", body=None, ok=None) -> Row:
    return Row(name, url, frozenset(allowed), method, body, ok, "api")


def _call(row: Row, user, objects: dict):
    url, body = row.url(objects), row.body(objects) if row.body else None
    if row.kind == "ui":
        client = Client()
        if user is not None:
            client.force_login(user)
        return getattr(client, row.method)(url, body) if body is not None else \
            getattr(client, row.method)(url)
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return getattr(client, row.method)(url, body, format="json") if body is not None else \
        getattr(client, row.method)(url)


Objects = dict | Callable[[], dict]


def _run(users: dict, rows: Iterable[Row], objects: Objects, fresh: Callable[[], dict] | None,
         anonymous: bool) -> None:
    shared = objects if isinstance(objects, dict) else None
    fresh = fresh or (objects if callable(objects) else None)
    mismatches = []
    who = [*sorted(users), *([None] if anonymous else [])]
    for row in rows:
        for role in who:
            if row.writes:
                assert fresh is not None, "write rows need fresh objects: pass fresh="
                these = fresh()
            else:
                shared = shared if shared is not None else objects()
                these = shared
            response = _call(row, users[role] if role else None, these)
            expected = row.expected(role)
            good = response.status_code in expected if isinstance(expected, tuple) else \
                response.status_code == expected
            if good and role is None and row.kind == "ui":
                good = "/accounts/login/" in response.get("Location", "")
            if not good:
                mismatches.append(f"{row.method.upper()} {row.name} as {role or 'anonymous'}: "
                                  f"{response.status_code}, expected {expected}")
    assert not mismatches, "role matrix mismatches:\n" + "\n".join(mismatches)


def assert_ui_matrix(users: dict, rows: Iterable[Row], objects: Objects, *,
                     fresh: Callable[[], dict] | None = None, anonymous: bool = True) -> None:
    """Every page row x every role (and anonymous). `objects`: a dict, or a callable building
    it, for the read rows; `fresh()`: new objects for each write row and role (defaults to
    `objects` when that is callable)."""
    _run(users, [r for r in rows if r.kind == "ui"], objects, fresh, anonymous)


def assert_api_matrix(users: dict, rows: Iterable[Row], objects: Objects, *,
                      fresh: Callable[[], dict] | None = None, anonymous: bool = True) -> None:
    """As assert_ui_matrix, for the REST API (APIClient, JSON bodies)."""
    _run(users, [r for r in rows if r.kind == "api"], objects, fresh, anonymous)
