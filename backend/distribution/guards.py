"""The engine's own guard (issue 10): a closed distribution refuses every write, whoever
calls — a page, the API, a scheduler job, an event or a camp — so no view repeats the check.
And who owns a distribution (a drive; an event, a camp)."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError

from .models import Distribution


class DistributionClosed(ServiceError):
    default_code = "closed"


def ensure_open(distribution: Distribution | int) -> None:
    """Every engine write starts here: a closed distribution is read-only. Asks the
    database, so a stale instance loaded before the close cannot slip through."""
    pk = getattr(distribution, "pk", distribution)
    if Distribution.objects.filter(pk=pk, closed_at__isnull=False).exists():
        raise DistributionClosed(_("This drive is closed: it can no longer be changed."))


@transaction.atomic
def close(actor, distribution: Distribution) -> None:
    """The owner closed: from now on the engine refuses writes (audited)."""
    updated = Distribution.objects.filter(pk=distribution.pk, closed_at__isnull=True).update(
        closed_at=timezone.now())
    if updated:
        audit.record(actor, "update", distribution, {"closed": [False, True]})


def owner_of(distribution: Distribution):
    """The drive (later the event, the camp) that owns the distribution, if any."""
    for name in ("drive", "event", "camp"):
        try:
            return getattr(distribution, name)
        except (ObjectDoesNotExist, AttributeError):
            continue
    return None
