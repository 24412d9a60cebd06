"""python manage.py demo: a demonstration council with the five seed plans, and three users to try it.

Idempotent: running it again changes nothing that is already there (a plan whose source document is
already imported is skipped) and resets the demonstration users' passwords to the one printed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

import planparse
from tracker.accounts.models import Council, Membership, Role
from tracker.importers.management.commands.import_plan import import_file
from tracker.plans.models import Plan

SEEDS = Path(settings.BASE_DIR) / "tests" / "fixtures" / "seeds"
SLUG = "demo"
PASSWORD = "demo-action-plans"  # noqa: S105 - a published demonstration password, printed on purpose
USERS = (("admin", Role.ADMIN, "Ada", "Admin"), ("editor", Role.EDITOR, "Eddie", "Editor"),
         ("viewer", Role.VIEWER, "Vic", "Viewer"))


class Command(BaseCommand):
    help = "Create a demonstration council with the five seed plans and admin/editor/viewer users."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            council, _ = Council.objects.get_or_create(slug=SLUG, defaults={"name": "Demonstration Council"})
            User = get_user_model()
            users = {}
            for username, role, first, last in USERS:
                user, _ = User.objects.get_or_create(username=username, defaults={
                    "first_name": first, "last_name": last, "email": f"{username}@example.org"})
                user.set_password(PASSWORD)
                user.save()
                Membership.objects.update_or_create(user=user, council=council, defaults={"role": role})
                users[username] = user
        for path in sorted(SEEDS.glob("*.txt")):
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            existing = Plan.objects.filter(council=council, source_sha256=sha).first()
            if existing:
                self.stdout.write(f"Already there: {existing.title} ({path.name})")
                continue
            try:
                plan = import_file(path, council, users["admin"])
            except planparse.ParseError as exc:
                self.stderr.write(f"Could not read {path.name}: {exc}")
                continue
            self.stdout.write(f"Imported {path.name}: {plan.title} "
                              f"({plan.recommendations.count()} recommendations, {plan.actions.count()} actions)")
        site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
        self.stdout.write("")
        self.stdout.write(f"Sign in at {site}{reverse('login')}")
        self.stdout.write(f"Users: {', '.join(u for u, *_ in USERS)} (password for each: {PASSWORD})")
        self.stdout.write(f"The demonstration council is at {site}/c/{SLUG}/")
