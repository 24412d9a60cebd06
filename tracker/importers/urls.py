from django.urls import path

from tracker.importers import views

app_name = "importers"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<int:pending_id>/", views.review_import, name="review"),
    path("import/<int:pending_id>/read-again/", views.read_again, name="read_again"),
    path("import/<int:pending_id>/discard/", views.discard_import, name="discard"),
    path("plans/<int:plan_id>/source/", views.plan_source, name="source"),
]
