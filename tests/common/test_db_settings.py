"""Persistent connections: on in production on PostgreSQL, off on SQLite and in development."""

import json
import os
import subprocess
import sys

import pytest

PROD = {"DEBUG": "0", "SECRET_KEY": "k" * 20 + "-production-key-for-the-settings-test-only",
        "ALLOWED_HOSTS": "wspolnie.example.org", "BASE_URL": "https://wspolnie.example.org"}
PROBE = ("import os, json; os.environ['DJANGO_SETTINGS_MODULE']='backend.settings';"
         "from django.conf import settings as s; d=s.DATABASES['default'];"
         "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))")


def db_settings(**env) -> list:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DATABASE_URL", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "DEBUG"}}
    out = subprocess.run([sys.executable, "-c", PROBE], env={**clean, **env}, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("env", "expected"), [
    ({**PROD, "DATABASE_URL": "postgres://u@db:5432/w"}, [60, True]),
    ({**PROD, "DATABASE_URL": "postgres://u@db:5432/w", "CONN_MAX_AGE": "0"}, [0, False]),
    ({**PROD, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, [0, False]),
    ({"DATABASE_URL": "postgres://u@db:5432/w"}, [0, False]),
])
def test_persistent_connections_only_in_production_postgres(env, expected):
    assert db_settings(**env) == expected
