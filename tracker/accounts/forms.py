from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from tracker.accounts import ratelimit
from tracker.accounts.models import Role


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "rate_limited": (f"Too many failed sign-in attempts. Wait {ratelimit.WINDOW // 60} minutes and try "
                         "again, or reset your password."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = ratelimit.client_address(self.request)
        if ratelimit.is_blocked(username, address):
            raise forms.ValidationError(self.error_messages["rate_limited"], code="rate_limited")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.record_failure(username, address)
            raise
        ratelimit.clear(username, address)
        return cleaned


class AddMemberForm(forms.Form):
    username = forms.CharField(max_length=150, help_text="An existing user, or a new one to create.")
    email = forms.EmailField(required=False,
                             help_text="Needed for a new user: they get an email to set their password.")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        username = cleaned.get("username", "")
        exists = get_user_model().objects.filter(username=username).exists()
        if username and not exists and not cleaned.get("email"):
            self.add_error("email", "Enter an email address for a new user")
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Sends nothing once an email address has had too many; the page says the same either way."""

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        if ratelimit.allow_reset_email(self.cleaned_data["email"]):
            super().send_mail(*args, **kwargs)
