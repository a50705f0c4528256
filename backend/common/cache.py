"""The shared cache on a database table, with `set` in one statement.

Django's DatabaseCache.set counts the table, opens a savepoint, selects the key and then
updates or inserts: 5 statements for every throttled API request (DRF's throttle sets its
history each time). Here `set` is one `INSERT … ON CONFLICT (cache_key) DO UPDATE`
(PostgreSQL and SQLite both have it). The count-and-cull runs from the worker's scheduler
(`cache_cull`, every 15 minutes), never inside a request: a request's statements are the
same every time, and MAX_ENTRIES is kept approximately, as a cache may. Values are stored
as Django stores them, so get/add/delete/touch stay Django's. docs/decisions/0120.
"""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now


class UpsertDatabaseCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        qn = connection.ops.quote_name
        table = qn(self._table)
        exp = datetime.max if timeout is None else datetime.fromtimestamp(
            timeout, tz=UTC if settings.USE_TZ else None)
        exp = exp.replace(microsecond=0)
        value = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({qn('cache_key')}, {qn('value')}, {qn('expires')}) "  # noqa: S608
                f"VALUES (%s, %s, %s) ON CONFLICT ({qn('cache_key')}) DO UPDATE SET "
                f"{qn('value')} = excluded.{qn('value')}, "
                f"{qn('expires')} = excluded.{qn('expires')}",
                [key, value, connection.ops.adapt_datetimefield_value(exp)])

    def cull(self) -> int:
        """Drop expired rows and, above MAX_ENTRIES, a share of the oldest (Django's own
        cull); returns the rows left."""
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            num = cursor.fetchone()[0]
            self._cull(db, cursor, tz_now().replace(microsecond=0), num)
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            return cursor.fetchone()[0]


def cull() -> int | None:
    """The scheduled job: cull the default cache when it is this table (Redis expires
    and evicts by itself)."""
    from django.core.cache import caches

    default = caches["default"]
    return default.cull() if isinstance(default, UpsertDatabaseCache) else None
