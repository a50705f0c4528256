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

from django.db import IntegrityError, transaction

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
