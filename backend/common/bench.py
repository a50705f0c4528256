"""Benchmark harness: timing through the real views, figures printed as JSON.

A suite lives in `backend/<app>/bench.py` with `SUITE = "name"`,
`add_arguments(parser)` and `run(options, emit)`.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from .modules import app_modules


def discover() -> dict[str, object]:
    modules = [*app_modules("bench"), *app_modules("bench_http")]
    return {m.SUITE: m for m in modules if hasattr(m, "SUITE")}


# Transaction control (SQLite's BEGIN IMMEDIATE/COMMIT are logged, PostgreSQL's are not).
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def measure(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Run fn `repeat` times (after one warm-up); times in ms, queries of the last run."""
    fn()
    times, queries, statements = [], 0, 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx)
        statements = sum(1 for q in ctx.captured_queries if not q["sql"].startswith(CONTROL))
    if os.environ.get("BENCH_SQL"):  # the last run's statements, to see what a figure costs
        sys.stderr.write("\n".join(q["sql"][:160] for q in ctx.captured_queries) + "\n\n")
    return {"median_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2), "queries": queries,
            "statements": statements}
