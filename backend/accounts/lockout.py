"""Log-in lock-out (django-axes, counted in its database table, so every worker sees it).

Two limits: LOGIN_FAILURE_LIMIT failures for one username (from anywhere), and
LOGIN_FAILURE_LIMIT_PER_IP failures from one address over all usernames (password spraying).
The IP limit is higher because a whole office may share one address. Axes has one limit
and takes the larger count, so the IP count is scaled to the username limit here.
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        # One query set per AXES_LOCKOUT_PARAMETERS entry: ["username", "ip_address"].
        per_user, per_ip = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        user_limit = settings.LOGIN_FAILURE_LIMIT
        ip_limit = max(settings.LOGIN_FAILURE_LIMIT_PER_IP, 1)
        scaled_ip = per_ip * user_limit // ip_limit
        return max(per_user, scaled_ip)


def failure_limit(request, credentials) -> int:
    """AXES_FAILURE_LIMIT: read at each attempt, so the setting can change without a restart
    of this module (and in tests)."""
    return settings.LOGIN_FAILURE_LIMIT


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check, first in AUTHENTICATION_BACKENDS. Every log-in from the web (the log-in
    form, the admin) passes the request; a call without one (tests' `client.login`, a shell)
    has no address to count and is left to the password check."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
