"""assert_audited: a service that writes left an audit entry people can read."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from backend.accounts import audit
from backend.accounts.models import AuditEntry


def assert_audited(obj, action: str = "update", *, fields: tuple[str, ...] = (), actor=None,
                   since: int = 0) -> AuditEntry:
    """The newest `action` entry about `obj` (after entry id `since`): by `actor` when given,
    naming every one of `fields` among its changes, each shown under its field's label (not
    the raw field name) by audit.readable. Returns the entry."""
    entry = (AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk), action=action, pk__gt=since).order_by("-pk").first())
    assert entry is not None, f"no {action!r} audit entry for {obj!r}"
    if actor is not None:
        assert entry.actor_id == actor.pk, (entry.actor_id, actor.pk)
    missing = set(fields) - set(entry.changes)
    assert not missing, f"audit entry for {obj!r} lacks {sorted(missing)}: {entry.changes}"
    # audit.readable shows a change under its model field's label; a key that is no field
    # would be shown as its raw name ("birth_date") in the history
    unlabelled = [key for key in fields if not hasattr(
        audit._field(type(obj), key), "verbose_name")]
    assert not unlabelled, f"changes without a field label: {unlabelled}"
    audit.readable([entry])  # renders without error
    return entry


def last_entry_id() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
