"""One error type for refused business operations (pretix's error_messages, HackSoft's
ApplicationError): services raise a ServiceError subclass with a stable `code`; one view mixin
turns it into a message (UI) and one DRF exception handler into `409 {"code", "message"}`.

Codes are stable API: clients and templates switch on them, messages are translated.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
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


def api_exception_handler(exc, context):
    """DRF: a ServiceError is a 409 with its code; everything else as DRF does it."""
    if isinstance(exc, ServiceError):
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)


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
