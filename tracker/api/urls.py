"""The JSON API (token-authenticated, no council in the path: the token says which council) and the
council's token page (signed-in admins, under c/<slug>/ so the tenancy walk covers it)."""

from django.urls import path

from tracker.api import views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    path("plans/", views.plans, name="plans"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
    path("plans/<int:plan_id>/actions/", views.plan_actions, name="plan_actions"),
    path("actions/<int:action_id>/", views.action, name="action"),
    path("c/<slug:slug>/tokens/", views.tokens, name="tokens"),
]
