"""python manage.py import_plan FILE --council SLUG: read a plan and save it without review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

import planparse
from tracker.accounts.models import Council
from tracker.plans import services
from tracker.plans.models import Kind, Plan


def import_file(path: Path, council: Council, user: Any = None, kind: str | None = None) -> Plan:
    """Parse ``path`` and save it as a plan of ``council`` (no review). Raises planparse.ParseError."""
    data = path.read_bytes()
    parsed = planparse.parse(data, filename=path.name).to_dict()
    return services.save_import(council, user, parsed, data, path.name, kind=kind)


def describe(plan: Plan) -> list[str]:
    """What was saved, in lines a person reads."""
    recs = list(plan.recommendations.with_actions())
    n_actions = sum(len(r.actions.all()) for r in recs)
    warnings = (plan.parsed_json or {}).get("warnings") or []
    lines = [f"Saved plan {plan.pk}: {plan.title!r} for {plan.council.name} ({plan.get_kind_display().lower()})",
             f"  {len(recs)} recommendation{'s' if len(recs) != 1 else ''}, "
             f"{n_actions} action{'s' if n_actions != 1 else ''}, "
             f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}",
             f"  Progress: {plan.progress().sentence}"]
    for rec in recs:
        n = len(rec.actions.all())
        lines.append(f"  Recommendation {rec.number or rec.position + 1}: {n} action{'s' if n != 1 else ''}")
    lines += [f"  Warning ({w['where']}): {w['message']}" if w.get("where") else f"  Warning: {w['message']}"
              for w in warnings]
    return lines


class Command(BaseCommand):
    help = "Read an action plan document and save it for a council without the review step."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--council", required=True, help="The council's slug (as in /c/<slug>/)")
        parser.add_argument("--user", help="Username to record as the importer")
        parser.add_argument("--kind", choices=Kind.values, help="Kind of plan (guessed from the title if not given)")

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"no council with the slug {options['council']!r}")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        path: Path = options["file"]
        try:
            plan = import_file(path, council, user, options["kind"])
        except planparse.ParseError as exc:
            raise CommandError(f"{path}: {exc}") from None
        except services.PlanDataError as exc:
            raise CommandError(f"{path}: nothing saved: {exc}") from None
        self.stdout.write("\n".join(describe(plan)))
