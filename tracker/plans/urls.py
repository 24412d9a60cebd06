"""The plan pages, included by tracker/urls.py under c/<slug>/ (so every view takes the council's slug)."""

from django.urls import path

from tracker.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/progress/", views.progress_override, name="progress_override"),
    path("plans/<int:plan_id>/recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path("recommendations/<int:recommendation_id>/actions/add/", views.action_add, name="action_add"),
    path("recommendations/<int:recommendation_id>/remove/", views.recommendation_remove,
         name="recommendation_remove"),
    path("actions/<int:action_id>/", views.action_detail, name="action"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/remove/", views.action_remove, name="action_remove"),
    path("actions/<int:action_id>/extensions/", views.extension_create, name="extension_create"),
    path("actions/<int:action_id>/extensions/<int:extension_id>/", views.extension_decide,
         name="extension_decide"),
    path("leads/", views.leads, name="leads"),
]
