"""Committee reports, included by tracker/urls.py under c/<slug>/."""

from django.urls import path

from tracker.reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:plan_id>/reports/", views.plan_reports, name="plan_reports"),
    path("reports/<int:report_id>/appendix.docx", views.report_docx, name="docx"),
    path("reports/<int:report_id>/appendix.pdf", views.report_pdf, name="pdf"),
]
