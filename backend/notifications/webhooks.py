"""Twilio webhooks: signature verified against the public URL (BASE_URL + path)."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator

from . import services

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def _verified(request) -> bool:
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = settings.BASE_URL + request.get_full_path()
    return RequestValidator(token).validate(url, request.POST.dict(), signature)


@csrf_exempt  # Twilio cannot send our CSRF token; the signature replaces it.
@require_POST
def status_callback(request):
    if not _verified(request):
        return HttpResponseForbidden()
    # `ref` is ours, put in the callback URL when the message was sent (decision 0023).
    services.receive_status(sid=request.POST.get("MessageSid", ""),
                            reference=request.GET.get("ref", ""),
                            status=request.POST.get("MessageStatus", ""),
                            error_code=request.POST.get("ErrorCode", ""))
    return HttpResponse(status=204)


@csrf_exempt  # Twilio cannot send our CSRF token; the signature replaces it.
@require_POST
def inbound(request):
    if not _verified(request):
        return HttpResponseForbidden()
    services.receive_inbound(phone=request.POST.get("From", ""),
                             body=request.POST.get("Body", ""),
                             provider_message_id=request.POST.get("MessageSid", ""))
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")
