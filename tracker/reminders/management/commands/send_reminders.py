"""Send the reminders that are due, and tell leads the decisions on their target date changes. For cron, once
a day or more often: running it twice sends nothing twice.

    python manage.py send_reminders            # send
    python manage.py send_reminders --dry-run  # print what it would send, send nothing
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tracker import presenters
from tracker.plans.models import ExtensionStatus
from tracker.reminders import services
from tracker.reminders.models import LinkExtension


class Command(BaseCommand):
    help = "Email action leads their reminders before each reporting date (idempotent; --dry-run to preview)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="act as if today were this date (yyyy-mm-dd), to check a schedule")

    def handle(self, *args: Any, dry_run: bool = False, today: datetime.date | None = None,
               **options: Any) -> None:
        today = today or timezone.localdate()
        if dry_run:
            due = services.due_reminders(today)
            for reminder in due:
                rd = reminder.reporting_date
                n = len(reminder.actions)
                self.stdout.write(f"Would send to {reminder.contact.name} <{reminder.contact.email}>: "
                                  f"{n} open action{'s' if n != 1 else ''} in {rd.plan.title} for {rd.meeting} "
                                  f"on {presenters.format_date(rd.date)}")
            decisions = LinkExtension.objects.filter(notified_at__isnull=True).exclude(
                extension__status=ExtensionStatus.PENDING).select_related("link__contact")
            for request in decisions:
                self.stdout.write(f"Would tell {request.link.contact.name} <{request.link.contact.email}>: "
                                  f"target date change {request.extension.status}")
            self.stdout.write(f"Dry run: {len(due)} reminder{'s' if len(due) != 1 else ''} and "
                              f"{len(decisions)} decision{'s' if len(decisions) != 1 else ''} due; nothing sent.")
            return
        failed: list[str] = []

        def report(reminder: services.Reminder, error: Exception) -> None:
            # One address the email service refuses must not stop everyone else's reminder.
            failed.append(reminder.contact.email)
            self.stderr.write(f"Not sent to {reminder.contact.email}: {error}")

        sent = services.send_due_reminders(today, on_error=report)
        for email in sent:
            self.stdout.write(f"Sent to {email.to_email}: {email.subject}")
        def report_decision(request: LinkExtension, error: Exception) -> None:
            failed.append(request.link.contact.email)
            self.stderr.write(f"Decision not sent to {request.link.contact.email}: {error}")

        told = services.notify_decisions(on_error=report_decision)
        for email in told:
            self.stdout.write(f"Sent to {email.to_email}: {email.subject}")
        self.stdout.write(f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} and "
                          f"{len(told)} decision{'s' if len(told) != 1 else ''} sent.")
        if failed:
            raise CommandError(f"{len(failed)} email{'s' if len(failed) != 1 else ''} could not be sent; "
                               "the next run tries again")
