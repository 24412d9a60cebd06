"""Reminder pages under c/<slug>/ (tracker/urls.py): contacts, and each plan's reporting dates and log."""

from django.urls import path

from tracker.reminders import views

app_name = "reminders"
urlpatterns = [
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/<int:mapping_id>/remove/", views.contact_unmap, name="contact_unmap"),
    path("plans/<int:plan_id>/reminders/", views.plan_reminders, name="plan"),
    path("plans/<int:plan_id>/reminders/dates/<int:reporting_date_id>/remove/", views.reporting_date_remove,
         name="reporting_date_remove"),
    path("plans/<int:plan_id>/reminders/links/<int:link_id>/chase/", views.link_chase, name="link_chase"),
    path("plans/<int:plan_id>/reminders/links/<int:link_id>/revoke/", views.link_revoke, name="link_revoke"),
    path("plans/<int:plan_id>/reminders/extensions/<int:extension_id>/", views.extension_decide,
         name="extension_decide"),
]
