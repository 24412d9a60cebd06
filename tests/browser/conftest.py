"""Real-browser tests: Django's live server, Debian's Chromium driven by Playwright, axe on every page.

Playwright's own browser download needs the internet, so we launch the system Chromium. Without it the tests
are skipped on a laptop and fail under CI (CI=true), where a missing browser is a broken build.

Every page a test visits must be checked with ``axe.check(page)``; a test that visits a page and does not
check it fails at teardown, so a new journey cannot quietly skip the accessibility check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# WCAG 2.2 AA, which public sector sites must meet.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

# Playwright's sync API runs an event loop in this thread; Django refuses database access from a thread with
# a running loop unless told it is safe (the test code itself is synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make system)")
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to run the browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class VisitedPages:
    """The URLs the page's main frame loaded, so teardown can tell which were never checked."""

    def __init__(self) -> None:
        self.visited: list[str] = []
        self.checked: set[str] = set()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    pages = VisitedPages()
    pg._visited_pages = pages  # read by the axe fixture

    def on_navigated(frame: Any) -> None:
        if frame == pg.main_frame and frame.url.startswith(live_server.url):
            pages.visited.append(frame.url)

    pg.on("framenavigated", on_navigated)
    yield pg
    context.close()


class Axe:
    """Runs axe-core (bundled in axe-playwright-python) on the page as it is now."""

    def __init__(self, pages: VisitedPages) -> None:
        from axe_playwright_python.sync_playwright import Axe as AxeRunner

        self._runner = AxeRunner()
        self._pages = pages

    def check(self, page: Any) -> None:
        page.wait_for_load_state("load")
        results = self._runner.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                                  "resultTypes": ["violations"]})
        self._pages.checked.add(page.url)
        bad = [v for v in results.response["violations"] if v.get("impact") in FAILING_IMPACTS]
        if bad:
            lines = [f"{page.url}: {len(bad)} serious or critical accessibility violation(s)"]
            for v in bad:
                targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
                lines.append(f"- {v['id']} ({v['impact']}): {v['help']} at {targets}")
            pytest.fail("\n".join(lines))


@pytest.fixture
def axe(page: Any) -> Iterator[Axe]:
    checker = Axe(page._visited_pages)
    yield checker
    unchecked = [url for url in dict.fromkeys(page._visited_pages.visited)
                 if url not in page._visited_pages.checked]
    if unchecked:
        pytest.fail("pages visited without an accessibility check: " + ", ".join(unchecked))


PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only


@pytest.fixture
def council(transactional_db: Any) -> Any:
    from tracker.accounts.models import Council

    return Council.objects.create(name="Lichfield District Council", slug="lichfield")


@pytest.fixture
def editor(council: Any) -> Any:
    """Colin, an editor in the council, with a password so he can sign in through the page."""
    from django.contrib.auth.models import User

    from tracker.accounts.models import Membership, Role

    user = User.objects.create_user("colin", "colin@example.gov.uk", PASSWORD, first_name="Colin",
                                    last_name="Colleague")
    Membership.objects.create(user=user, council=council, role=Role.EDITOR)
    return user


@pytest.fixture
def signed_in(page: Any, editor: Any, live_server: Any) -> Any:
    """The page with the editor's session cookie set, for journeys that do not test signing in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(editor)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])
    return page
