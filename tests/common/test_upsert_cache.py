"""The database cache's one-statement set keeps Django's semantics (issue 18)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.common import cache as upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache():
    return caches["default"]


def test_set_overwrites_in_one_statement_and_reads_back(cache):
    cache.set("k", [1, 2], 60)
    with CaptureQueriesContext(connection) as ctx:
        cache.set("k", {"a": 3}, 60)
    assert len(ctx) == 1 and "ON CONFLICT" in ctx.captured_queries[0]["sql"]
    assert cache.get("k") == {"a": 3}
    assert cache.add("k", "other") is False and cache.get("k") == {"a": 3}


def test_an_expired_value_is_gone_and_none_timeout_keeps(cache):
    cache.set("gone", 1, -1)
    cache.set("kept", 2, None)
    assert cache.get("gone") is None and cache.get("kept") == 2


def test_a_request_never_culls_the_scheduled_job_does(cache, monkeypatch):
    monkeypatch.setattr(cache, "_max_entries", 5)  # the cache object outlives the test
    monkeypatch.setattr(cache, "_cull_frequency", 2)
    cache.set("old", 0, -1)  # expired
    with CaptureQueriesContext(connection) as ctx:
        for i in range(12):
            cache.set(f"n{i}", i, 60)
    assert len(ctx) == 12  # one statement each, every time: no count, no cull
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wspolnie_cache")
        assert cursor.fetchone()[0] == 13
    left = upsert.cull()  # the expired row first, then Django's share of the rest
    assert left <= 6 and cache.get("old") is None
    assert sum(cache.get(f"n{i}") == i for i in range(12)) == left


def test_cull_is_a_scheduled_job():
    from backend.common import scheduler

    job = scheduler.REGISTRY["cache_cull"]
    assert job.func == "backend.common.cache.cull" and job.period.total_seconds() == 900
