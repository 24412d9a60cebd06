"""python manage.py add_council NAME SLUG --admin USERNAME --email EMAIL: set up a council and its first admin.

There is no Django admin site: this is how a new council starts. The admin chooses their own password through
the link printed (the same one-time link as a password reset); after that they add colleagues on the users
page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from tracker.accounts.models import Council, Membership, Role


class Command(BaseCommand):
    help = "Create a council (or find it by slug) and make a user its admin, printing a link to set a password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("slug")
        parser.add_argument("--admin", required=True, help="Username of the council's first admin")
        parser.add_argument("--email", help="Email address, needed when the user is new")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        if slug != slugify(slug):
            raise CommandError(f"the slug must be lower case letters, digits and hyphens, like {slugify(slug)!r}")
        council, created = Council.objects.get_or_create(slug=slug, defaults={"name": options["name"]})
        User = get_user_model()
        user = User.objects.filter(username=options["admin"]).first()
        if user is None:
            if not options["email"]:
                raise CommandError(f"{options['admin']!r} is a new user: give their --email")
            user = User.objects.create_user(username=options["admin"], email=options["email"])
            user.set_unusable_password()
            user.save()
        Membership.objects.update_or_create(user=user, council=council, defaults={"role": Role.ADMIN})
        self.stdout.write(f"{'Created' if created else 'Found'} {council.name} at /c/{council.slug}/; "
                          f"{user.get_username()} is its admin.")
        if not user.has_usable_password():
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            path = reverse("password_reset_confirm",
                           kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})
            self.stdout.write(f"They choose a password here (the link works once): "
                              f"{settings.SITE_URL.rstrip('/')}{path}")
