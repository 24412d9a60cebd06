"""The spreadsheet round trip and JSON export, included by tracker/urls.py under c/<slug>/."""

from django.urls import path

from tracker.exchange import views

app_name = "exchange"
urlpatterns = [
    path("plans/<int:plan_id>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("plans/<int:plan_id>/export.csv", views.export_csv, name="export_csv"),
    path("plans/<int:plan_id>/export.json", views.export_json, name="export_json"),
    path("plans/<int:plan_id>/spreadsheet/", views.spreadsheet, name="spreadsheet"),
    path("plans/<int:plan_id>/spreadsheet/<int:sheet_upload_id>/", views.preview, name="preview"),
    path("plans/<int:plan_id>/spreadsheet/<int:sheet_upload_id>/apply/", views.apply, name="apply"),
    path("plans/<int:plan_id>/spreadsheet/<int:sheet_upload_id>/discard/", views.discard, name="discard"),
]
