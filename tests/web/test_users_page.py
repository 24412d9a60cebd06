"""The admin's users page: add people (new users get an email to set a password), change roles, remove."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from tracker.accounts.models import Membership


def users_url(council) -> str:
    return reverse("users", kwargs={"slug": council.slug})


def test_the_admin_sees_the_members_and_their_roles(client_for, council, owner, colleague, viewer, outsider):
    html = client_for(owner).get(users_url(council)).content.decode()
    assert "Olivia Owner" in html and "Colin Colleague" in html and "Vera Viewer" in html
    assert "Oscar" not in html


def test_an_editor_cannot_manage_users(client_for, council, colleague, viewer):
    client = client_for(colleague)
    assert client.get(users_url(council)).status_code == 403
    response = client.post(users_url(council), {"action": "role", "role": "admin",
                                                "membership": Membership.objects.get(user=viewer).pk})
    assert response.status_code == 403
    assert Membership.objects.get(user=viewer).role == "viewer"


def test_adding_a_new_user_emails_them_a_link_to_set_a_password(client, client_for, council, owner):
    response = client_for(owner).post(users_url(council), {
        "action": "add", "username": "priya", "email": "priya@example.gov.uk", "role": "editor"})
    assert response.status_code == 302
    priya = User.objects.get(username="priya")
    assert Membership.objects.get(user=priya, council=council).role == "editor"
    assert not priya.has_usable_password()
    assert mail.outbox[0].to == ["priya@example.gov.uk"]
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    client.post(form_url, {"new_password1": "priya's own passphrase", "new_password2": "priya's own passphrase"})
    priya.refresh_from_db()
    assert priya.check_password("priya's own passphrase")


def test_adding_an_existing_user_gives_them_a_role_here(client_for, council, other_council, owner, outsider):
    client_for(owner).post(users_url(council), {"action": "add", "username": "oscar", "role": "viewer"})
    assert Membership.objects.get(user=outsider, council=council).role == "viewer"
    assert Membership.objects.get(user=outsider, council=other_council).role == "admin"
    assert mail.outbox == []


def test_a_new_user_needs_an_email(client_for, council, owner):
    response = client_for(owner).post(users_url(council), {"action": "add", "username": "nobody", "role": "viewer"})
    assert response.status_code == 200 and "Enter an email address for a new user" in response.content.decode()
    assert not User.objects.filter(username="nobody").exists()


def test_changing_a_role_and_removing_a_member(client_for, council, owner, colleague):
    client = client_for(owner)
    membership = Membership.objects.get(user=colleague)
    client.post(users_url(council), {"action": "role", "membership": membership.pk, "role": "viewer"})
    membership.refresh_from_db()
    assert membership.role == "viewer"
    client.post(users_url(council), {"action": "remove", "membership": membership.pk})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=colleague.pk).exists()  # the account stays; only the membership goes


def test_the_last_admin_cannot_be_removed_or_demoted(client_for, council, owner):
    client = client_for(owner)
    membership = Membership.objects.get(user=owner)
    response = client.post(users_url(council), {"action": "role", "membership": membership.pk, "role": "editor"},
                           follow=True)
    assert "A council needs at least one admin" in response.content.decode()
    client.post(users_url(council), {"action": "remove", "membership": membership.pk})
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_a_membership_of_another_council_cannot_be_touched(client_for, council, other_council, owner, outsider):
    theirs = Membership.objects.get(user=outsider, council=other_council)
    response = client_for(owner).post(users_url(council), {"action": "remove", "membership": theirs.pk})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()
