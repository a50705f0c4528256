"""A fake Twilio REST server: a real HTTP server on 127.0.0.1 the real `twilio`
client talks to. Programmable per number: errors, slow answers, time-outs. It
counts what it received and can send signed status callbacks and inbound SMS."""

import datetime as dt
import email.utils
import itertools
import json
import re
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
# Kept by the fake but, as on Twilio, never shown in the API's message resource.
PRIVATE = {"status_callback", "_at"}
AUTH_TOKEN = "fake-auth-token-0123456789abcdef"
_CREATE = re.compile(r"^/2010-04-01/Accounts/(?P<acc>\w+)/Messages\.json$")
_FETCH = re.compile(r"^/2010-04-01/Accounts/(?P<acc>\w+)/Messages/(?P<sid>SM\w+)\.json$")


def _public(message: dict) -> dict:
    return {key: value for key, value in message.items() if key not in PRIVATE}


@dataclass
class Behaviour:
    status: int = 201
    code: int | None = None
    delay: float = 0.0
    times: int | None = None  # None = always; else only the next N requests


@dataclass
class FakeTwilio:
    auth_token: str = AUTH_TOKEN
    messages: dict = field(default_factory=dict)  # sid -> dict
    received: list = field(default_factory=list)  # (to, body) accepted
    attempts: list = field(default_factory=list)  # every create request, accepted or not
    behaviours: dict = field(default_factory=dict)  # number or "*" -> Behaviour
    delay: float = 0.0
    # Like Twilio, post this status to the message's StatusCallback URL; with
    # early_callback it goes out before the create request is answered (a real race).
    early_callback: str | None = None
    callbacks: list = field(default_factory=list)  # (sid, status, http status) posted
    _ids = itertools.count(1)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # --- programming ------------------------------------------------------
    def on(self, number: str, status: int, code: int | None = None, delay: float = 0.0,
           times: int | None = None) -> None:
        self.behaviours[number] = Behaviour(status, code, delay, times)

    def per_number(self) -> Counter:
        return Counter(to for to, _body in self.received)

    def duplicates(self) -> dict:
        return {key: n for key, n in Counter(self.received).items() if n > 1}

    def _behaviour(self, to: str) -> Behaviour | None:
        with self.lock:
            rule = self.behaviours.get(to) or self.behaviours.get("*")
            if rule is None:
                return None
            if rule.times is not None:
                rule.times -= 1
                if rule.times <= 0:
                    self.behaviours = {k: v for k, v in self.behaviours.items() if v is not rule}
            return rule

    # --- server -----------------------------------------------------------
    def start(self) -> "FakeTwilio":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True
            wbufsize = 65536  # one write per response (no Nagle/delayed-ACK stalls)

            def log_message(self, *args):
                pass

            def _answer(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self):
                match = _CREATE.match(self.path.split("?")[0])
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                if not match:
                    return self._answer(404, {"code": 20404, "message": "not found"})
                to, body = form.get("To", [""])[0], form.get("Body", [""])[0]
                fake.attempts.append((to, body))
                rule = fake._behaviour(to)
                delay = (rule.delay if rule else 0.0) or fake.delay
                if delay:
                    time.sleep(delay)
                if rule and rule.status != 201:
                    return self._answer(rule.status, {
                        "code": rule.code, "message": f"fake error {rule.code}",
                        "more_info": "", "status": rule.status})
                with fake.lock:
                    sid = f"SM{next(fake._ids):032x}"
                    now = dt.datetime.now(dt.UTC)
                    stamp = email.utils.format_datetime(now)
                    message = {"sid": sid, "account_sid": match["acc"], "to": to, "body": body,
                               "from": form.get("From", [""])[0], "status": "queued",
                               "status_callback": form.get("StatusCallback", [""])[0],
                               "error_code": None, "error_message": None,
                               "messaging_service_sid": form.get("MessagingServiceSid",
                                                                 [None])[0],
                               "num_segments": "1", "direction": "outbound-api",
                               "date_created": stamp, "date_updated": stamp, "date_sent": stamp,
                               "price": None, "_at": now,
                               "uri": f"/2010-04-01/Accounts/{match['acc']}/Messages/{sid}.json"}
                    fake.messages[sid] = message
                    fake.received.append((to, body))
                if fake.early_callback and message["status_callback"]:
                    fake.status_callback(sid, fake.early_callback)
                self._answer(201, _public(message))

            def do_GET(self):
                path, _q, query = self.path.partition("?")
                match = _FETCH.match(path)
                if match:
                    message = fake.messages.get(match["sid"])
                    if message is None:
                        return self._answer(404, {"code": 20404, "message": "not found"})
                    return self._answer(200, _public(message))
                if _CREATE.match(path):
                    params = urllib.parse.parse_qs(query)
                    to = params.get("To", [None])[0]
                    # Twilio filters DateSent by day (GMT), not by the second.
                    after = params.get("DateSent>", [""])[0][:10]
                    with fake.lock:
                        found = [_public(m) for m in reversed(list(fake.messages.values()))
                                 if (to is None or m["to"] == to)
                                 and (not after or m["_at"].date().isoformat() >= after)]
                    return self._answer(200, {"messages": found, "next_page_uri": None,
                                              "page": 0, "page_size": 50, "uri": path})
                self._answer(404, {"code": 20404, "message": "not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- calling the app --------------------------------------------------
    def sign(self, url: str, params: dict) -> str:
        return RequestValidator(self.auth_token).compute_signature(url, params)

    def signed_post(self, url: str, params: dict, client=None):
        """POST form params to the app signed like Twilio. With a Django test client
        (client=...), `url` is the public URL and the path is taken from it."""
        signature = self.sign(url, params)
        if client is not None:
            parts = urllib.parse.urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            return client.post(path, params, HTTP_X_TWILIO_SIGNATURE=signature)
        data = urllib.parse.urlencode(params).encode()
        request = urllib.request.Request(url, data=data,
                                         headers={"X-Twilio-Signature": signature})
        return urllib.request.urlopen(request, timeout=10)

    def status_callback(self, sid: str, status: str, client=None, error_code: str = ""):
        """POST a signed status callback to the URL given when the message was created
        (query string included, as Twilio does)."""
        message = self.messages[sid]
        message["status"] = status
        params = {"MessageSid": sid, "MessageStatus": status, "AccountSid": ACCOUNT_SID,
                  "To": message["to"], "From": message["from"] or ""}
        if error_code:
            params["ErrorCode"] = error_code
        response = self.signed_post(message["status_callback"], params, client)
        self.callbacks.append((sid, status, getattr(response, "status_code", None)
                               or getattr(response, "status", None)))
        return response

    def inbound(self, url: str, from_: str, body: str, client=None, sid: str | None = None):
        params = {"MessageSid": sid or f"SM{next(self._ids):032x}", "From": from_,
                  "To": "+48500000000", "Body": body, "AccountSid": ACCOUNT_SID}
        return self.signed_post(url, params, client)
