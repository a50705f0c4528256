"""Reads of the donations app."""

from django.apps import apps


def open_drives():
    """Drives that take donations now (collecting), for the intake form and the scanner.

    Donations keep a plain `drive_id` (docs/decisions/0011): the drives app builds on
    stock, not the other way round, so it is looked up through the app registry.
    """
    if not apps.is_installed("backend.drives"):
        return []
    drive = apps.get_model("drives", "Drive")
    return list(drive.objects.filter(status=drive.Status.COLLECTING).order_by("name")
                .only("id", "name"))


def open_drive(drive_id) -> object | None:
    try:
        wanted = int(drive_id)
    except (TypeError, ValueError):
        return None
    return next((d for d in open_drives() if d.pk == wanted), None)
