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
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ServiceError(Exception):
    """A refused operation: `code` is stable, `message` is translated, `extra` goes to the API."""

    default_code = "invalid"

    def __init__(self, message: str, code: str | None = None, **extra: Any):
        super().__init__(message)
        self.message = str(message)
        self.code = code or self.default_code
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
    return drf_exception_handler(exc, context)


class ProtectedErrorMiddleware:
    """Pages: deleting something still referred to (a household with enrolments, an item
    with stock) answers 409 with the reason on the page it came from, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, ProtectedError | RestrictedError):
            return None
        from django.shortcuts import render

        return render(request, "common/refused.html", {"message": protected_message(exc)},
                      status=status.HTTP_409_CONFLICT)


class ServiceErrorMixin:
    """Views: `self.refused(err)` shows the message; `run_service` wraps a call."""

    def refused(self, err: ServiceError) -> None:
        messages.error(self.request, err.message)

    def run_service(self, func, *args, **kwargs):
        """Call a service; on ServiceError show its message and return None."""
        try:
            return func(*args, **kwargs)
        except ServiceError as err:
            self.refused(err)
            return None
