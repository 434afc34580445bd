"""Password reset by e-mail, on Django's views: Chinese templates, the link built from
PORTAL_BASE_URL, a limit on how many e-mails one address, or one account, can cause, and a new
password that lifts the account's login lockout."""

import logging
from datetime import timedelta

from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetConfirmView, PasswordResetView
from django.http import HttpResponse, HttpResponseRedirect

from ..addresses import client_address
from ..throttle import within_limit

logger = logging.getLogger(__name__)


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="账号的邮箱地址",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "请输入邮箱地址。",
            "invalid": "请输入有效的邮箱地址。",
        },
    )


def reset_mail_allowed(request, email: str) -> bool:
    """Whether this request may cause an e-mail: within the limit for the client's address,
    then for the account (the address typed, in any case). A request over the address's limit
    is not counted against the account, so that one client cannot fill the cache with counts."""
    window = timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)
    if not within_limit(
        "reset-address", client_address(request), settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, window
    ):
        return False
    return within_limit(
        "reset-account", email.strip().lower(), settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT, window
    )


class ThrottledPasswordResetView(PasswordResetView):
    form_class = ResetRequestForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict:
        # The link goes to the portal's configured address; the Host header of the request
        # is whatever the requester chose to send.
        return {
            "portal_base_url": settings.PORTAL_BASE_URL,
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }

    def form_valid(self, form) -> HttpResponse:
        if reset_mail_allowed(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        # Over a limit: the same answer as when an e-mail goes out (or when no account has that
        # address), so that the answer tells nothing; only nothing is sent.
        logger.warning(
            "Password reset e-mail withheld: limit reached (client %s)",
            client_address(self.request),
        )
        return HttpResponseRedirect(self.get_success_url())


class LockoutLiftingPasswordResetConfirmView(PasswordResetConfirmView):
    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # The lockout page sends a locked-out user here. Whoever set the new password has
        # shown they hold the account's mailbox; the failed logins counted against the old
        # password would otherwise refuse the new one too, for the rest of the cool-off.
        axes_reset(username=form.user.get_username())
        return response
