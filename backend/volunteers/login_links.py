"""Log-in without a password: a signed, one-time, short-lived link sent by SMS (through the
outbox) or e-mail. One-time because the signature covers the user's last log-in, which
changes on use; the link page asks for a tap (POST) so link previewers do not spend it.
The token is short (user, time, a truncated HMAC) so that the SMS is one GSM-7 segment."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from backend.notifications import encoding
from backend.notifications import services as sms

SALT = "volunteers.login-link"


def _state(user) -> str:
    return user.last_login.isoformat() if user.last_login else "never"


def _mac(pk: int, stamp: str, state: str) -> str:
    # 80 bits of HMAC: plenty for a link valid three days, and the SMS stays one segment.
    return salted_hmac(SALT, f"{pk}:{stamp}:{state}").hexdigest()[:20]


def make_token(user) -> str:
    stamp = int_to_base36(int(time.time()))
    return f"{int_to_base36(user.pk)}-{stamp}-{_mac(user.pk, stamp, _state(user))}"


def user_for(token: str):
    """The user the token is for, or None (bad, expired or already used)."""
    max_age = int(getattr(settings, "VOLUNTEER_LOGIN_LINK_HOURS", 72)) * 3600
    try:
        pk36, stamp, mac = token.split("-")
        pk, issued = base36_to_int(pk36), base36_to_int(stamp)
    except ValueError:
        return None
    if not 0 <= time.time() - issued <= max_age:
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not constant_time_compare(mac, _mac(pk, stamp, _state(user))):
        return None
    if user.is_staff or user.is_superuser or not hasattr(user, "volunteer_profile"):
        return None  # links are for volunteers only, never for staff accounts
    return user


def link(user) -> str:
    return settings.BASE_URL + reverse("volunteers:login_link", args=[make_token(user)])


def send(profile, *, purpose: str = "volunteer_login", version: int = 1) -> None:
    """SMS (GSM-7, no Polish letters) to the volunteer's phone; e-mail when there is one."""
    url = link(profile.user)
    text = encoding.transliterate(f"Wspolnie: witamy! Zaloguj sie: {url}")
    if profile.sms_consent:
        sms.enqueue(purpose=purpose, phone=profile.phone, body=text, obj=profile,
                    version=version)
    if profile.email:
        send_mail("Wspólnie: logowanie", f"Zaloguj się jednym kliknięciem: {url}\n",
                  None, [profile.email], fail_silently=True)
