from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from backend.common import ratelimit


class LoginView(auth_views.LoginView):
    """Failed log-ins are counted and locked out by django-axes (backend.accounts.lockout)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Throttled per IP and per address, on the shared cache: mail is not a free resource
        # and a flood would bury the real message. The answer does not say whether the
        # address exists.
        email = form.cleaned_data["email"].strip().lower()
        if not (ratelimit.allow_rate("password-reset-ip", ratelimit.client_ip(self.request),
                                     settings.PASSWORD_RESET_RATE_PER_IP)
                and ratelimit.allow_rate("password-reset-email", email,
                                         settings.PASSWORD_RESET_RATE_PER_EMAIL)):
            form.add_error(None, _("Too many password reset requests. Try again in an hour."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
