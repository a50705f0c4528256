"""Schemathesis against the real /api/schema/ of a running server, as a coordinator with a
token: no 5xx and no response that breaks the schema (issue 9 §5).

Bounded: SCHEMATHESIS_MAX_EXAMPLES examples per operation (default 20), so the run takes a
few minutes on 2 cores. `.ci/run` runs it with the rest of the suite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from backend.accounts import roles

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(1500)]
CLI = Path(sys.executable).with_name("schemathesis")


def test_api_has_no_server_errors_and_keeps_its_schema(live_server, make_user, site,
                                                       monkeypatch, tmp_path):
    from rest_framework.throttling import SimpleRateThrottle

    # Thousands of requests in minutes are the point here, not a client to slow down.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    user = make_user(roles.COORDINATOR, "schemathesis", sites=[site])
    token = Token.objects.create(user=user)
    examples = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20")
    done = subprocess.run(
        [str(CLI), "run", f"{live_server.url}/api/schema/",
         "--header", f"Authorization: Token {token.key}",
         "--checks", "not_a_server_error,response_schema_conformance",
         "--max-examples", examples, "--seed", "20261126", "--workers", "1",
         "--request-timeout", "30", "--no-color" if False else "--warnings=off",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=1400,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""})
    assert done.returncode == 0, done.stdout[-12000:] + done.stderr[-3000:]
