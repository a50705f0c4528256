"""One request, one effect: the pretix way for every nonce-carrying write.

`once(claim, work, replay)` runs in one transaction:

1. `claim()` inserts the row whose unique key is the client's nonce (a scan log entry,
   a hand-over) *first*. A concurrent twin's insert waits on that key until the first
   transaction ends, then fails with IntegrityError — the database decides, not a
   look-up made before the transaction.
2. `work(row)` does the action and fills the row in; both commit together. Raise
   `Undo(answer)` to roll the work and the nonce row back and answer anyway (a refusal
   that must not hold the nonce).
3. The twin that lost rolls back its savepoint and answers `replay()`: the first result,
   read from the committed row.

Callers may already hold locks (their own outer transaction): the claim is a savepoint.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import sql
from django.db.models.constants import OnConflict
from django.utils import timezone

Row = TypeVar("Row")
Answer = TypeVar("Answer")


class Undo(Exception):  # noqa: N818 - a control signal, not an error
    """Roll back the work and its nonce row, and answer `answer`."""

    def __init__(self, answer: Any):
        super().__init__()
        self.answer = answer


def once(claim: Callable[[], Row], work: Callable[[Row], Answer],
         replay: Callable[[], Answer]) -> Answer:
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = claim()
            except IntegrityError:
                row = None
            if row is not None:
                return work(row)
    except Undo as undo:
        return undo.answer
    return replay()


def insert_once(obj: models.Model) -> bool:
    """Insert `obj` unless a row with its unique key (the nonce) exists: one statement,
    `INSERT … ON CONFLICT DO NOTHING RETURNING id`, no savepoint. True (and obj.pk set)
    when this call inserted it. A concurrent twin's insert waits on the key and then does
    nothing, exactly as `once`'s claim fails — for callers that run every refusal check
    before claiming, under a lock that serialises them (docs/decisions/0120)."""
    meta = obj._meta
    for field in meta.concrete_fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            setattr(obj, field.attname, timezone.now())
    fields = [f for f in meta.local_concrete_fields if not f.primary_key]
    query = sql.InsertQuery(obj.__class__, on_conflict=OnConflict.IGNORE)
    query.insert_values(fields, [obj])
    db = router.db_for_write(obj.__class__)
    compiler = query.get_compiler(using=db)
    compiler.returning_fields = [meta.pk]
    [(statement, params)] = compiler.as_sql()
    with connections[db].cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding, obj._state.db = False, db
    return True
