from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tracker.accounts.access import council_for, councils_of
from tracker.accounts.forms import (
    AddMemberForm,
    RateLimitedAuthenticationForm,
    RateLimitedPasswordResetForm,
    RoleForm,
)
from tracker.accounts.models import Membership, Role


class RateLimitedLoginView(LoginView):
    form_class = RateLimitedAuthenticationForm
    redirect_authenticated_user = True


class RateLimitedPasswordResetView(PasswordResetView):
    form_class = RateLimitedPasswordResetForm
    # Our own names: django.contrib.auth ships a subject template that would otherwise win.
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"


def dashboard_url(slug: str) -> str:
    return reverse("plans:dashboard", kwargs={"slug": slug})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the user's council, or a list when they belong to several (or none)."""
    councils = councils_of(request.user)
    if len(councils) == 1:
        return redirect(dashboard_url(councils[0].slug))
    return render(request, "accounts/home.html",
                  {"councils": [(c, dashboard_url(c.slug)) for c in councils]})


def _admins_left(council_id: int, without: Membership) -> int:
    return Membership.objects.filter(council_id=council_id, role=Role.ADMIN).exclude(pk=without.pk).count()


@login_required
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest, slug: str) -> HttpResponse:
    """Members of a council and their roles; admins add people, change roles and remove members."""
    council = council_for(request, slug, role=Role.ADMIN)
    add_form = AddMemberForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add":
            add_form = AddMemberForm(request.POST)
            if add_form.is_valid():
                message = _add_member(request, council, add_form.cleaned_data)
                messages.success(request, message)
                return redirect("users", slug=slug)
        elif action in ("role", "remove"):
            membership = get_object_or_404(Membership, pk=request.POST.get("membership"), council=council)
            form = RoleForm(request.POST)
            demoting = action == "remove" or (form.is_valid() and form.cleaned_data["role"] != Role.ADMIN)
            if membership.role == Role.ADMIN and demoting and not _admins_left(council.pk, membership):
                messages.error(request, "A council needs at least one admin: make someone else an admin first.")
            elif action == "remove":
                membership.delete()
                messages.success(request, f"{membership.user.get_username()} removed from {council.name}.")
            elif form.is_valid():
                membership.role = form.cleaned_data["role"]
                membership.save(update_fields=["role"])
                messages.success(request, f"{membership.user.get_username()} is now "
                                          f"{membership.get_role_display().lower()}.")
            return redirect("users", slug=slug)
    members = council.memberships.select_related("user").order_by("user__username")
    return render(request, "accounts/users.html", {"council": council, "members": members,
                                                   "add_form": add_form, "roles": Role.choices})


@transaction.atomic
def _add_member(request: HttpRequest, council: object, data: dict[str, str]) -> str:
    User = get_user_model()
    user = User.objects.filter(username=data["username"]).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(username=data["username"], email=data["email"])
        user.set_unusable_password()
        user.save()
    Membership.objects.update_or_create(user=user, council=council, defaults={"role": data["role"]})
    if created:
        # The new user has no password yet; the link lets them choose one (Django's reset flow).
        _send_invitation(request, user)
        return f"{user.get_username()} added as {Role(data['role']).label.lower()}; an email was sent to " \
               f"{user.email} to set a password."
    return f"{user.get_username()} is now {Role(data['role']).label.lower()} in {council}."


def _send_invitation(request: HttpRequest, user: object) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))  # type: ignore[attr-defined]
    token = default_token_generator.make_token(user)  # type: ignore[arg-type]
    link = request.build_absolute_uri(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    send_mail("Set your password for Action plans",
              f"You have been given access to Action plans as {user.get_username()}.\n\n"  # type: ignore[attr-defined]
              f"Choose your password here:\n{link}\n\nThe link works once.",
              None, [user.email])  # type: ignore[attr-defined]
