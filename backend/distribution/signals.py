"""Signals of the distribution engine, for programmes that keep their own books.

`handed_over` is sent inside the hand-over's transaction, after stock was issued, with
`issued` = [(allocation, quantity), ...]. A receiver that raises undoes the hand-over, so
receivers only record (e.g. the FEPŻ ration ledger, backend.foodaid) and never refuse.
"""

from django.dispatch import Signal

handed_over = Signal()  # sender=Enrolment; enrolment, handover, issued, actor
