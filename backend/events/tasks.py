"""Background work (django-tasks): offers that were not answered pass on."""

from django_tasks import task

from . import services
from .models import Event


@task()
def expire_offers() -> int:
    return sum(services.expire_offers(None, event) for event in Event.objects.filter(
        status__in=[Event.Status.REGISTRATION, Event.Status.CLOSED]))
