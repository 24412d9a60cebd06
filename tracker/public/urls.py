"""Public pages (no sign-in) and the page where a council publishes a plan.

The public URLs name the council ``council``, not ``slug``: they are deliberately open to everyone, so the
tenancy walk (tests/web/test_tenancy.py), which covers every ``<slug:slug>`` pattern, must not expect them to
refuse outsiders. Their own tests (tests/web/test_public.py) prove an unpublished plan is a 404 to all.
"""

from django.urls import path

from tracker.public import views

app_name = "public"

urlpatterns = [
    path("<slug:council>/", views.council_plans, name="council"),
    path("<slug:council>/plans/<int:plan_id>/", views.plan_page, name="plan"),
    path("<slug:council>/plans/<int:plan_id>/actions.csv", views.plan_csv, name="plan_csv"),
    # CSVW's default place for a CSV file's metadata: the CSV's URL with "-metadata.json" added.
    path("<slug:council>/plans/<int:plan_id>/actions.csv-metadata.json", views.plan_csv_metadata,
         name="plan_csv_metadata"),
    path("<slug:council>/plans/<int:plan_id>/plan.json", views.plan_json, name="plan_json"),
    path("c/<slug:slug>/plans/<int:plan_id>/publishing/", views.publishing, name="publishing"),
]
