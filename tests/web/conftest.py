"""Named people and councils for the web tests (STYLE.md: an owner, a colleague, a user from another council
who must see nothing), and a real plan imported from a seed's gold reading through the services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import planparse
from tracker.accounts.models import Council, Membership, Role
from tracker.plans import services
from tracker.plans.models import Plan

FIXTURES = Path(__file__).parent.parent / "fixtures"
PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only


def _member(username: str, council: Council, role: str, full_name: str = "") -> User:
    first, _, last = full_name.partition(" ")
    user = User.objects.create_user(username, f"{username}@example.gov.uk", PASSWORD,
                                    first_name=first, last_name=last)
    Membership.objects.create(user=user, council=council, role=role)
    return user


@pytest.fixture
def council(db) -> Council:
    return Council.objects.create(name="Lichfield District Council", slug="lichfield")


@pytest.fixture
def other_council(db) -> Council:
    return Council.objects.create(name="Oadby and Wigston Borough Council", slug="oadby-wigston")


@pytest.fixture
def owner(council) -> User:
    """The council's admin, who imported its plan."""
    return _member("olivia", council, Role.ADMIN, "Olivia Owner")


@pytest.fixture
def colleague(council) -> User:
    """An editor in the same council."""
    return _member("colin", council, Role.EDITOR, "Colin Colleague")


@pytest.fixture
def viewer(council) -> User:
    """A councillor who may read but not change anything."""
    return _member("vera", council, Role.VIEWER, "Vera Viewer")


@pytest.fixture
def outsider(other_council) -> User:
    """An admin of another council: must get 404 for everything of ``council``."""
    return _member("oscar", other_council, Role.ADMIN, "Oscar Outsider")


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client
    return make


def import_gold(council: Council, user: User | None, stem: str) -> Plan:
    """Save a seed's hand-checked reading (tests/fixtures/gold) as a plan, as the import journey would."""
    path = FIXTURES / "gold" / f"{stem}.json"
    data = path.read_bytes()
    parsed = planparse.parse(data, filename=path.name)
    return services.save_import(council, user, parsed.to_dict(), data, path.name)


@pytest.fixture
def plan(council, owner) -> Plan:
    """Lichfield's 2022 CPC plan (seed 000): 9 recommendations, 23 actions, leads as initials."""
    return import_gold(council, owner, "000_434456432017fdb1")


@pytest.fixture
def other_plan(other_council, outsider) -> Plan:
    return import_gold(other_council, outsider, "004_a45fdb9e1ebc7908")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is deliberately slow; these tests check sign-in logic, not hashing cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
