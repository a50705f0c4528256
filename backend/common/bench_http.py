"""HTTP: gunicorn (2 sync workers) on the benchmark's own PostgreSQL database, driven by
wrk (8 connections); requests/s, p50 and p99 per operation and the ratio to the DRF
floor (a token-auth DRF view, in bench_urls only). Afterwards: every hand-over answered
2xx was recorded exactly once and stock_check passes. README "HTTP benchmark"."""

import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from backend.accounts import roles
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, PickupSlot
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location, QRTag
from backend.inventory.selectors import stock_check

SUITE = "http"
LUA = r"""
local items = {ITEMS}
local method, counter = "METHOD", 0
setup = function(thread) thread:set("tid", counter); counter = counter + 1 end
init = function(args) n = tid end
request = function()
  local it = items[(n % #items) + 1]
  n = n + THREADS
  local body = it[2]
  if body ~= nil then body = string.gsub(body, "NONCE", tostring(n) .. "-" .. tid) end
  return wrk.format(method, it[1], HEADERS, body)
end
done = function(summary, latency, requests)
  io.write(string.format(
    '\nRESULT {"requests": %d, "seconds": %.3f, "non2xx": %d, "errors": %d, '
    .. '"p50_ms": %.2f, "p99_ms": %.2f}\n', summary.requests, summary.duration / 1e6,
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def add_arguments(parser) -> None:
    parser.add_argument("--households", type=int, default=3_000,
                        help="households enrolled in the benchmark drive")
    parser.add_argument("--seconds", type=int, default=8, help="load per operation")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=0)


def _lua(items: list[tuple[str, str | None]], method: str, headers: dict, threads: int) -> str:
    def q(text):
        return json.dumps(text) if text is not None else "nil"

    lua_items = "{" + ",".join(f"{{{q(p)}, {q(b)}}}" for p, b in items) + "}"
    lua_headers = "{" + ",".join(f"[{q(k)}]={q(v)}" for k, v in headers.items()) + "}"
    return (LUA.replace("{ITEMS}", lua_items).replace("METHOD", method)
            .replace("HEADERS", lua_headers).replace("THREADS", str(threads)))


def _seed(count: int, secret: str):
    from backend.drives import bench as drives_bench
    from backend.drives import services as drives

    user, drive, site = drives_bench.seed(count, 100)
    drives.commit(user, drive)
    PickupSlot.objects.filter(distribution=drive.distribution).update(
        date=timezone.localdate())  # hand-overs only on the slot's day: today
    PickupSlot.objects.filter(distribution=drive.distribution).update(capacity=count)
    engine.assign_slots(user, drive.distribution)
    while drive.status != drive.Status.DISTRIBUTING:
        drive = drives.advance(user, drive)
    # the 100-row CSV export: 100 households booked yesterday (not handed over here)
    yesterday = PickupSlot.objects.create(
        distribution=drive.distribution, site=site, start=dt.time(8), end=dt.time(10),
        date=timezone.localdate() - dt.timedelta(days=1), capacity=100)
    Enrolment.objects.filter(pk__in=Enrolment.objects.filter(
        distribution=drive.distribution).order_by("id").values("pk")[:100]).update(
        slot=yesterday)
    roles.sync_roles()
    people = {}
    for role in (roles.VOLUNTEER, roles.COORDINATOR):
        who, _c = get_user_model().objects.get_or_create(username=f"bench-{role}")
        who.groups.add(Group.objects.get(name=role))
        client = Client()
        with override_settings(SECRET_KEY=secret):  # signed as gunicorn will check it
            client.force_login(who)
        people[role] = (Token.objects.get_or_create(user=who)[0].key,
                        client.cookies[settings.SESSION_COOKIE_NAME].value)
    item = Item.objects.create(name="Bench skaner", unit="kg",
                               category=Category.objects.get_or_create(name="Bench")[0])
    shelf = stock.create_location(user, site, "Skan A", Location.Kind.WAREHOUSE)
    other = stock.create_location(user, site, "Skan B", Location.Kind.WAREHOUSE)
    lot = stock.create_lot(user, item, shelf, 1_000_000)
    tag = QRTag.objects.filter(lot=lot).first()
    return drive, yesterday, people, {"lot": lot.pk, "from": shelf.pk, "to": other.pk,
                                  "code": tag.short_code}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int, db_name: str, secret: str) -> subprocess.Popen:
    url = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.common.bench_settings",
           "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{db_name}",
           "DEBUG": "0", "SECRET_KEY": secret,
           "ALLOWED_HOSTS": "127.0.0.1", "BASE_URL": "https://bench.wspolnie.example.org",
           "SECURE_SSL_REDIRECT": "0", "API_THROTTLE_USER": "10000000/min",
           "API_THROTTLE_ANON": "10000000/min", "LOG_LEVEL": "WARNING"}
    gunicorn = Path(os.sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "backend.wsgi", "-w", "2", "-b",
                             f"127.0.0.1:{port}", "--log-level", "warning"], env=env,
                            cwd=settings.BASE_DIR, start_new_session=True)
    for _i in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGTERM)
    raise RuntimeError("gunicorn did not start")


def _wrk(port: int, name: str, items, method: str, headers: dict, options) -> dict:
    threads = 2
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(items, method, headers, threads))
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(options["connections"]), "-d",
         f"{options['seconds']}s", "--timeout", "10s", "-s", script.name,
         f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=600, check=True)
    os.unlink(script.name)
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["rps"] = round(result["requests"] / max(result["seconds"], 1e-9), 1)
    return {"operation": name, **result}


def run(options, emit) -> None:
    if connection.vendor != "postgresql":
        raise SystemExit("bench http runs on PostgreSQL: set DATABASE_URL")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (scripts/bench-http does)")
    secret = secrets.token_urlsafe(50)
    drive, yesterday, people, scan = _seed(options["households"], secret)
    vol_token, vol_session = people[roles.VOLUNTEER]
    coo_token, coo_session = people[roles.COORDINATOR]
    enrolments = list(Enrolment.objects.filter(distribution=drive.distribution)
                      .exclude(slot=yesterday).order_by("id").values_list("pk", "pickup_code"))
    half = len(enrolments) // 2
    lookups, confirms = enrolments[:half], enrolments[half:]
    repeated = lookups[0]  # handed over once now; then the same request again and again
    engine.hand_over(None, Enrolment.objects.get(pk=repeated[0]), nonce="bench-repeat")
    before = HandOver.objects.count()
    api = {"Authorization": f"Token {vol_token}", "Content-Type": "application/json"}
    coo_api = {"Authorization": f"Token {coo_token}"}
    vol_page = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={vol_session}"}
    coo_page = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={coo_session}"}
    d = drive.pk
    plan = [
        ("bare Django view", [("/bench/bare/", None)], "GET", {}),
        ("DRF token floor", [("/bench/drf/", None)], "GET", api),
        ("hand-over lookup by code", [(f"/api/v1/handovers/lookup/?drive={d}&code={c}", None)
                                      for _pk, c in lookups[1:]], "GET", api),
        ("hand-over confirm", [("/api/v1/handovers/", json.dumps(
            {"enrolment": pk, "code": c, "nonce": f"b-{pk}"})) for pk, c in confirms],
         "POST", api),
        ("hand-over repeated", [("/api/v1/handovers/", json.dumps(
            {"enrolment": repeated[0], "code": repeated[1], "nonce": "bench-repeat"}))],
         "POST", api),
        ("scan resolve", [("/api/v1/scan/resolve/", json.dumps({"code": scan["code"]}))],
         "POST", api),
        ("scan move", [("/api/v1/scan/action/", json.dumps(
            {"action": "move", "lot": scan["lot"], "location": scan["from"],
             "target": scan["to"], "quantity": "1", "nonce": "NONCE"}))], "POST",
         {**api, "Authorization": f"Token {coo_token}"}),
        ("volunteer hand-over page", [(f"/drives/{d}/handover/", None)], "GET", vol_page),
        ("household list page", [("/households/", None)], "GET", coo_page),
        ("household list API", [("/api/v1/households/", None)], "GET", coo_api),
        ("drive detail", [(f"/drives/{d}/", None)], "GET", coo_page),
        ("CSV export 100 rows", [(f"/drives/{d}/list/?format=csv&day={yesterday.date}",
                                  None)], "GET", coo_page),
    ]
    port = options["port"] or _free_port()
    proc = _start(port, connection.settings_dict["NAME"], secret)
    results = []
    try:
        for name, items, method, headers in plan:
            results.append(_wrk(port, name, items, method, headers, options))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    floor = next(r for r in results if r["operation"] == "DRF token floor")["rps"]
    for r in results:
        r["ratio_to_drf_floor"] = round(r["rps"] / max(floor, 1e-9), 3)
        emit({"benchmark": "http", **r})
    confirm = next(r for r in results if r["operation"] == "hand-over confirm")
    ok_confirms = confirm["requests"] - confirm["non2xx"] - confirm["errors"]
    recorded = HandOver.objects.count() - before
    per_nonce = HandOver.objects.filter(nonce__startswith="b-").values("nonce").distinct()
    emit({"benchmark": "http.check", "confirm_2xx": ok_confirms,
          "handovers_recorded": recorded, "distinct_nonces": per_nonce.count(),
          # in flight when wrk stopped: recorded, not counted by wrk
          "exactly_once": recorded == per_nonce.count()
          and ok_confirms <= recorded <= ok_confirms + options["connections"]
          and HandOver.objects.filter(nonce="bench-repeat").count() == 1,
          "stock_check_ok": stock_check() == [],
          "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
