from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttling


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed log-in attempts. Wait 15 minutes and try again."),
    }

    def _client_ip(self) -> str:
        return self.request.META.get("REMOTE_ADDR", "") if self.request else ""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = self._client_ip()
        if throttling.is_locked(username, ip):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.register_failure(username, ip)
            raise
        throttling.reset(username, ip)
        return cleaned
