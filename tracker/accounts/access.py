"""Tenancy: which council a request may see, and what it may change there.

Every view under ``/c/<slug>/`` starts with::

    council = council_for(request, slug)                 # any member may read
    council = council_for(request, slug, role="editor")  # changes need editor (or admin)

and then fetches every object *through* that council, so an id from another council is a 404 too::

    action = get_object_or_404(Action, pk=action_id, plan__council=council)
    plan = get_object_or_404(Plan, pk=plan_id, council=council)

``council_for`` raises Http404 when the user is not a member (or not logged in), so a user of another
council cannot even learn that a council or an object exists; it raises PermissionDenied (403) when the
user is a member whose role is too weak for the change. The user's membership is left on
``council.membership`` (and ``request.membership``) so templates can show or hide forms with
``council.membership.allows("editor")`` or :func:`can_edit`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from tracker.accounts.models import Council, Membership, Role


def council_for(request: HttpRequest, slug: str, role: str = Role.VIEWER) -> Council:
    """The council named by ``slug`` if the user belongs to it with at least ``role``.

    404 for a non-member or an anonymous user; 403 for a member whose role is too weak.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404("No such council")
    membership = (Membership.objects.select_related("council")
                  .filter(user=user, council__slug=slug).first())
    if membership is None:
        raise Http404("No such council")
    if not membership.allows(role):
        raise PermissionDenied(f"You need the {Role(role).label.lower()} role in this council to do that")
    council = membership.council
    council.membership = membership  # type: ignore[attr-defined]
    request.membership = membership  # type: ignore[attr-defined]
    return council


def can_edit(council: Council) -> bool:
    """Whether the member who fetched ``council`` through :func:`council_for` may change things."""
    membership = getattr(council, "membership", None)
    return membership is not None and membership.allows(Role.EDITOR)


def is_admin(council: Council) -> bool:
    """Whether the member who fetched ``council`` through :func:`council_for` manages its users."""
    membership = getattr(council, "membership", None)
    return membership is not None and membership.allows(Role.ADMIN)


def councils_of(user: object) -> list[Council]:
    """The councils a user belongs to, by name (empty for an anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Council.objects.filter(memberships__user=user).order_by("name"))
