"""python manage.py add_council: a new council and its first admin, who sets a password through the link."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from tracker.accounts.models import Council, Membership


def test_a_new_council_and_admin_who_sets_a_password_and_signs_in(db, capsys):
    call_command("add_council", "Lichfield District Council", "lichfield", admin="jane", email="jane@example.gov.uk")
    out = capsys.readouterr().out
    council = Council.objects.get(slug="lichfield")
    jane = User.objects.get(username="jane")
    assert council.name == "Lichfield District Council"
    assert Membership.objects.get(user=jane, council=council).role == "admin"
    assert "Created Lichfield District Council at /c/lichfield/; jane is its admin." in out
    path = re.search(r"https?://[^/]+(/accounts/reset/\S+)", out).group(1)
    client = Client()
    form_url = client.get(path).url
    client.post(form_url, {"new_password1": "janes long passphrase", "new_password2": "janes long passphrase"})
    assert client.post("/accounts/login/", {"username": "jane", "password": "janes long passphrase"}
                       ).status_code == 302
    assert client.get("/c/lichfield/users/").status_code == 200


def test_running_it_again_changes_nothing_but_the_role(db, capsys):
    call_command("add_council", "Lichfield District Council", "lichfield", admin="jane", email="jane@example.gov.uk")
    call_command("add_council", "Lichfield District Council", "lichfield", admin="jane")
    assert Council.objects.count() == 1 and Membership.objects.count() == 1
    assert "Found Lichfield District Council" in capsys.readouterr().out


def test_a_new_admin_needs_an_email_and_a_slug_must_be_a_slug(db):
    with pytest.raises(CommandError, match="--email"):
        call_command("add_council", "Lichfield District Council", "lichfield", admin="jane")
    with pytest.raises(CommandError, match="'lichfield-dc'"):
        call_command("add_council", "Lichfield District Council", "Lichfield DC", admin="jane", email="j@x.org")
    assert Council.objects.count() == 0
