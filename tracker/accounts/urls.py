from django.urls import include, path

from tracker.accounts import views

# Not namespaced: Django's auth views reverse their own names ("password_reset_done", …).
urlpatterns = [
    path("login/", views.RateLimitedLoginView.as_view(), name="login"),
    path("password_reset/", views.RateLimitedPasswordResetView.as_view(), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
