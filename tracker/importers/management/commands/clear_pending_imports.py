"""python manage.py clear_pending_imports [--days N]: delete uploads left unreviewed (docs/adr/0007)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.importers.models import PendingImport


class Command(BaseCommand):
    help = "Delete pending imports nobody has saved or discarded for a number of days (default 7)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        deleted, _ = PendingImport.objects.older_than(options["days"]).delete()
        self.stdout.write(f"Deleted {deleted} pending import{'s' if deleted != 1 else ''} older than "
                          f"{options['days']} days.")
