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


def _plain(value: Any) -> str:
    """A stored value as a person reads it (booleans as tak/nie, lists counted)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ngettext("%(n)d item", "%(n)d items", len(value)) % {"n": len(value)}
    return str(value)


def _date(value: Any) -> Any:
    import datetime as dt

    from django.utils.formats import date_format

    try:
        return date_format(dt.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
    except ValueError:
        return value


def _decimal(value: Any) -> Any:
    """"100.000" → "100", "1.500" → "1,5" (Polish decimals, no trailing zeros)."""
    from decimal import Decimal, InvalidOperation

    from django.utils.formats import number_format

    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    places = max(0, -number.normalize().as_tuple().exponent) if number == number else 0
    return number_format(number, decimal_pos=places)


def _field(model, key: str):
    try:
        return model._meta.get_field(key) if model is not None else None
    except Exception:  # noqa: BLE001 - a key that is no model field (e.g. "photos" counts)
        return None


def readable(entries) -> list[AuditEntry]:
    """Entries with `rows` = [(field label, old, new)] as people read them: labels instead of
    field names, choices by their labels, related objects by their names, booleans as tak/nie,
    lists (photos, members) as a count in words. One query per related model, not per row."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    entries = list(entries)
    wanted: dict[type, set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        for key, pair in (entry.changes or {}).items():
            field = _field(model, key)
            if field is not None and field.many_to_one and isinstance(pair, list):
                wanted.setdefault(field.related_model, set()).update(
                    str(v) for v in pair if v not in (None, ""))
    names: dict[type, dict[str, str]] = {}
    for related, pks in wanted.items():
        valid = [pk for pk in pks if pk.isdigit()] if related._meta.pk.get_internal_type() in (
            "AutoField", "BigAutoField", "IntegerField") else list(pks)
        names[related] = {str(o.pk): str(o) for o in related._default_manager.filter(pk__in=valid)}
    photos = {"photos": lambda v: ngettext("%(n)d photo", "%(n)d photos", int(v)) % {"n": int(v)}}
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        rows = []
        for key, pair in (entry.changes or {}).items():
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            field = _field(model, key)
            label = str(field.verbose_name) if field is not None and hasattr(
                field, "verbose_name") else key.replace("_", " ")
            if label == key.replace("_", " ") and key in photos:
                label = _("photos")
            values = []
            for value in (old, new):
                if (field is not None and getattr(field, "choices", None)
                        and isinstance(value, str | int)):
                    value = dict(field.flatchoices).get(value, value)
                elif field is not None and field.many_to_one and value not in (None, ""):
                    value = names.get(field.related_model, {}).get(str(value), value)
                elif key in photos and isinstance(value, int) and not isinstance(value, bool):
                    value = photos[key](value)
                elif field is not None and field.get_internal_type() == "DateField" and value:
                    value = _date(value)
                elif (field is not None and field.get_internal_type() == "DecimalField"
                      and value not in (None, "")):
                    value = _decimal(value)
                values.append(_plain(value))
            rows.append((label[:1].upper() + label[1:], values[0], values[1]))
        entry.rows = rows
    return entries


def save(actor, obj: models.Model, fields: list[str]) -> models.Model:
    """Save a simple record (a catalogue item, an SMS template) and log what changed:
    the service-side write for rows that have no other rule (issue 10). Call inside the
    caller's transaction."""
    created = obj.pk is None
    before = {} if created else snapshot(type(obj).objects.get(pk=obj.pk), fields)
    obj.save()
    after = snapshot(obj, fields)
    changes = after if created else diff(before, after)
    if created or changes:
        record(actor, AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, obj,
               changes)
    return obj


def delete(actor, obj: models.Model) -> None:
    """Delete and log it (a ProtectedError leaves no entry: the transaction rolls back)."""
    record(actor, AuditEntry.Action.DELETE, obj, {})
    obj.delete()
