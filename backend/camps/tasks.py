"""Background work: offers that were not answered in time pass on."""

from django_tasks import task

from . import services
from .models import Camp


def expire_all_offers() -> int:
    return sum(services.expire_offers(None, camp) for camp in Camp.objects.filter(
        distribution__participants__status="offered").distinct())


@task()
def expire_offers() -> int:
    return expire_all_offers()
