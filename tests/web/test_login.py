"""Signing in with Django auth, rate-limited per username and address; password reset by email."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from tests.web.conftest import PASSWORD


def sign_in(client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_member_signs_in_and_lands_on_their_council(client, council, owner):
    response = sign_in(client, "olivia", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("plans:dashboard",
                                                                   kwargs={"slug": council.slug})


def test_a_wrong_password_says_so(client, owner):
    response = sign_in(client, "olivia", "wrong")
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_block_the_sixth_attempt_even_with_the_right_password(client, owner):
    for _ in range(5):
        assert "Enter a correct username" in sign_in(client, "olivia", "guess").content.decode()
    response = sign_in(client, "olivia", PASSWORD)
    html = response.content.decode()
    assert "Too many failed sign-in attempts. Wait 15 minutes" in html
    assert "_auth_user_id" not in client.session
    # The block is for this username from this address: the owner can still sign in from elsewhere …
    assert sign_in(client, "olivia", PASSWORD, address="198.51.100.7").status_code == 302
    # … and a colleague from the same address is not blocked.


def test_the_block_is_per_username(client, owner, colleague):
    for _ in range(5):
        sign_in(client, "olivia", "guess")
    assert sign_in(client, "colin", PASSWORD).status_code == 302


def test_a_success_clears_earlier_failures(client, owner):
    for _ in range(4):
        sign_in(client, "olivia", "guess")
    assert sign_in(client, "olivia", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        sign_in(client, "olivia", "guess")
    assert sign_in(client, "olivia", PASSWORD).status_code == 302


def test_the_block_ends_when_the_window_passes(client, owner, settings):
    from django.core.cache import cache

    for _ in range(5):
        sign_in(client, "olivia", "guess")
    cache.clear()  # what the 15-minute expiry does
    assert sign_in(client, "olivia", PASSWORD).status_code == 302


def test_password_reset_by_email(client, owner):
    response = client.post(reverse("password_reset"), {"email": "olivia@example.gov.uk"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olivia@example.gov.uk"] and message.subject == "Reset your password for Action plans"
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session and redirects
    response = client.post(form_url, {"new_password1": "a new long passphrase 42",
                                      "new_password2": "a new long passphrase 42"})
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password("a new long passphrase 42")
    assert sign_in(client, "olivia", "a new long passphrase 42").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, owner):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.gov.uk"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_sign_in_page_renders(client):
    html = client.get(reverse("login")).content.decode()
    assert "Sign in" in html and 'class="govuk-input' in html and "Forgotten your password?" in html


def test_reset_emails_to_one_address_are_limited_wherever_they_are_asked_from(client, owner):
    for n in range(7):
        response = client.post(reverse("password_reset"), {"email": "olivia@example.gov.uk"},
                               REMOTE_ADDR=f"192.0.2.{n}")
        assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 5
