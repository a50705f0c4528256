"""Volunteer shifts that belong to a camp session (volunteers.Shift's generic
`programme` link, kind "camp"): the helpers at the bus on departure day."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from backend.volunteers import selectors as volunteer_selectors
from backend.volunteers import services as volunteers
from backend.volunteers.models import Shift

from .models import CampSession


def shifts_for(session: CampSession) -> list[Shift]:
    return volunteer_selectors.shifts_for(session)


def add_departure_shift(actor, session: CampSession, helpers: int = 2) -> Shift:
    """Volunteers at the meeting point from 45 minutes before departure (with children:
    only those with a valid child-safety check may sign up)."""
    leaves = timezone.localtime(session.departure_at) if session.departure_at else \
        timezone.make_aware(dt.datetime.combine(session.start, dt.time(8)))
    begins = leaves - dt.timedelta(minutes=45)
    return volunteers.create_shift(
        actor, roles=[{"name": _("check-in at the bus"), "minimum": 1, "maximum": helpers}],
        programme=session, site=session.camp.site,
        title=_("Departure: %(session)s") % {"session": session.name}, date=begins.date(),
        start_time=begins.time().replace(second=0, microsecond=0),
        end_time=(leaves + dt.timedelta(minutes=15)).time().replace(second=0, microsecond=0),
        place=session.meeting_point, with_children=True)[0]
