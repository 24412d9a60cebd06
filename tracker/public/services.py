"""Publishing a plan and withdrawing it: one flag on the plan and a record of who changed it."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from tracker.plans.models import Plan
from tracker.plans.services import user_label
from tracker.public.models import PublicationEvent


@transaction.atomic
def set_published(plan: Plan, published: bool, by_user: AbstractBaseUser | None) -> PublicationEvent | None:
    """Publish (or withdraw) ``plan``; returns the event recorded, or None when it already was so."""
    current = Plan.objects.select_for_update().only("id", "published").get(pk=plan.pk)
    if current.published == published:
        plan.published = published
        return None
    Plan.objects.filter(pk=plan.pk).update(published=published)
    plan.published = published
    return PublicationEvent.objects.create(plan=plan, published=published, by_user=by_user,
                                           by_label=user_label(by_user))
