"""The public update page, outside /c/<slug>/: it has no sign-in, and its token is the only key."""

from django.urls import path

from tracker.reminders import views

app_name = "reminder_links"
urlpatterns = [
    path("<str:token>/", views.update, name="update"),
]
