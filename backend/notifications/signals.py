"""Signals other apps listen to.

reply_received(sender=OutboxMessage, message, obj, outcome, inbound):
  a recipient answered TAK ("confirm") or NIE ("decline") to the latest open notice
  (one enqueued with expects_reply=True); obj is its business object (may be None).
"""

from django.dispatch import Signal

reply_received = Signal()
