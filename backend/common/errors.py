"""One error type for refused business operations (pretix's error_messages, HackSoft's
ApplicationError): services raise a ServiceError subclass with a stable `code`; one view mixin
turns it into a message (UI) and one DRF exception handler into `409 {"code", "message"}`.

Codes are stable API: clients and templates switch on them, messages are translated.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

# The stable code table (pretix's error_messages): every code a service may refuse with,
# and its generic message (used when the raiser gives none). A test
# (tests/common/test_error_codes.py) fails on a code used in backend/ but missing here.
# Codes are API: add, never rename.
ERROR_MESSAGES: dict[str, Any] = {
    # common
    "invalid": gettext_lazy("This is not possible."),
    "protected": gettext_lazy("This cannot be deleted because other records still refer to it."),
    "refused": gettext_lazy("This is not possible."),
    "number_too_large": gettext_lazy("A number in the request is too large."),
    # distribution engine (drives, events, camps)
    "closed": gettext_lazy("This drive is closed: it can no longer be changed."),
    "slot_full": gettext_lazy("This pickup slot is full."),
    "handover_refused": gettext_lazy("The hand-over is not possible now."),
    "not_distributing": gettext_lazy("Hand-overs have not started."),
    "wrong_day": gettext_lazy("Booked for another day."),
    "wrong_site": gettext_lazy("Booked at another site."),
    "override_not_allowed": gettext_lazy("Only a coordinator may override."),
    "allocation_refused": gettext_lazy("This correction is not possible."),
    "reason_required": gettext_lazy("Give the reason."),
    "session_full": gettext_lazy("No free places left."),
    "participant_error": gettext_lazy("This registration cannot be changed."),
    "offer_expired": gettext_lazy("The offer has expired."),
    "delivery_refused": gettext_lazy("This delivery is not possible."),
    "empty": gettext_lazy("Nothing was chosen."),
    "reason": gettext_lazy("Give the reason."),
    "already_delivered": gettext_lazy("Already delivered."),
    # inventory
    "stock": gettext_lazy("This stock operation is not possible."),
    "not_enough": gettext_lazy("Not enough in stock."),
    "not_reserved": gettext_lazy("Not enough reserved."),
    "reserved": gettext_lazy("Part of this stock is reserved."),
    "bad_quantity": gettext_lazy("Give a quantity greater than zero."),
    "expiry_required": gettext_lazy("This item needs an expiry date."),
    "same_location": gettext_lazy("Choose another location."),
    "not_container": gettext_lazy("Only a box or pallet can be moved as a whole."),
    "cycle": gettext_lazy("A box cannot go inside itself."),
    "no_item": gettext_lazy("Unknown item."),
    "no_lines": gettext_lazy("Nothing to record."),
    "no_warehouse": gettext_lazy("No warehouse location is set up."),
    "drive_closed": gettext_lazy("This drive no longer takes donations."),
    "ambiguous_source": gettext_lazy("Choose where the stock comes from."),
    "unknown_mode": gettext_lazy("Unknown scan mode."),
    # people
    "people_refused": gettext_lazy("This change to personal data is not possible."),
    "household_in_use": gettext_lazy("This household is still in use."),
    "duplicate": gettext_lazy("This person may already be registered."),
    "duplicate_pesel": gettext_lazy("Someone with the same PESEL is already registered."),
    "person_invalid": gettext_lazy("Check the person's data."),
    # exchange
    "exchange_refused": gettext_lazy("This is not possible in the exchange."),
    "bad_status": gettext_lazy("Not possible at this stage."),
    "busy": gettext_lazy("This match already has a transport under way."),
    "category": gettext_lazy("The request is for another category."),
    "category_cycle": gettext_lazy("A category cannot be inside itself."),
    "same_category": gettext_lazy("Choose another category."),
    "too_many_photos": gettext_lazy("Too many photos."),
    # notifications
    "reply_refused": gettext_lazy("This reply cannot be filed."),
    "already_filed": gettext_lazy("This reply has already been filed."),
    "not_sent": gettext_lazy("Not sent."),
    # events
    "event_error": gettext_lazy("This is not possible for this event."),
    "archived": gettext_lazy("The event is already archived."),
    "event_over": gettext_lazy("The event is over."),
    "registration_not_open": gettext_lazy("Registration is not open."),
    "not_open": gettext_lazy("Not open."),
    "wish_taken": gettext_lazy("This wish is already taken."),
    "no_wishes": gettext_lazy("No wishes to choose from."),
    "no_gift_location": gettext_lazy("No location for the gifts is set."),
    "guardian_consent": gettext_lazy("A guardian's consent is needed."),
    "checked_in": gettext_lazy("Already checked in."),
    "not_checked_in": gettext_lazy("Not checked in."),
    "bad_date": gettext_lazy("Check the date."),
    "bad_outcome": gettext_lazy("Unknown outcome."),
    "outside_window": gettext_lazy("Outside the allowed time."),
    # volunteers
    "volunteer_error": gettext_lazy("This is not possible for this shift."),
    "full": gettext_lazy("This shift is full."),
    "overlap": gettext_lazy("This overlaps another shift."),
    "not_cleared": gettext_lazy("Not cleared to volunteer yet."),
    "missing_skill": gettext_lazy("A needed skill is missing."),
    "past_cutoff": gettext_lazy("Sign-up has closed."),
    "documents_missing": gettext_lazy("Documents are missing."),
    "not_accepted": gettext_lazy("The volunteer is not accepted yet."),
    "not_signed_up": gettext_lazy("Not signed up."),
    "no_roles": gettext_lazy("Add a role first."),
    "bad_times": gettext_lazy("Check the times."),
    "role_max_below_min": gettext_lazy("The maximum is below the minimum."),
    "site_not_allowed": gettext_lazy("Not allowed at this site."),
    # added by the merge with main (camps, food aid, targets, offline, standards)
    "age_range_missing": gettext_lazy("Give the age range."),
    "age_range_reversed": gettext_lazy("The age range is reversed."),
    "age_split": gettext_lazy("Split the group by age."),
    "already_resolved": gettext_lazy("Already resolved."),
    "bad_hours": gettext_lazy("Check the hours."),
    "camp_error": gettext_lazy("This is not possible for this camp."),
    "capacity_below_booked": gettext_lazy("The capacity is below the places taken."),
    "dates_out_of_order": gettext_lazy("The dates are out of order."),
    "expiry": gettext_lazy("Check the expiry date."),
    "foodaid_invalid": gettext_lazy("This is not possible in food aid."),
    "income_above_threshold": gettext_lazy("The income is above the threshold."),
    "no_criterion": gettext_lazy("No criterion is in force."),
    "no_persons": gettext_lazy("Nobody was chosen."),
    "no_reason": gettext_lazy("Give the reason."),
    "no_session": gettext_lazy("Choose the session."),
    "no_takeaway": gettext_lazy("No take-away is offered."),
    "nonce_required": gettext_lazy("The request needs a nonce."),
    "not_submitted": gettext_lazy("Not submitted yet."),
    "nothing_issued": gettext_lazy("Nothing was issued."),
    "nothing_to_transfer": gettext_lazy("Nothing to transfer."),
    "outside_subprogramme": gettext_lazy("Outside the subprogramme."),
    "partner_invalid": gettext_lazy("This is not possible for this partner."),
    "person_household": gettext_lazy("The person belongs to another household."),
    "resolution_required": gettext_lazy("Choose how to resolve it."),
    "review_before_adoption": gettext_lazy("Review it before adopting."),
    "slot_booked": gettext_lazy("Somebody is already booked in this slot."),
    "standards_error": gettext_lazy("This is not possible for the standards."),
    "target_allocated": gettext_lazy("This target is already allocated."),
    "target_error": gettext_lazy("This target is not possible."),
    "target_exists": gettext_lazy("This item already has a target."),
    "unknown_access": gettext_lazy("Unknown access."),
    "version_taken": gettext_lazy("This version already exists."),
    # camps: funding and day activities
    "attended": gettext_lazy("The child was present; the sign-up stays."),
    "day_exists": gettext_lazy("This day is already in the programme."),
    "day_full": gettext_lazy("No free places on this day."),
    "empty_sponsorship": gettext_lazy("Give an amount or a number of places."),
    "not_in_session": gettext_lazy("The child has no place in this session."),
    "not_qualified": gettext_lazy("Only a qualified child not yet on the bus gets equipment "
                                  "reserved."),
    "outside_session": gettext_lazy("The day is outside the session's dates."),
}


def register(codes: dict[str, Any]) -> None:
    """An app (or plugin) adds its codes; a code may not change meaning."""
    for code, message in codes.items():
        if ERROR_MESSAGES.setdefault(code, message) is not message:
            raise ValueError(f"error code {code!r} is already registered")


class ServiceError(Exception):
    """A refused operation: `code` is stable (ERROR_MESSAGES), `message` is translated,
    `extra` goes to the API. `ServiceError(code="closed")` takes the table's message."""

    default_code = "invalid"

    def __init__(self, message: str | None = None, code: str | None = None, **extra: Any):
        self.code = code or self.default_code
        if message is None:
            message = ERROR_MESSAGES.get(self.code, ERROR_MESSAGES["invalid"])
        super().__init__(str(message))
        self.message = str(message)
        self.extra = extra

    def as_dict(self) -> dict[str, Any]:
        data = {"code": self.code, "message": self.message}
        data.update({k: str(v) for k, v in self.extra.items() if v is not None})
        return data


def protected_message(exc: ProtectedError | RestrictedError) -> str:
    """What still refers to the object, in words a person can act on."""
    kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects}
                   if isinstance(exc, ProtectedError) else
                   {str(obj._meta.verbose_name_plural) for obj in exc.restricted_objects})
    return _("This cannot be deleted because other records still refer to it (%(kinds)s). "
             "Remove or change those first.") % {"kinds": ", ".join(kinds)}


def api_exception_handler(exc, context):
    """DRF: a ServiceError is a 409 with its code; deleting something still referred to is a
    409 `protected`; Django's ValidationError (a model's own check) a 400; everything else
    as DRF does it."""
    if isinstance(exc, ServiceError):
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response({"code": "protected", "message": protected_message(exc)},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        return Response({"code": "invalid", "message": " ".join(exc.messages)},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, OverflowError):  # SQLite's driver and an id above 2**63
        return Response({"code": "number_too_large",
                         "message": str(ERROR_MESSAGES["number_too_large"])},
                        status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


class ProtectedErrorMiddleware:
    """Pages: deleting something still referred to (a household with enrolments, an item
    with stock) answers 409 with the reason on the page it came from, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if isinstance(exc, OverflowError):
            # SQLite's driver refuses an integer above 2**63 (a crafted id in a form, checked
            # while the form validates); PostgreSQL answers such lookups itself.
            return render(request, "common/refused.html",
                          {"message": ERROR_MESSAGES["number_too_large"]},
                          status=status.HTTP_400_BAD_REQUEST)
        if not isinstance(exc, ProtectedError | RestrictedError):
            return None
        return render(request, "common/refused.html", {"message": protected_message(exc)},
                      status=status.HTTP_409_CONFLICT)


class ServiceErrorMixin:
    """The one place a page turns a refusal into words: a ServiceError raised while handling
    the request shows its message and goes back (`refused_url`); deleting something still
    referred to shows why (409). Views call services and catch nothing. Part of
    common.views.ProtectedMixin, so every signed-in page has it.

    `self.refused(err)` shows the message; `run_service` wraps a call (returns None)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ServiceError as err:
            self.refused(err)
            return redirect(self.refused_url())
        except (ProtectedError, RestrictedError) as exc:
            return render(request, "common/refused.html", {"message": protected_message(exc)},
                          status=status.HTTP_409_CONFLICT)

    def refused_url(self) -> str:
        """Where to go after a refusal: the page the form was on, else this page."""
        back = self.request.META.get("HTTP_REFERER", "")
        if back and url_has_allowed_host_and_scheme(
                back, {self.request.get_host()}, self.request.is_secure()):
            return back
        return self.request.get_full_path()

    def refused(self, err: ServiceError) -> None:
        messages.error(self.request, err.message)

    def run_service(self, func, *args, **kwargs):
        """Call a service; on ServiceError show its message and return None."""
        try:
            return func(*args, **kwargs)
        except ServiceError as err:
            self.refused(err)
            return None
