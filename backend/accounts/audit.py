"""The one place that writes the audit log (DESIGN §6: never in each view)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.forms.models import model_to_dict

from .models import AuditEntry

# Values of these fields are never copied into the log: only that they changed.
SECRET_FIELDS = {"pesel", "password"}


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    data = model_to_dict(obj, fields=fields)
    result = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = sorted(str(getattr(v, "pk", v)) for v in value)
        elif isinstance(value, models.Model):
            value = value.pk
        result[key] = value if isinstance(value, (str, int, float, bool, type(None), list)) \
            else str(value)
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    changes = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            if key in SECRET_FIELDS:
                old, new = ("***" if old else ""), ("***" if new else "")
            changes[key] = [old, new]
    return changes


def record(actor, action: str, obj: models.Model, changes: dict | None = None,
           root: models.Model | None = None) -> AuditEntry:
    entry = build(actor, action, obj, changes, root)
    entry.save()
    return entry


def build(actor, action: str, obj: models.Model, changes: dict | None = None,
          root: models.Model | None = None) -> AuditEntry:
    """The entry record() writes, unsaved: bulk writers (the CSV import) save many at once."""
    if action == AuditEntry.Action.CREATE and changes:
        changes = {k: [None, ("***" if v and k in SECRET_FIELDS else v)]
                   for k, v in changes.items() if v not in ("", None, [], False)}
    return AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        root_type=ContentType.objects.get_for_model(root) if root is not None else None,
        root_id=str(root.pk) if root is not None else "",
        changes=changes or {},
    )


def history_for(obj: models.Model):
    """Entries about obj itself and about anything whose root is obj."""
    ct = ContentType.objects.get_for_model(obj)
    return AuditEntry.objects.filter(
        models.Q(content_type=ct, object_id=str(obj.pk))
        | models.Q(root_type=ct, root_id=str(obj.pk))
    ).select_related("actor", "content_type")
