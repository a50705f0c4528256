"""Schemathesis against the real /api/schema/ of a running server, as a coordinator with a
token: no 5xx and no response that breaks the schema (issue 9 §5).

Bounded: SCHEMATHESIS_MAX_EXAMPLES examples per operation (default 20) in the phases
SCHEMATHESIS_PHASES (default examples, fuzzing and stateful; "coverage" adds thousands of
boundary cases) and at most SCHEMATHESIS_MAX_TIME seconds (default 600), so the run fits a
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
    phases = os.environ.get("SCHEMATHESIS_PHASES", "examples,fuzzing,stateful")
    max_time = os.environ.get("SCHEMATHESIS_MAX_TIME", "600")
    # The real schema, as the server serves it (fetched here: generating it takes longer than
    # the CLI's schema-loading timeout on a busy 2-core machine).
    from django.test import Client

    schema = Client().get("/api/schema/", {"format": "json"},
                          HTTP_AUTHORIZATION=f"Token {token.key}")
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_bytes(schema.content)
    done = subprocess.run(
        [str(CLI), "run", str(tmp_path / "schema.json"), "--url", live_server.url,
         "--header", f"Authorization: Token {token.key}",
         "--checks", "not_a_server_error,response_schema_conformance",
         "--max-examples", examples, "--seed", "20261126", "--workers", "1",
         "--phases", phases, "--max-time", max_time, "--continue-on-failure",
         "--request-timeout", "30", "--warnings=off",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=1400, cwd=tmp_path,  # its cache stays there
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""})
    print(done.stdout[-6000:])  # the summary, in the test log
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-3000:]
