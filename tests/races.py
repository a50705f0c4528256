"""Run N callables at once, each in its own thread with its own database connection."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections


def needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


def race(workers: list[Callable[[], object]]) -> list[object]:
    """Start every worker at the same moment (a barrier); return their results in the order
    they finished. An exception is returned as its repr, so a 500 shows in the results."""
    barrier = threading.Barrier(len(workers))
    results: list[object] = []
    lock = threading.Lock()

    def wrap(fn):
        try:
            barrier.wait()
            outcome = fn()
        except Exception as exc:  # noqa: BLE001 - the test asserts on it
            outcome = repr(exc)
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=wrap, args=(fn,)) for fn in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def same_client(client_class, template):
    """A new test client (for another thread) carrying `template`'s session cookie."""
    other = client_class()
    other.cookies.load({name: morsel.value for name, morsel in template.cookies.items()})
    return other
