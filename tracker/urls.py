"""Every URL. Pages about a council's data live under /c/<slug>/ and start with
tracker.accounts.access.council_for (tests/web/test_tenancy.py walks every pattern here to prove it)."""

from django.urls import include, path

from tracker.accounts import views as accounts_views
from tracker.plans import views as plans_views

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("accounts/", include("tracker.accounts.urls")),
    # Public sector sites must publish one; linked from every page's footer, readable without signing in.
    path("accessibility/", plans_views.accessibility, name="accessibility"),
    path("public/", include("tracker.public.urls")),
    path("api/", include("tracker.api.urls")),
    # Update links emailed to action leads (tracker/reminders): public, the token is the key.
    path("update/", include("tracker.reminders.link_urls")),
    path("c/<slug:slug>/users/", accounts_views.users, name="users"),
    path("c/<slug:slug>/", include("tracker.importers.urls")),
    path("c/<slug:slug>/", include("tracker.plans.urls")),
    path("c/<slug:slug>/", include("tracker.reports.urls")),
    path("c/<slug:slug>/", include("tracker.exchange.urls")),
    path("c/<slug:slug>/", include("tracker.reminders.urls")),
]
